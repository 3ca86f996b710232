// Today's board: due today, overdue, results ready to hand back, waiting for supplements.
import { call } from '../api.js';
import { h, show, day, today, field, setError } from '../ui.js';

async function all(query) {
  const items = [];
  let cursor = null;
  do {
    const page = await call('GET', '/dossiers?' + query + '&limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 500);
  return items;
}

export async function boardScreen(route, app) {
  const now = today();
  const catalog = await call('GET', '/catalog');
  const byState = state => Promise.all(catalog.agencies.map(a => all(`agency=${encodeURIComponent(a.id)}&state=${state}`))).then(x => x.flat());
  const [due, ready, supplements] = await Promise.all([all('dueBy=' + now), byState('RESULT_READY'), byState('SUPPLEMENT_REQUESTED')]);
  const overdue = due.filter(d => d.overdue || (d.dueDate && d.dueDate < now));
  const dueToday = due.filter(d => !overdue.includes(d));

  const code = h('input', { type: 'text', name: 'code', placeholder: '000.00.92.H48-261128-0001', autocomplete: 'off', style: 'width:20em' });
  const open = h('form', { class: 'actions', onsubmit: e => {
    e.preventDefault();
    const c = code.value.trim();
    if (!/^[0-9A-Za-z.]+-\d{6}-\d{4}$/.test(c)) { setError(code, 'Mã hồ sơ có dạng 000.00.92.H48-261128-0001.'); code.focus(); return; }
    app.go('#ho-so/' + encodeURIComponent(c));
  } }, field('Mở hồ sơ theo mã (phím /)', code), h('button', { type: 'submit' }, 'Mở'));

  const section = (id, title, items, note) => h('section', { class: 'card', id, 'aria-labelledby': id + '-title' },
    h('h2', { id: id + '-title' }, title, ' ', h('span', { class: 'count' }, items.length)),
    items.length ? h('ul', {}, items.map(d => h('li', {},
      h('a', { href: '#ho-so/' + encodeURIComponent(d.code) }, d.code),
      h('div', {}, d.procedure.nameVi), h('div', { class: 'muted' }, d.agency.nameVi, ' · hẹn ', day(d.appointment?.current || d.dueDate), note ? ' · ' + note(d) : ''))))
      : h('p', { class: 'muted' }, 'Không có hồ sơ nào.'));

  show(route, h('h1', {}, 'Bảng hôm nay, ', day(now)), open,
    h('div', { class: 'board' },
      section('due-today', 'Đến hạn hôm nay', dueToday),
      section('overdue', 'Quá hạn', overdue, d => d.state.label),
      section('result-ready', 'Có kết quả, chờ trả', ready),
      section('supplements', 'Chờ bổ sung', supplements)));
  document.addEventListener('keydown', function slash(e) {
    if (!document.body.contains(code)) { document.removeEventListener('keydown', slash); return; }
    if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName)) { e.preventDefault(); code.focus(); }
  });
}
