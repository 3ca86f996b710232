// One dossier: summary, the receipt (form 01) to print, scans to upload, the history as a timeline
// (form 05 rows), and the desk actions its state allows.
import { call, upload, newKey } from '../api.js';
import { h, show, status, flash, day, when, field, setError } from '../ui.js';
import { fileProblem, contentTypeOf } from '../validate.js';
import { formCard, printableForm, otherForms } from '../forms.js';

export async function dossierScreen(route, app) {
  const code = route.args[0];
  const d = await call('GET', '/dossiers/' + encodeURIComponent(code));
  // Just received in this tab: the receipt as printed at intake, with its secret and QR code; else the server prints it again.
  const receiptHtml = sessionStorage.getItem('motcua.receipt.' + d.code);
  const showReceipt = route.params.has('bien-nhan');

  const summary = h('div', { class: 'card' },
    h('h1', {}, 'Hồ sơ ', h('span', { id: 'dossier-code' }, d.code), ' ',
      h('span', { class: 'badge' + (d.state.code === 'RESULT_READY' ? ' ready' : d.overdue ? ' late' : ''), id: 'dossier-state' }, d.state.label)),
    h('table', {}, h('tbody', {},
      row('Thủ tục', d.procedure.nameVi + ' (' + d.procedure.code + ')'), row('Cơ quan giải quyết', d.agency.nameVi),
      row('Người nộp', `${d.applicant.name} — ${d.applicant.phone}${d.applicant.email ? ' — ' + d.applicant.email : ''}`),
      row('Tiếp nhận', when(d.receivedAt)),
      row('Hẹn trả', d.appointment?.current ? day(d.appointment.current) + (d.appointment.rescheduled ? ' (đã hẹn lại; hẹn ban đầu ' + day(d.appointment.original) + ')' : '') : 'không quy định'),
      row('Nhận kết quả', d.resultReturn.label + (d.resultReturn.postalAddress ? ': ' + d.resultReturn.postalAddress : '')),
      d.outcome ? row('Kết quả', d.outcome.label || d.outcome.decision) : null,
      d.overdue ? row('Cảnh báo', h('strong', { class: 'badge late' }, 'Quá hạn')) : null)),
    actions(d, app));

  const parts = [summary];
  parts.push(receiptHtml ? formCard(d.code, '01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', receiptHtml, showReceipt)
    : await printableForm(d.code, '01', showReceipt));
  parts.push(otherForms(d));
  if (!['RETURNED', 'STOPPED', 'DELIVERED'].includes(d.state.code)) parts.push(uploadCard(d, app));
  parts.push(documentsCard(d), timelineCard(d));
  show(route, ...parts);
}

function row(label, value) { return h('tr', {}, h('th', { scope: 'row', style: 'width:180px' }, label), h('td', {}, value)); }

function uploadCard(d, app) {
  const list = h('ul', { class: 'uploads', id: 'uploads' });
  const input = h('input', { type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png', id: 'file-input' });
  const error = h('div', { class: 'error-text', id: 'upload-error', 'aria-live': 'polite' });
  const zone = h('div', { class: 'drop', id: 'drop-zone' },
    h('p', {}, 'Kéo thả bản quét vào đây, hoặc ', h('label', { for: 'file-input' }, 'chọn tệp'), ' (PDF, JPEG, PNG; tối đa 20 MB mỗi tệp).'), input);
  const take = files => {
    error.textContent = '';
    const bad = [...files].map(fileProblem).filter(Boolean);
    if (bad.length) { error.textContent = bad.join(' '); return; }
    for (const f of files) send(f);
  };
  async function send(file) {
    const bar = h('progress', { max: 1, value: 0 });
    const state = h('span', { class: 'muted' }, ' đang chuẩn bị…');
    list.append(h('li', {}, file.name, ' ', bar, state));
    try {
      const target = await call('POST', '/dossiers/' + encodeURIComponent(d.code) + '/documents',
        { body: { fileName: file.name, contentType: contentTypeOf(file), size: file.size } });
      state.textContent = ' đang tải lên…';
      await upload(target.upload, file, p => { bar.value = p; });
      bar.value = 1;
      state.textContent = ' đã tải lên; hệ thống đang kiểm tra tệp.';
      state.className = 'ok';
      setTimeout(() => refreshDocuments(d.code), 1500);
    } catch (e) {
      state.textContent = ' ' + e.message;
      state.className = 'error-text';
    }
  }
  input.addEventListener('change', () => { take(input.files); input.value = ''; });
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('over'); take(e.dataTransfer.files); });
  return h('div', { class: 'card' }, h('h2', {}, 'Tải lên bản quét'), zone, error, list);
}

async function refreshDocuments(code) {
  try {
    const d = await call('GET', '/dossiers/' + encodeURIComponent(code));
    document.getElementById('documents')?.replaceWith(documentsCard(d));
  } catch { /* the next visit shows them */ }
}

function documentsCard(d) {
  const docs = d.documents || [];
  return h('div', { class: 'card', id: 'documents' }, h('h2', {}, 'Tài liệu đã lưu (', docs.length, ')'),
    docs.length ? h('ul', {}, docs.map(doc => h('li', {}, h('a', { href: '#', onclick: async e => {
      e.preventDefault();
      try { const link = await call('GET', `/dossiers/${encodeURIComponent(d.code)}/documents/${doc.id || doc.documentId}/link`); window.open(link.url, '_blank', 'noopener'); }
      catch (err) { status(err.message, 'error'); }
    } }, doc.name || doc.fileName), ' ', h('span', { class: 'muted' }, doc.sizeBytes ? Math.ceil(doc.sizeBytes / 1024) + ' KB' : ''))))
      : h('p', { class: 'muted' }, 'Chưa có tài liệu nào.'));
}

function timelineCard(d) {
  return h('div', { class: 'card' }, h('h2', {}, 'Quá trình giải quyết (mẫu 05)'),
    h('ol', { class: 'timeline', id: 'timeline' }, (d.timeline || []).map(t => h('li', {},
      h('time', { datetime: t.at }, when(t.at)), h('span', {}, t.action), ' ',
      t.to ? h('span', { class: 'badge' }, t.to.label) : null,
      h('div', { class: 'muted' }, t.actor?.label || '', t.reason ? ' — ' + t.reason : '')))),
    d.processControl?.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Bên giao', 'Bên nhận', 'Thời gian giao → nhận', 'Trước / đúng / trễ hạn', 'Ghi chú'].map(x => h('th', {}, x)))),
      h('tbody', {}, d.processControl.map(r => h('tr', {}, h('td', {}, r.giverName || r.giver), h('td', {}, r.receiverName || r.receiver),
        h('td', {}, when(r.givenAt), r.receivedAt ? ' → ' + when(r.receivedAt) : ''), h('td', {}, r.timelinessLabel || r.timeliness), h('td', {}, r.notes || ''))))) : null);
}

/** The desk actions the dossier's state allows; each sends one Idempotency-Key, so a double click applies once. */
function actions(d, app) {
  const box = h('div', { class: 'actions', id: 'desk-actions' });
  const base = '/dossiers/' + encodeURIComponent(d.code);
  const act = (label, path, bodyOf, id) => {
    const key = newKey();
    const button = h('button', { type: 'button', id, class: 'primary', onclick: async () => {
      const body = bodyOf ? bodyOf() : {};
      if (body === null) return;
      button.disabled = true;
      try {
        await call('POST', base + path, { body, headers: { 'idempotency-key': key } });
        flash(label + ': đã ghi nhận cho hồ sơ ' + d.code + '.', 'ok');
        app.go('#ho-so/' + encodeURIComponent(d.code) + '?xong=' + Date.now());
      } catch (e) {
        status(e.message, 'error');
        button.disabled = false;
      }
    } }, label);
    box.append(button);
  };
  const s = d.state.code;
  if (s === 'SUPPLEMENT_REQUESTED') act('Đã nhận hồ sơ bổ sung', '/supplement-received', null, 'act-supplement');
  if (s === 'FEE_REQUESTED') act('Người nộp đã nộp phí', '/fee-paid', null, 'act-fee');
  if (s === 'RESULT_READY') {
    act('Trả kết quả tại quầy', '/returned', () => ({ method: 'at_desk' }), 'act-return-desk');
    const tracking = h('input', { type: 'text', name: 'trackingNumber', placeholder: 'EB123456789VN', style: 'width:12em' });
    box.append(field('Số hiệu bưu gửi', tracking));
    act('Gửi kết quả qua bưu chính', '/returned', () => {
      const t = tracking.value.trim().toUpperCase();
      const problem = t ? (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(t) ? '' : 'Số hiệu bưu gửi có dạng EB123456789VN.') : 'Cần nhập số hiệu bưu gửi.';
      setError(tracking, problem);
      if (problem) { tracking.focus(); return null; }
      return { method: 'by_post', trackingNumber: t };
    }, 'act-return-post');
  }
  if (s === 'RETURNED' && d.resultReturn?.method === 'BY_POST' && !d.delivery?.deliveredAt) act('Bưu điện đã phát', '/delivered', null, 'act-delivered');
  if (!['RESULT_READY', 'RETURNED', 'STOPPED', 'WITHDRAWAL_REQUESTED', 'REFUSED_AT_DESK', 'DELIVERED'].includes(s)) {
    const reason = h('input', { type: 'text', name: 'reason', placeholder: 'Lý do rút hồ sơ' });
    const holder = h('details', {}, h('summary', {}, 'Người nộp xin rút hồ sơ…'), field('Lý do', reason));
    box.append(holder);
    const button = act('Ghi nhận rút hồ sơ', '/withdrawal', () => {
      const r = reason.value.trim();
      setError(reason, r ? '' : 'Cần ghi lý do người nộp xin rút hồ sơ.');
      if (!r) { holder.open = true; reason.focus(); return null; }
      return { reason: r };
    }, 'act-withdraw');
    holder.append(box.lastChild);
  }
  if (!box.childNodes.length) box.append(h('span', { class: 'muted' }, 'Không có thao tác nào ở trạng thái này.'));
  return box;
}
