// The public status page: dossier code and the secret printed on the receipt. A QR code on the
// receipt opens it as #tra-cuu?ma=CODE&bimat=SECRET (the fragment never reaches a server or a log).
import { call } from '../api.js';
import { h, show, field, setError, status } from '../ui.js';

const CODE = /^[0-9A-Za-z.]+-\d{6}-\d{4}$/;

export async function lookupScreen(route) {
  const code = h('input', { type: 'text', name: 'code', autocomplete: 'off', spellcheck: false, autofocus: true,
    value: route.params.get('ma') || route.params.get('code') || '', placeholder: '000.00.53.H48-220921-0099' });
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
        h('p', {}, d.nextStep), ratingPart(d, code.value.trim(), secret.value.trim().toUpperCase())));
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

// The citizen's rating, once the result is returned: 1 to 5 stars and an optional comment, once per dossier.
function ratingPart(d, code, secret) {
  const r = d.rating || {};
  if (r.given) return h('p', { id: 'rating-given' }, `Ông/Bà đã đánh giá ${r.given.score}/5 ngày ${r.given.dayText}. Cảm ơn Ông/Bà.`);
  if (!r.open) return null;
  const LABELS = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'];
  const scores = LABELS.map((text, i) => h('label', { class: 'rating-choice' },
    h('input', { type: 'radio', name: 'score', value: String(i + 1), id: 'score-' + (i + 1) }), ` ${i + 1} – ${text}`));
  const comment = h('textarea', { name: 'comment', rows: 3, maxlength: 500, id: 'rating-comment' });
  const problem = h('div', { class: 'error-text', id: 'rating-error', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'rating-submit' }, 'Gửi đánh giá');
  const part = h('form', { id: 'rating', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    const chosen = part.querySelector('input[name=score]:checked');
    const text = comment.value.trim();
    if (!chosen) { problem.textContent = 'Xin chọn mức đánh giá từ 1 đến 5.'; return; }
    if (text.length > 500) { problem.textContent = 'Góp ý tối đa 500 ký tự.'; return; }
    if (/[<>]/.test(text)) { problem.textContent = 'Góp ý không được chứa dấu < hoặc >.'; return; }
    send.disabled = true;
    try {
      const body = { score: Number(chosen.value) };
      if (text) body.comment = text;
      const answer = await call('POST', '/public/dossiers/' + encodeURIComponent(code) + '/rating',
        { auth: false, body, headers: { 'x-lookup-secret': secret } });
      part.replaceWith(h('p', { id: 'rating-thanks', class: 'ok' }, answer.message));
    } catch (err) {
      problem.textContent = err.message;
      send.disabled = false;
    }
  } },
    h('h3', {}, 'Đánh giá chất lượng phục vụ'),
    h('p', { class: 'muted' }, 'Ông/Bà đã nhận kết quả. Xin cho biết mức độ hài lòng (mỗi hồ sơ đánh giá một lần).'),
    h('fieldset', {}, h('legend', {}, 'Mức độ hài lòng'), scores),
    field('Góp ý (không bắt buộc, tối đa 500 ký tự)', comment), problem, h('div', { class: 'actions' }, send));
  return part;
}
