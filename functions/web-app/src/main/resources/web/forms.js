// The printed forms in the app: a sandboxed frame with a print button. The server prints every form of a
// stored dossier at any time (GET /dossiers/{code}/forms/{form}), and forms 02/03 of the desk's guidance and
// refusals from their records: nothing needs the tab that received it. Other screens use printableForm(code, form)
// and printableDeskForm(id, form, who) to add a form's card.
import { call } from './api.js';
import { h } from './ui.js';

/**
 * A card with the form's page in a sandboxed frame and a button that prints it. Sandboxed: no script runs in
 * the form; same origin only so this page can ask it to print (allow-modals), and so it loads the app's font.
 * Form 01 keeps the ids and the Alt+P shortcut the counter staff know.
 */
export function formCard(code, form, title, html, open) {
  const receipt = form === '01';
  const frame = h('iframe', { class: 'receipt-frame', title: title + ' ' + code, id: receipt ? 'receipt-frame' : 'form-frame-' + form });
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.srcdoc = html;
  const print = h('button', { type: 'button', class: 'primary', id: receipt ? 'print-receipt' : 'print-form-' + form,
    'data-key': receipt ? 'p' : undefined, autofocus: open, onclick: () => frame.contentWindow.print() },
    receipt ? 'In giấy tiếp nhận (A5) ' : `In mẫu ${form} (A5) `, receipt ? h('kbd', {}, 'Alt+P') : null);
  const details = h('details', { open: !!open, id: receipt ? 'receipt' : 'form-' + form },
    h('summary', {}, `${title} (mẫu ${form})`), h('div', { class: 'actions' }, print), frame);
  return h('div', { class: 'card' }, details);
}

/** The form as the server prints it now, in its card; a card that says why when it cannot be printed. */
export function printableForm(code, form, open = false) {
  return printable(`/dossiers/${encodeURIComponent(code)}/forms/${encodeURIComponent(form)}`, code, form, open);
}

/**
 * Form 02 (guidance) or 03 (refusal) of a dossier the desk did not receive, printed again from the desk's record
 * (GET /dossiers/refusals/{id}/forms/{form}); {@code who} names it in the frame's title (no dossier code exists).
 */
export function printableDeskForm(id, form, who, open = true) {
  return printable(`/dossiers/refusals/${encodeURIComponent(id)}/forms/${encodeURIComponent(form)}`, who, form, open);
}

async function printable(path, label, form, open) {
  try {
    const printed = await call('GET', path);
    return formCard(label, form, printed.title, printed.html, open);
  } catch (e) {
    if (e.status === 401) throw e;
    return h('div', { class: 'card', id: 'form-' + form + '-unavailable' },
      h('p', { class: 'error-text', role: 'status' }, `Không in được mẫu ${form}: ${e.message}`));
  }
}

/**
 * Buttons that fetch a dossier's other forms from the server and show each in its card: 05 (the process
 * control slip) always, 04 (apology and new date) once a department has set a new date.
 */
export function otherForms(d) {
  const forms = [['05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ']];
  if (d.appointment?.rescheduled) forms.unshift(['04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả']);
  const holder = h('div', { id: 'other-forms' });
  const buttons = forms.map(([form, title]) => h('button', { type: 'button', id: 'show-form-' + form, onclick: async e => {
    e.currentTarget.disabled = true;
    holder.append(await printableForm(d.code, form, true));
  } }, `${title} (mẫu ${form})`));
  return h('div', { class: 'card' }, h('h2', {}, 'In biểu mẫu'), h('div', { class: 'actions' }, buttons), holder);
}
