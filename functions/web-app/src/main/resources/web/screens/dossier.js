// One dossier: summary, the receipt (form 01) to print, scans to upload, the history as a timeline
// (form 05 rows), and the desk actions its state allows.
import { call, upload, newKey } from '../api.js';
import { h, show, status, flash, day, when, field, setError, today as todayIso } from '../ui.js';
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
      d.fee ? row('Phí, lệ phí', d.fee.text + (d.fee.paid ? ' — đã nộp' + (d.fee.receipt ? ', biên lai số ' + d.fee.receipt.number : '') + ' (' + when(d.fee.paidAt) + ')' : ' — chưa nộp')) : null,
      d.collector ? row('Người nhận kết quả', d.collector.name + ' (' + d.collector.idNumber + ')' + (d.collector.onBehalfOf ? ', nhận thay ' + d.collector.onBehalfOf : '')) : null,
      d.delivery ? row('Bưu gửi', d.delivery.trackingNumber + ', giao ' + when(d.delivery.handedAt) + (d.delivery.delivered ? '; đã phát ngày ' + day(d.delivery.deliveredOn) : '; chưa phát')) : null,
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
    let target;
    try {
      target = await call('POST', '/dossiers/' + encodeURIComponent(d.code) + '/documents',
        { body: { fileName: file.name, contentType: contentTypeOf(file), size: file.size } });
      state.textContent = ' đang tải lên…';
      await upload(target.upload, file, p => { bar.value = p; });
      bar.value = 1;
      state.textContent = ' đã tải lên; hệ thống đang kiểm tra tệp…';
      state.className = 'muted';
    } catch (e) {
      state.textContent = ' ' + e.message;
      state.className = 'error-text';
      return;
    }
    // The checker's verdict: registered on the dossier, or set aside with its reason. Asked every 1.5 s for a minute;
    // after that (or on another visit) the documents card says it.
    for (let i = 0; i < 40 && document.body.contains(state); i++) {
      await new Promise(r => setTimeout(r, 1500));
      let now;
      try { now = await call('GET', '/dossiers/' + encodeURIComponent(d.code)); } catch { continue; }
      const rejected = (now.rejectedUploads || []).find(r => r.documentId === target.documentId);
      const kept = (now.documents || []).find(x => x.id === target.documentId);
      if (rejected || kept) {
        document.getElementById('documents')?.replaceWith(documentsCard(now));
        state.textContent = rejected ? ' Bị từ chối: ' + rejected.reasonText : ' đã kiểm tra và lưu vào hồ sơ.';
        state.className = rejected ? 'error-text' : 'ok';
        state.dataset.verdict = rejected ? 'rejected' : 'kept';
        return;
      }
    }
    if (document.body.contains(state)) state.textContent = ' đã tải lên; hệ thống chưa kiểm tra xong, xin xem lại sau.';
  }
  input.addEventListener('change', () => { take(input.files); input.value = ''; });
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('over'); take(e.dataTransfer.files); });
  return h('div', { class: 'card' }, h('h2', {}, 'Tải lên bản quét'), zone, error, list);
}

function documentsCard(d) {
  const docs = d.documents || [];
  const rejected = d.rejectedUploads || [];
  return h('div', { class: 'card', id: 'documents' }, h('h2', {}, 'Tài liệu đã lưu (', docs.length, ')'),
    docs.length ? h('ul', {}, docs.map(doc => h('li', {}, h('a', { href: '#', 'data-document': doc.id, onclick: async e => {
      e.preventDefault();
      try { const link = await call('GET', `/dossiers/${encodeURIComponent(d.code)}/documents/${encodeURIComponent(doc.id)}/link`); window.open(link.url, '_blank', 'noopener'); }
      catch (err) { status(err.message, 'error'); }
    } }, doc.name), ' ', h('span', { class: 'muted' }, doc.sizeBytes ? Math.ceil(doc.sizeBytes / 1024) + ' KB' : ''), digitised(d, doc))))
      : h('p', { class: 'muted' }, 'Chưa có tài liệu nào.'),
    resultFiles(d),
    rejected.length ? [h('h3', {}, 'Tệp bị từ chối (', rejected.length, ')'),
      h('ul', { id: 'rejected-uploads' }, rejected.map(r => h('li', { class: 'error-text' }, when(r.at), ' — ', r.reasonText)))] : null);
}

/** The scan's digitisation record (Circular 01/2023): when, and its file hash, shortened. */
function digitised(d, doc) {
  const x = ((d.digitisation || {}).documents || []).find(r => r.documentId === doc.id);
  return x ? h('span', { class: 'muted', title: 'Mã băm ' + x.fileHash }, ' · số hóa ', when(x.digitisedAt)) : null;
}

/** The result files with their codes, <dossier code>-KQ<n> (Decree 45/2020, Art. 14). */
function resultFiles(d) {
  const results = (d.digitisation || {}).results || [];
  return results.length ? [h('h3', {}, 'Tệp kết quả (', results.length, ')'),
    h('ul', { id: 'result-files' }, results.map(r => h('li', {}, h('strong', {}, r.code))))] : null;
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
  // a field's message goes as soon as the clerk corrects it; the button checks again
  box.addEventListener('input', e => { if (e.target.getAttribute('aria-invalid')) setError(e.target, ''); });
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
        for (const f of e.fields || []) {
          const input = box.querySelector(`[name="${CSS.escape(f.field)}"]`);
          if (input) setError(input, f.message);
        }
        button.disabled = false;
      }
    } }, label);
    box.append(button);
  };
  const s = d.state.code;
  if (s === 'SUPPLEMENT_REQUESTED') act('Đã nhận hồ sơ bổ sung', '/supplement-received', null, 'act-supplement');
  if (s === 'FEE_REQUESTED') {
    // the desk's fee book: the amount taken (what the department asked for) and the receipt's number
    const amount = h('input', { type: 'text', name: 'amountVnd', inputmode: 'numeric', autocomplete: 'off', style: 'width:10em',
      value: d.fee ? String(d.fee.amountVnd) : '' });
    const receipt = h('input', { type: 'text', name: 'receiptNumber', autocomplete: 'off', placeholder: '0001234', style: 'width:12em' });
    box.append(h('div', { class: 'inline-fields' },
      field('Số tiền đã nộp (đồng)', amount, d.fee ? 'Cơ quan yêu cầu: ' + d.fee.text : null), field('Số biên lai', receipt)));
    act('Người nộp đã nộp phí', '/fee-paid', () => {
      const digits = amount.value.replace(/[.\s,]/g, '');
      const n = /^\d{1,11}$/.test(digits) ? Number(digits) : NaN;
      const amountProblem = !digits ? 'Cần nhập số tiền đã nộp.' : !(n > 0) ? 'Số tiền là số đồng nguyên, ví dụ 200000.'
        : d.fee && n !== d.fee.amountVnd ? 'Số tiền khác số phí cơ quan yêu cầu (' + d.fee.text + ').' : '';
      const r = receipt.value.trim();
      const receiptProblem = !r ? 'Cần nhập số biên lai.' : /^[A-Za-z0-9][A-Za-z0-9/.-]{0,29}$/.test(r) ? '' : 'Số biên lai gồm chữ cái không dấu, chữ số và / . - (tối đa 30 ký tự).';
      setError(amount, amountProblem); setError(receipt, receiptProblem);
      if (amountProblem) { amount.focus(); return null; }
      if (receiptProblem) { receipt.focus(); return null; }
      return { amountVnd: n, receiptNumber: r };
    }, 'act-fee');
  }
  if (s === 'RESULT_READY') {
    // who takes the result at the desk: the applicant by default; someone else writes their own name and ID
    const who = h('input', { type: 'text', name: 'collector.name', autocomplete: 'off', value: d.applicant.name });
    const whoId = h('input', { type: 'text', name: 'collector.idNumber', autocomplete: 'off', value: d.applicant.idNumber, style: 'width:12em' });
    const behalf = h('input', { type: 'text', name: 'collector.onBehalfOf', autocomplete: 'off', placeholder: 'để trống nếu người nộp tự nhận' });
    const deskFields = h('div', { class: 'inline-fields', id: 'collector-fields' },
      field('Người nhận kết quả', who), field('Số CCCD/hộ chiếu', whoId), field('Nhận thay cho', behalf));
    const atDesk = () => act('Trả kết quả tại quầy', '/returned', () => {
      const name = who.value.trim().replace(/\s+/g, ' ');
      const id = whoId.value.replace(/[\s.-]/g, '').toUpperCase();
      const nameProblem = name.length >= 2 ? '' : 'Cần nhập họ và tên người nhận kết quả.';
      const idProblem = /^(\d{12}|[A-Z]{1,2}\d{7})$/.test(id) ? '' : 'Số CCCD 12 chữ số, hoặc hộ chiếu 1–2 chữ cái và 7 chữ số.';
      setError(who, nameProblem); setError(whoId, idProblem);
      if (nameProblem) { who.focus(); return null; }
      if (idProblem) { whoId.focus(); return null; }
      const onBehalfOf = behalf.value.trim();
      if (name !== d.applicant.name && !onBehalfOf) behalf.value = d.applicant.name;
      return { method: 'at_desk', collector: { name, idNumber: id, ...(behalf.value.trim() ? { onBehalfOf: behalf.value.trim() } : {}) } };
    }, 'act-return-desk');
    const tracking = h('input', { type: 'text', name: 'trackingNumber', placeholder: 'EB123456789VN', style: 'width:12em' });
    const postFields = h('div', { class: 'inline-fields' }, field('Số hiệu bưu gửi', tracking));
    const byPost = () => act('Giao bưu điện', '/returned', () => {
      const t = tracking.value.trim().toUpperCase();
      const problem = t ? (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(t) ? '' : 'Số hiệu bưu gửi có dạng EB123456789VN.') : 'Cần nhập số hiệu bưu gửi.';
      setError(tracking, problem);
      if (problem) { tracking.focus(); return null; }
      return { method: 'by_post', trackingNumber: t };
    }, 'act-return-post');
    // the registered method first; the other stays possible (a citizen registered for post may still come in)
    if (d.resultReturn?.method === 'BY_POST') {
      box.append(postFields); byPost();
      box.append(h('details', { id: 'other-method' }, h('summary', {}, 'Người nộp đến nhận tại quầy…'), deskFields));
      atDesk(); box.querySelector('#other-method').append(box.lastChild);
      box.querySelector('#act-return-desk').classList.remove('primary');
    } else {
      box.append(deskFields); atDesk();
    }
  }
  if (s === 'RETURNED' && d.resultReturn?.method === 'BY_POST' && d.delivery && !d.delivery.delivered) {
    const on = h('input', { type: 'date', name: 'deliveredOn', value: todayIso(), max: todayIso(), min: d.delivery.handedAt.slice(0, 10), style: 'width:11em' });
    box.append(h('div', { class: 'inline-fields' }, field('Ngày bưu điện phát', on, 'Theo tra cứu bưu gửi ' + d.delivery.trackingNumber)));
    act('Bưu điện đã phát', '/delivered', () => {
      const v = on.value;
      const problem = !v ? 'Cần nhập ngày phát.' : v > todayIso() ? 'Ngày phát không thể sau hôm nay.'
        : v < d.delivery.handedAt.slice(0, 10) ? 'Ngày phát không thể trước ngày giao bưu điện.' : '';
      setError(on, problem);
      if (problem) { on.focus(); return null; }
      return { deliveredOn: v };
    }, 'act-delivered');
  }
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
