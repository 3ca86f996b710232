// The public status page: dossier code and the secret printed on the receipt. A QR code on the
// receipt opens it as #tra-cuu?ma=CODE&bimat=SECRET (the fragment never reaches a server or a log).
import { call } from '../api.js';
import { h, show, field, setError, status } from '../ui.js';

const CODE = /^[0-9A-Za-z.]+-\d{6}-\d{4}$/;

export async function lookupScreen(route) {
  const code = h('input', { type: 'text', name: 'code', autocomplete: 'off', spellcheck: false, autofocus: true,
    value: route.params.get('ma') || '', placeholder: '000.00.53.H48-220921-0099' });
  const secret = h('input', { type: 'text', name: 'secret', autocomplete: 'off', spellcheck: false,
    value: route.params.get('bimat') || '', placeholder: 'K7M2QXPA' });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Tra cứu');

  const check = () => {
    const c = code.value.trim(), s = secret.value.trim();
    setError(code, !c ? 'Cần nhập mã hồ sơ in trên giấy tiếp nhận.' : CODE.test(c) ? '' : 'Mã hồ sơ có dạng 000.00.53.H48-220921-0099.');
    setError(secret, !s ? 'Cần nhập mã tra cứu in trên giấy tiếp nhận.' : /^[A-Za-z0-9]{6,16}$/.test(s) ? '' : 'Mã tra cứu gồm chữ và số, như in trên giấy tiếp nhận.');
    return c && s && CODE.test(c) && /^[A-Za-z0-9]{6,16}$/.test(s);
  };
  code.addEventListener('input', () => code.value && setError(code, ''));
  secret.addEventListener('input', () => secret.value && setError(secret, ''));

  const lookup = async () => {
    if (!check()) { (code.getAttribute('aria-invalid') ? code : secret).focus(); return; }
    submit.disabled = true;
    try {
      const d = await call('GET', '/public/dossiers/' + encodeURIComponent(code.value.trim()),
        { auth: false, headers: { 'x-lookup-secret': secret.value.trim().toUpperCase() } });
      status('');
      result.replaceChildren(h('div', { class: 'card', id: 'lookup-result' },
        h('h2', {}, 'Hồ sơ ', d.code),
        h('table', {}, h('tbody', {},
          row('Người nộp', d.applicant), row('Thủ tục', d.procedure), row('Cơ quan giải quyết', d.agency),
          row('Tình trạng', h('strong', { id: 'lookup-state' }, d.state.label)),
          row('Ngày tiếp nhận', d.receivedOnText), row('Ngày hẹn trả', d.appointment?.currentText || 'không quy định'))),
        h('p', {}, d.nextStep)));
    } catch (e) {
      result.replaceChildren();
      status(e.message, 'error');
    } finally {
      submit.disabled = false;
    }
  };

  show(route, h('form', { class: 'card narrow', novalidate: true, onsubmit: e => { e.preventDefault(); lookup(); } },
    h('h1', {}, 'Tra cứu tình trạng hồ sơ'),
    h('p', { class: 'muted' }, 'Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.'),
    field('Mã hồ sơ', code), field('Mã tra cứu', secret), h('div', { class: 'actions' }, submit)), result);
  if (code.value && secret.value) await lookup();
}

function row(label, value) { return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value)); }
