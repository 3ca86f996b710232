// New dossier: department, then procedure, its document checklist, the applicant checked as typed,
// result at the desk or by post. The draft lives in sessionStorage, so a 401, a server error or a
// reload loses nothing; its Idempotency-Key lives there too, so a double click or a retry after a
// lost answer receives the dossier once.
import { call, newKey } from '../api.js';
import { h, show, field, setError, status, flash } from '../ui.js';
import { rules, clean } from '../validate.js';

const DRAFT = 'motcua.draft';
let catalogCache;

function loadDraft() {
  try { return JSON.parse(sessionStorage.getItem(DRAFT)) || null; } catch { return null; }
}

export async function newDossierScreen(route, app) {
  catalogCache ??= await call('GET', '/catalog');
  const catalog = catalogCache;
  const draft = loadDraft() || { key: newKey(), applicant: {}, documents: {}, resultMethod: 'at_desk', sets: 1 };
  const save = () => sessionStorage.setItem(DRAFT, JSON.stringify(draft));

  // ---- department and procedure
  const agency = h('select', { name: 'agency', autofocus: true },
    h('option', { value: '' }, '— Chọn cơ quan giải quyết —'),
    catalog.agencies.map(a => h('option', { value: a.id, selected: a.id === draft.agency }, a.nameVi)));
  const procedure = h('select', { name: 'procedureCode' });
  const checklist = h('tbody');
  const procedureInfo = h('p', { class: 'muted', id: 'procedure-info' });
  const checklistError = h('div', { class: 'error-text', id: 'checklist-error', 'aria-live': 'polite' });

  const currentProcedure = () => catalog.agencies.find(a => a.id === agency.value)?.procedures.find(p => p.code === procedure.value);

  function fillProcedures() {
    const a = catalog.agencies.find(x => x.id === agency.value);
    procedure.replaceChildren(h('option', { value: '' }, a ? '— Chọn thủ tục —' : '— Chọn cơ quan trước —'),
      ...(a ? a.procedures.map(p => h('option', { value: p.code, selected: p.code === draft.procedureCode }, p.nameVi + ' (' + p.code + ')')) : []));
    procedure.disabled = !a;
  }

  function fillChecklist() {
    const p = currentProcedure();
    checklist.replaceChildren();
    procedureInfo.textContent = p ? `Thời hạn giải quyết: ${p.timeLimit.text}. Phí, lệ phí: ${p.fee || 'không'}.` : '';
    byPost.disabled = !(p && p.resultByPost);
    if (byPost.disabled && draft.resultMethod === 'by_post') { draft.resultMethod = 'at_desk'; atDesk.checked = true; syncReturn(); }
    if (!p) return;
    p.documents.forEach((d, i) => {
      const saved = draft.documents[i] || { ticked: false, form: d.form === 'copy' ? 'copy' : 'original', count: d.count || 1 };
      draft.documents[i] = saved;
      const tick = h('input', { type: 'checkbox', name: 'doc-' + i, id: 'doc-' + i, checked: saved.ticked,
        onchange: () => { saved.ticked = tick.checked; save(); checklistError.textContent = ''; } });
      const form = h('select', { name: 'doc-form-' + i, 'aria-label': 'Hình thức: ' + d.name,
        onchange: () => { saved.form = form.value; save(); } },
        h('option', { value: 'original', selected: saved.form === 'original' }, 'Bản chính'),
        h('option', { value: 'copy', selected: saved.form === 'copy', disabled: d.form === 'original' }, 'Bản sao'));
      const count = h('input', { type: 'number', min: 1, max: 99, value: saved.count, name: 'doc-count-' + i, style: 'width:4.5em',
        'aria-label': 'Số lượng: ' + d.name, oninput: () => { saved.count = Math.max(1, parseInt(count.value, 10) || 1); save(); } });
      checklist.append(h('tr', {},
        h('td', {}, tick),
        h('td', {}, h('label', { for: 'doc-' + i }, d.name), d.required ? h('span', { class: 'badge late', title: 'Bắt buộc' }, ' bắt buộc') : null,
          h('div', { class: 'muted' }, 'Yêu cầu: ', d.formText, ', ', d.count, ' bản')),
        h('td', {}, form), h('td', {}, count)));
    });
  }

  agency.addEventListener('change', () => { draft.agency = agency.value; draft.procedureCode = ''; draft.documents = {}; save(); fillProcedures(); fillChecklist(); });
  procedure.addEventListener('change', () => { draft.procedureCode = procedure.value; draft.documents = {}; save(); setError(procedure, ''); fillChecklist(); });

  // ---- applicant, checked as typed (on input once touched, and when leaving the field)
  const inputs = {};
  const text = (name, label, type = 'text', extra = {}) => {
    const key = name.split('.')[1];
    const input = type === 'textarea' ? h('textarea', { name, rows: 2, ...extra }) : h('input', { type, name, ...extra });
    input.value = draft.applicant[key] || '';
    inputs[name] = input;
    let touched = !!draft.applicant[key];
    const check = () => setError(input, rules[name](input.value, draft));
    input.addEventListener('input', () => { draft.applicant[key] = input.value; save(); if (touched) check(); });
    input.addEventListener('blur', () => { touched = true; check(); });
    return field(label, input);
  };

  // ---- SMS notices: only with the applicant's consent, to a mobile number (the server checks again)
  const smsConsent = h('input', { type: 'checkbox', name: 'applicant.smsConsent', id: 'sms-consent', checked: !!draft.applicant.smsConsent });
  inputs['applicant.smsConsent'] = smsConsent;
  smsConsent.addEventListener('change', () => { draft.applicant.smsConsent = smsConsent.checked; save(); setError(smsConsent, rules['applicant.smsConsent'](smsConsent.checked, draft)); });

  // ---- result return
  const atDesk = h('input', { type: 'radio', name: 'resultMethod', value: 'at_desk', id: 'rm-desk', checked: draft.resultMethod !== 'by_post' });
  const byPost = h('input', { type: 'radio', name: 'resultMethod', value: 'by_post', id: 'rm-post', checked: draft.resultMethod === 'by_post' });
  const postAddress = h('textarea', { name: 'resultReturn.address', rows: 2 });
  postAddress.value = draft.postAddress || '';
  inputs['resultReturn.address'] = postAddress;
  const postField = field('Địa chỉ nhận kết quả qua bưu chính', postAddress, 'Cước bưu chính do người nộp trả.');
  const syncReturn = () => { postField.hidden = draft.resultMethod !== 'by_post'; };
  for (const r of [atDesk, byPost]) r.addEventListener('change', () => { draft.resultMethod = r.value; save(); syncReturn(); });
  postAddress.addEventListener('input', () => { draft.postAddress = postAddress.value; save(); if (postAddress.getAttribute('aria-invalid')) setError(postAddress, rules['resultReturn.address'](postAddress.value, draft)); });
  postAddress.addEventListener('blur', () => setError(postAddress, rules['resultReturn.address'](postAddress.value, draft)));
  const sets = h('input', { type: 'number', name: 'sets', min: 1, max: 20, value: draft.sets || 1, style: 'width:5em',
    oninput: () => { draft.sets = parseInt(sets.value, 10) || 1; save(); } });

  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit-dossier' }, 'Tiếp nhận hồ sơ');
  const guidance = h('div', { id: 'guidance', 'aria-live': 'polite' });

  function validateAll() {
    const problems = [];
    setError(agency, agency.value ? '' : 'Cần chọn cơ quan giải quyết.');
    if (!agency.value) problems.push(agency);
    setError(procedure, procedure.value ? '' : 'Cần chọn thủ tục.');
    if (agency.value && !procedure.value) problems.push(procedure);
    const p = currentProcedure();
    if (p) {
      const ticked = Object.entries(draft.documents).filter(([, d]) => d.ticked);
      checklistError.textContent = ticked.length ? '' : 'Cần đánh dấu các giấy tờ đã nhận.';
      if (!ticked.length) problems.push(document.getElementById('doc-0'));
    }
    for (const [name, input] of Object.entries(inputs)) {
      const message = rules[name](input.type === 'checkbox' ? input.checked : input.value, draft);
      setError(input, message);
      if (message) problems.push(input);
    }
    return problems;
  }

  function body() {
    const p = currentProcedure();
    const a = draft.applicant;
    const applicant = { name: clean(a.name), idNumber: clean(a.idNumber).replace(/ /g, '').toUpperCase(), phone: clean(a.phone), address: clean(a.address) };
    if (clean(a.email)) applicant.email = clean(a.email);
    if (a.smsConsent) applicant.smsConsent = true;
    return {
      applicant, procedureCode: p.code,
      documents: Object.entries(draft.documents).filter(([, d]) => d.ticked).map(([i, d]) => ({ index: Number(i), form: d.form, count: d.count })),
      sets: draft.sets || 1,
      resultReturn: draft.resultMethod === 'by_post' ? { method: 'by_post', address: clean(draft.postAddress) } : { method: 'at_desk' },
      channel: 'in_person',
    };
  }

  let sending = false;
  const form = h('form', { novalidate: true, id: 'new-dossier', onsubmit: async e => {
    e.preventDefault();
    if (sending) return; // a double click: the first submit is still on its way (and the key dedupes anyway)
    guidance.replaceChildren();
    const problems = validateAll();
    if (problems.length) {
      status(`Còn ${problems.length} mục chưa hợp lệ; xem thông báo màu đỏ cạnh từng mục.`, 'error');
      problems[0].focus();
      return;
    }
    sending = true; submit.disabled = true;
    status('Đang tiếp nhận hồ sơ…');
    try {
      const answer = await call('POST', '/dossiers', { body: body(), headers: { 'idempotency-key': draft.key } });
      sessionStorage.setItem('motcua.receipt.' + answer.code, answer.receiptHtml);
      sessionStorage.setItem('motcua.secret.' + answer.code, answer.receipt.lookupSecret || '');
      sessionStorage.removeItem(DRAFT);
      flash(`Đã tiếp nhận hồ sơ ${answer.code}. Hẹn trả ngày ${answer.receipt.appointment || 'theo thông báo'}.`, 'ok');
      app.go('#ho-so/' + encodeURIComponent(answer.code) + '?bien-nhan=1');
    } catch (err) {
      showProblem(err);
    } finally {
      sending = false; submit.disabled = false;
    }
  } },
    h('h1', {}, 'Tiếp nhận hồ sơ mới'),
    h('div', { class: 'grid' },
      h('div', { class: 'card' },
        h('h2', {}, '1. Thủ tục'),
        field('Cơ quan giải quyết', agency), field('Thủ tục hành chính', procedure), procedureInfo,
        h('h2', {}, '2. Thành phần hồ sơ đã nhận'),
        h('table', { class: 'checklist' }, h('thead', {}, h('tr', {}, h('th', {}, 'Nhận'), h('th', {}, 'Giấy tờ'), h('th', {}, 'Hình thức'), h('th', {}, 'Số lượng'))), checklist),
        checklistError,
        field('Số bộ hồ sơ', sets)),
      h('div', { class: 'card' },
        h('h2', {}, '3. Người nộp hồ sơ'),
        text('applicant.name', 'Họ và tên', 'text', { autocomplete: 'off' }),
        text('applicant.idNumber', 'Số CCCD hoặc hộ chiếu', 'text', { inputmode: 'text', autocomplete: 'off' }),
        text('applicant.phone', 'Số điện thoại', 'tel', { autocomplete: 'off' }),
        text('applicant.email', 'Thư điện tử (không bắt buộc)', 'email', { autocomplete: 'off' }),
        text('applicant.address', 'Địa chỉ', 'textarea'),
        field('Người nộp đồng ý nhận tin nhắn SMS về hồ sơ tới số di động trên', smsConsent,
          'Thư điện tử được gửi khi có địa chỉ; SMS chỉ khi người nộp đồng ý.'),
        h('h2', {}, '4. Nhận kết quả'),
        h('fieldset', {}, h('legend', {}, 'Hình thức nhận kết quả'),
          h('label', {}, atDesk, ' Tại Bộ phận Một cửa'), ' ', h('label', {}, byPost, ' Qua dịch vụ bưu chính')),
        postField)),
    guidance,
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', onclick: () => { sessionStorage.removeItem(DRAFT); app.go('#moi'); } }, 'Xóa và nhập lại'),
      h('span', { class: 'muted' }, 'Ctrl+Enter để gửi (Enter chuyển sang ô tiếp theo); bản nháp được giữ đến khi tiếp nhận xong.')));

  // Ctrl+Enter sends; a bare Enter in a field does not (a clerk typing a name presses it out of habit), it moves on
  form.addEventListener('keydown', e => {
    if (e.key !== 'Enter') return;
    if (e.ctrlKey) { e.preventDefault(); form.requestSubmit(); return; }
    const t = e.target;
    if (t.tagName === 'INPUT') {
      e.preventDefault();
      const controls = [...form.querySelectorAll('input, select, textarea, button')].filter(c => !c.disabled && c.offsetParent !== null);
      controls[controls.indexOf(t) + 1]?.focus();
    }
  });

  function showProblem(err) {
    status(err.message, 'error');
    const fields = err.fields || [];
    for (const f of fields) {
      const input = inputs[f.field] || (f.field === 'procedureCode' ? procedure : null);
      if (input) setError(input, f.message);
    }
    const first = fields.map(f => inputs[f.field]).find(Boolean);
    if (first) first.focus();
    if (err.code === 'MISSING_DOCUMENTS' && err.body) {
      const missing = err.body.missing || err.body.error?.missing || [];
      guidance.replaceChildren(h('div', { class: 'card' }, h('h2', {}, 'Hồ sơ chưa đủ: hướng dẫn bổ sung (mẫu 02)'),
        h('ul', {}, missing.map(m => h('li', {}, typeof m === 'string' ? m : [m.name, m.reason ? ' — ' + m.reason : ''].join('')))),
        h('p', { class: 'muted' }, 'Hồ sơ chưa được tiếp nhận; chưa có mã hồ sơ. Bổ sung giấy tờ rồi gửi lại.')));
    }
  }

  show(route, form);
  fillProcedures(); fillChecklist(); syncReturn();
}
