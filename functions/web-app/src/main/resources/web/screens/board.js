// Today's board, the desk's worklist: every list of GET /worklist (each read from an index), and the search by
// dossier code, applicant name (with or without diacritics), ID number or phone (GET /dossiers?q=).
import { call } from '../api.js';
import { h, show, day, when, field, setError } from '../ui.js';
import { printableDeskForm } from '../forms.js';

const METHODS = { AT_DESK: 'Trả tại quầy', BY_POST: 'Gửi qua bưu chính' };

function row(d, note) {
  return h('li', {},
    h('a', { href: '#ho-so/' + encodeURIComponent(d.code) }, d.code), ' ', h('span', {}, d.applicantName || ''),
    h('div', {}, d.procedure.nameVi),
    h('div', { class: 'muted' }, d.agency.nameVi, ' · hẹn ', day(d.appointment?.current || d.dueDate), note ? ' · ' + note(d) : ''));
}

function section(id, title, list, { note, groupBy } = {}) {
  const items = list.items;
  let body;
  if (!items.length) body = h('p', { class: 'muted' }, 'Không có hồ sơ nào.');
  else if (groupBy) {
    const groups = new Map();
    for (const d of items) { const k = groupBy(d); if (!groups.has(k)) groups.set(k, []); groups.get(k).push(d); }
    body = [...groups].map(([k, ds]) => h('div', { class: 'group' }, h('h3', {}, k, ' (', ds.length, ')'), h('ul', {}, ds.map(d => row(d, note)))));
  } else body = h('ul', {}, items.map(d => row(d, note)));
  return h('section', { class: 'card', id, 'aria-labelledby': id + '-title' },
    h('h2', { id: id + '-title' }, title, ' ', h('span', { class: 'count' }, items.length + (list.more ? '+' : ''))),
    body, list.more ? h('p', { class: 'muted' }, 'Còn nữa: chỉ hiện 100 hồ sơ đầu; dùng ô tìm kiếm.') : null);
}

/** A guidance or refusal at the desk, with its "In lại" button: the form printed again into {@code holder}. */
function refusalRow(r, holder) {
  return h('li', {},
    h('strong', {}, r.applicantName), ' · ', r.kindLabel, ' (mẫu ', r.form, ')',
    h('div', {}, r.procedure.nameVi),
    h('div', { class: 'muted' }, when(r.at), ' · ', r.clerkName, ' ',
      h('button', { type: 'button', class: 'reprint', 'data-id': r.id, 'aria-label': `In lại mẫu ${r.form} của ${r.applicantName}`,
        onclick: async e => {
          const button = e.currentTarget;
          button.disabled = true;
          try {
            holder.replaceChildren(await printableDeskForm(r.id, r.form, r.applicantName));
            document.getElementById('print-form-' + r.form)?.focus();
          } finally {
            button.disabled = false;
          }
        } }, `In lại mẫu ${r.form}`)));
}

/**
 * The guidance (form 02) and refusals (form 03) at the desk, today's first: a citizen back for a lost slip is found
 * by name, and "In lại" prints the form again from the server's record, in the card under the list (one at a time).
 * The day picker (Enter or "Xem") lists an earlier day's (GET /dossiers/refusals?on=).
 */
function deskRefusals(first, today) {
  const holder = h('div', { id: 'desk-refusal-form', 'aria-live': 'polite' });
  const title = h('h2', { id: 'desk-refusals-title' });
  const listed = h('div', { id: 'desk-refusals-list', 'aria-live': 'polite' });
  const render = (list, date) => {
    const items = list.items.map(r => refusalRow(r, holder));
    title.replaceChildren(date === today ? 'Hướng dẫn, từ chối hôm nay' : 'Hướng dẫn, từ chối ngày ' + day(date), ' ',
      h('span', { class: 'count' }, items.length + (list.more ? '+' : '')));
    listed.replaceChildren(items.length ? h('ul', {}, items)
      : h('p', { class: 'muted' }, (date === today ? 'Hôm nay' : 'Ngày ' + day(date)) + ' chưa hướng dẫn hay từ chối hồ sơ nào.'),
      list.more ? h('p', { class: 'muted' }, 'Còn nữa: chỉ hiện 100 phiếu.') : '');
  };
  // Enter in the date lists that day (Tab walks the day, month and year of the field)
  const on = h('input', { type: 'date', name: 'refusalsOn', value: today, max: today, required: true, style: 'width:11em',
    onkeydown: e => { if (e.key === 'Enter') { e.preventDefault(); e.currentTarget.form.requestSubmit(); } } });
  const picker = h('form', { class: 'actions', id: 'desk-refusals-day', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    setError(on, on.value ? '' : 'Chọn một ngày.');
    if (!on.value) { on.focus(); return; }
    try {
      const list = await call('GET', '/dossiers/refusals?on=' + encodeURIComponent(on.value));
      setError(on, '');
      holder.replaceChildren();
      render(list, list.on);
    } catch (err) {
      setError(on, err.message);
      on.focus();
    }
  } }, field('Xem ngày', on), h('button', { type: 'submit' }, 'Xem'));
  render(first, today);
  return h('section', { class: 'card desk-refusals', id: 'desk-refusals', 'aria-labelledby': 'desk-refusals-title' },
    title, picker, listed, holder);
}

export async function boardScreen(route, app) {
  const w = await call('GET', '/worklist');

  const q = h('input', { type: 'search', name: 'q', autocomplete: 'off', style: 'width:28em',
    placeholder: 'Mã hồ sơ, họ tên (có hoặc không dấu), số CCCD, số điện thoại' });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  const search = h('form', { class: 'actions', role: 'search', onsubmit: async e => {
    e.preventDefault();
    const text = q.value.trim();
    setError(q, text ? '' : 'Cần nhập nội dung tìm kiếm.');
    if (!text) { q.focus(); return; }
    try {
      const page = await call('GET', '/dossiers?q=' + encodeURIComponent(text) + '&limit=50');
      setError(q, '');
      if (page.items.length === 1 && page.items[0].code.toUpperCase() === text.toUpperCase()) {
        app.go('#ho-so/' + encodeURIComponent(page.items[0].code));
        return;
      }
      results.replaceChildren(h('div', { class: 'card' }, h('h2', {}, 'Kết quả tìm kiếm ', h('span', { class: 'count' }, page.items.length + (page.nextCursor ? '+' : ''))),
        page.items.length ? h('ul', { class: 'results' }, page.items.map(d => row(d, x => x.state.label)))
          : h('p', { class: 'muted' }, 'Không tìm thấy hồ sơ nào.')));
      results.querySelector('a')?.focus();
    } catch (err) {
      setError(q, err.message);
      q.focus();
    }
  } }, field('Tìm hồ sơ (phím /)', q), h('button', { type: 'submit' }, 'Tìm'));

  const agencyOf = d => d.agency.nameVi;
  show(route, h('h1', {}, 'Bảng hôm nay, ', day(w.today)), search, results,
    h('div', { class: 'board' },
      section('received-today', 'Tiếp nhận hôm nay', w.receivedToday, { note: d => d.state.label }),
      section('due-today', 'Đến hạn hôm nay', w.dueToday, { note: d => d.state.label }),
      section('overdue', 'Quá hạn', w.overdue, { note: d => d.state.label }),
      section('result-ready', 'Có kết quả, chờ trả', w.resultReady, { groupBy: d => METHODS[d.resultMethod] || d.resultMethod }),
      section('waiting-fee', 'Chờ nộp phí, lệ phí', w.waitingFee, { note: d => 'phí ' + (d.feeDue || '?') }),
      section('supplements', 'Chờ bổ sung', w.waitingSupplement),
      section('withdrawals', 'Xin rút hồ sơ', w.withdrawalRequested),
      section('in-process', 'Đang giải quyết', w.inProcess, { groupBy: agencyOf, note: d => d.state.label })),
    deskRefusals(w.deskRefusalsToday, w.today));
  document.addEventListener('keydown', function slash(e) {
    if (!document.body.contains(q)) { document.removeEventListener('keydown', slash); return; }
    if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName)) { e.preventDefault(); q.focus(); }
  });
}
