// The pilot's dashboard for the province office: received, on time and late per department and
// month, drawn as SVG from GET /reports/statistics (one call per month), and the last month's scorecard
// (Decision 766) from GET /reports/scorecard.
import { call, download } from '../api.js';
import { h, show, today, field, setError, status } from '../ui.js';
import { portalSyncBlock } from './portal-sync-block.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Rates as Vietnamese write them: "66,7 %". */
const RATE = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COLORS = { received: '#0b5cad', onTime: '#1d7a36', late: '#b3261e' };
const LABELS = { received: 'Tiếp nhận', onTime: 'Đúng và trước hạn', late: 'Trễ hạn' };

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function months(last, count) {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Grouped bars: for each month, received / on time / late. */
function chart(title, series) {
  const W = 620, H = 220, left = 36, bottom = 28, top = 10;
  const max = Math.max(1, ...series.flatMap(p => [p.received, p.onTime, p.late]));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const y = v => top + (H - top - bottom) * (1 - v / ceiling);
  const groupW = (W - left) / series.length, barW = Math.min(22, (groupW - 12) / 3);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title });
  for (let v = 0; v <= ceiling; v += step) {
    svg.append(s('line', { x1: left, x2: W, y1: y(v), y2: y(v), stroke: '#dde3ea' }),
      s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#5a6470' }, v));
  }
  series.forEach((p, i) => {
    const x0 = left + i * groupW + (groupW - 3 * barW) / 2;
    ['received', 'onTime', 'late'].forEach((k, j) => {
      const rect = s('rect', { x: x0 + j * barW, y: y(p[k]), width: barW - 2, height: Math.max(0, y(0) - y(p[k])), fill: COLORS[k] });
      rect.append(s('title', {}, `${p.label}: ${LABELS[k]} ${p[k]}`));
      svg.append(rect);
      if (p[k] > 0) svg.append(s('text', { x: x0 + j * barW + (barW - 2) / 2, y: y(p[k]) - 2, 'text-anchor': 'middle', 'font-size': 10 }, p[k]));
    });
    svg.append(s('text', { x: left + i * groupW + groupW / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 11 }, p.label));
  });
  return h('figure', { class: 'chart' }, h('figcaption', {}, h('strong', {}, title)), svg);
}

function niceStep(max) {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw || 1));
  return Math.max(1, [1, 2, 5, 10].map(f => f * pow).find(f => f >= raw) || 1); // counts: whole numbers only
}

export async function dashboardScreen(route) {
  const last = route.params.get('den') || today().slice(0, 7);
  const until = h('input', { type: 'month', name: 'until', value: last });
  const form = h('form', { class: 'actions', onsubmit: e => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}$/.test(until.value)) { setError(until, 'Chọn tháng, ví dụ 2026-11.'); return; }
    location.hash = '#thong-ke?den=' + until.value;
  } }, field('Đến tháng', until), h('button', { type: 'submit' }, 'Xem'));

  const span = months(last, 6);
  const [reports, card] = await Promise.all([
    Promise.all(span.map(m => call('GET', `/reports/statistics?from=${m}-01&to=${lastDay(m)}`))),
    call('GET', `/reports/scorecard?month=${last}`)]);
  const agencies = reports[0].agencies.map(a => a.agency);
  const label = m => 'T' + Number(m.slice(5)) + '/' + m.slice(2, 4);
  const charts = agencies.map(agency => chart(agency.nameVi, span.map((m, i) => {
    const a = reports[i].agencies.find(x => x.agency.id === agency.id);
    return { label: label(m), received: a.received.new, onTime: a.finished.early + a.finished.onTime, late: a.finished.late };
  })));
  const totals = agencies.map(agency => {
    const t = { received: 0, guided: 0, refused: 0, withdrawn: 0, early: 0, onTime: 0, late: 0, finished: 0 };
    reports.forEach(r => { const a = r.agencies.find(x => x.agency.id === agency.id);
      t.received += a.received.new; t.early += a.finished.early; t.onTime += a.finished.onTime; t.late += a.finished.late; t.finished += a.finished.total;
      t.guided += a.atDesk.guidedToComplete; t.refused += a.atDesk.refused; t.withdrawn += a.withdrawn; });
    return h('tr', {}, h('td', {}, agency.nameVi), h('td', {}, t.received),
      h('td', {}, t.guided), h('td', {}, t.refused), h('td', {}, t.withdrawn),
      h('td', {}, t.finished), h('td', {}, t.early), h('td', {}, t.onTime), h('td', {}, t.late),
      h('td', {}, t.finished ? RATE.format(100 * (t.early + t.onTime) / t.finished) + ' %' : '—'));
  });
  const from = span[0] + '-01', to = lastDay(span[5]);
  const csv = (id, path, text) => h('button', { type: 'button', id, onclick: async () => {
    try { status('Đã tải ' + await download(path), 'ok'); } catch (e) { status(e.message, 'error'); }
  } }, text);
  const exports = h('div', { class: 'actions', id: 'exports' },
    csv('csv-statistics', `/reports/statistics?from=${from}&to=${to}&format=csv`, 'Tải bảng thống kê (CSV)'),
    csv('csv-tracking-book', `/reports/tracking-book?from=${from}&to=${to}&format=csv`, 'Tải Sổ theo dõi hồ sơ, mẫu 06 (CSV)'),
    csv('csv-scorecard', `/reports/scorecard?month=${last}&format=csv`, 'Tải Bộ chỉ số tháng ' + label(last) + ' (CSV)'));
  // The citizens' ratings (1 to 5), per department and month: count and average with a decimal comma.
  const ratingRows = agencies.map(agency => h('tr', {}, h('td', {}, agency.nameVi), span.map((m, i) => {
    const r = (reports[i].ratings || []).find(x => x.agency.id === agency.id && x.month === m);
    return h('td', {}, r ? `${r.averageText} (${r.count} lượt)` : '—');
  })));
  status('');
  show(route, h('h1', {}, 'Thống kê thí điểm: ', label(span[0]), ' – ', label(span[5])), form, exports,
    h('div', { class: 'legend' }, Object.entries(LABELS).map(([k, v]) => h('span', {}, h('i', { style: 'background:' + COLORS[k] }), v))),
    h('div', { class: 'grid', id: 'charts' }, charts),
    h('h2', {}, 'Tổng 6 tháng'),
    h('table', { id: 'totals' }, h('thead', {}, h('tr', {}, ['Cơ quan', 'Tiếp nhận mới', 'Hướng dẫn bổ sung (mẫu 02)', 'Từ chối tiếp nhận (mẫu 03)', 'Rút hồ sơ',
      'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Tỷ lệ đúng hạn'].map(x => h('th', {}, x)))),
      h('tbody', {}, totals)),
    h('h2', {}, 'Đánh giá của người dân (điểm trung bình 1–5, số lượt)'),
    h('table', { id: 'ratings' }, h('thead', {}, h('tr', {}, h('th', {}, 'Cơ quan'), span.map(m => h('th', {}, label(m))))),
      h('tbody', {}, ratingRows)),
    scorecard(card, label(last)),
    portalSyncBlock(from, to));
}

/**
 * The month's scorecard (Decision 766/QĐ-TTg): a table per department, one row per indicator; the formula and
 * source of each are in its tooltip and in the numbered notes below, the ones the system cannot compute say why.
 */
function scorecard(card, month) {
  const notes = new Map(card.indicators.map((i, n) => [i.id, { ...i, n: n + 1 }]));
  const tables = card.agencies.map(a => h('table', { class: 'scorecard' },
    h('caption', {}, a.agency.nameVi),
    h('thead', {}, h('tr', {}, [['Nhóm', 'group'], ['Chỉ số', 'name'], ['Giá trị', 'value']].map(([x, c]) => h('th', { class: c }, x)))),
    h('tbody', {}, a.scores.map(sc => {
      const i = notes.get(sc.indicator);
      const tip = i.computable ? `Công thức: ${i.formulaVi}\nNguồn: ${i.source}` : `${i.notComputableBecause}\nNguồn: ${i.source}`;
      return h('tr', { title: tip, class: sc.kind === 'notComputable' ? 'not-computable' : '' },
        h('td', {}, i.groupVi), h('td', {}, i.nameVi, h('sup', {}, i.n)), h('td', { class: 'value' }, sc.text));
    }))));
  const footnotes = h('ol', { class: 'footnotes' }, [...notes.values()].map(i => h('li', {},
    h('strong', {}, i.nameVi), ': ', i.computable ? i.formulaVi : 'chưa tính được. ' + i.notComputableBecause, ' (', i.source, ')')));
  return h('section', { id: 'scorecard' },
    h('h2', {}, 'Bộ chỉ số phục vụ người dân, doanh nghiệp tháng ' + month),
    h('p', {}, 'Theo ' + card.decision + '. Công thức và nguồn của từng chỉ số: di chuột lên dòng, hoặc xem ghi chú cuối bảng.'),
    h('div', { class: 'scorecards' }, tables), h('h3', {}, 'Công thức và nguồn'), footnotes);
}
