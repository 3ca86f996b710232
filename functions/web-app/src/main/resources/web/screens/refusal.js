// Refusing to receive a dossier (form 03): the procedure asked for, the applicant, the reasons. The
// server records the refusal and answers the printable form 03, shown here with its print button.
import { call, newKey } from '../api.js';
import { h, show, field, setError, status } from '../ui.js';
import { formCard } from '../forms.js';

export async function refusalScreen(route) {
  const catalog = await call('GET', '/catalog');
  const agency = h('select', { name: 'agency', autofocus: true },
    h('option', { value: '' }, '— chọn cơ quan —'), catalog.agencies.map(a => h('option', { value: a.id }, a.nameVi)));
  const procedure = h('select', { name: 'procedureCode' }, h('option', { value: '' }, '— chọn cơ quan trước —'));
  agency.addEventListener('change', () => {
    const a = catalog.agencies.find(x => x.id === agency.value);
    procedure.replaceChildren(h('option', { value: '' }, a ? '— chọn thủ tục —' : '— chọn cơ quan trước —'),
      ...(a ? a.procedures.map(p => h('option', { value: p.code }, p.nameVi)) : []));
    setError(agency, '');
  });
  const input = (name, attrs = {}) => h('input', { type: 'text', name, autocomplete: 'off', ...attrs });
  const fields = {
    'applicant.name': input('applicant.name'), 'applicant.idNumber': input('applicant.idNumber', { inputmode: 'numeric' }),
    'applicant.phone': input('applicant.phone', { inputmode: 'tel' }), 'applicant.email': input('applicant.email', { type: 'email' }),
    'applicant.address': input('applicant.address'),
  };
  const reasons = h('textarea', { name: 'reasons', rows: 4 });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'submit-refusal' }, 'Từ chối tiếp nhận và in mẫu 03');
  const result = h('div', { id: 'refusal-result' });
  const key = newKey(); // one refusal per screen: a double click records it once

  const send = async () => {
    const list = reasons.value.split('\n').map(s => s.trim()).filter(Boolean);
    setError(agency, agency.value ? '' : 'Cần chọn cơ quan giải quyết.');
    setError(procedure, procedure.value ? '' : 'Cần chọn thủ tục.');
    setError(reasons, list.length ? '' : 'Cần ghi ít nhất một lý do từ chối (mỗi lý do một dòng).');
    for (const [name, control] of Object.entries(fields)) {
      if (name !== 'applicant.email') setError(control, control.value.trim() ? '' : 'Cần nhập thông tin này.');
    }
    const invalid = [agency, procedure, reasons, ...Object.values(fields)].find(c => c.getAttribute('aria-invalid'));
    if (invalid) { status('Còn thông tin chưa đúng; xem các ô được đánh dấu.', 'error'); invalid.focus(); return; }
    const applicant = {};
    for (const [name, control] of Object.entries(fields)) if (control.value.trim()) applicant[name.split('.')[1]] = control.value.trim();
    submit.disabled = true;
    try {
      const answer = await call('POST', '/dossiers/refusals', { body: { applicant, procedureCode: procedure.value, reasons: list },
        headers: { 'idempotency-key': key } });
      status('Đã ghi nhận việc từ chối tiếp nhận; in mẫu 03 giao người nộp.', 'ok');
      result.replaceChildren(formCard(applicant.name, '03', answer.refusal.title, answer.refusal.html, true));
      document.getElementById('print-form-03')?.focus();
    } catch (e) {
      status(e.message, 'error');
      for (const f of e.fields || []) {
        const control = f.field === 'procedureCode' ? procedure : f.field === 'reasons' ? reasons : fields[f.field];
        if (control) setError(control, f.message);
      }
      submit.disabled = false;
    }
  };

  show(route, h('form', { class: 'card', novalidate: true, onsubmit: e => { e.preventDefault(); send(); } },
    h('h1', {}, 'Từ chối tiếp nhận hồ sơ'),
    h('p', { class: 'muted' }, 'Khi hồ sơ không thuộc thẩm quyền hoặc không đủ điều kiện tiếp nhận: ghi rõ lý do, mẫu 03 được in để giao người nộp.'),
    field('Cơ quan giải quyết', agency), field('Thủ tục', procedure),
    field('Họ và tên người nộp', fields['applicant.name']), field('Số CCCD/giấy tờ tùy thân', fields['applicant.idNumber']),
    field('Số điện thoại', fields['applicant.phone']), field('Thư điện tử (nếu có)', fields['applicant.email']),
    field('Địa chỉ', fields['applicant.address']),
    field('Lý do từ chối', reasons, 'Mỗi lý do một dòng.'),
    h('div', { class: 'actions' }, submit)), result);
}
