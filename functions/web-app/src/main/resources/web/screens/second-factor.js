// Turning on the second factor (a TOTP app: Google Authenticator, Microsoft Authenticator, FreeOTP...).
// The office's rights need it (template parameter MfaRequiredGroups): without it, its tokens carry no office group.
import { totpOn, startTotp, finishTotp, user, signOut } from '../api.js';
import { h, show, field, setError, status, flash } from '../ui.js';

export async function secondFactorScreen(route, app) {
  const on = await totpOn();
  const title = h('h1', {}, 'Xác thực hai bước');
  if (on === null) {
    show(route, h('div', { class: 'card narrow' }, title,
      h('p', {}, 'Phiên đăng nhập này không còn khóa truy cập để bật xác thực hai bước. Xin đăng xuất rồi đăng nhập lại.')));
    return;
  }
  if (on) {
    show(route, h('div', { class: 'card narrow' }, title,
      h('p', { id: 'totp-on' }, 'Tài khoản này đã bật xác thực hai bước: mỗi lần đăng nhập cần mã trên ứng dụng xác thực.')));
    return;
  }
  const secret = await startTotp();
  const account = (user() && user().name) || 'nhan-vien';
  const uri = 'otpauth://totp/' + encodeURIComponent('Mot Cua:' + account) + '?secret=' + secret + '&issuer=' + encodeURIComponent('Mot Cua');
  const code = h('input', { type: 'text', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6, autofocus: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Bật xác thực hai bước');
  const form = h('form', { class: 'card narrow', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.value.trim())) { setError(code, 'Mã xác thực gồm 6 chữ số.'); code.focus(); return; }
    submit.disabled = true;
    try {
      await finishTotp(code.value.trim());
      signOut();
      flash('Đã bật xác thực hai bước. Xin đăng nhập lại (có mã xác thực) để có đủ quyền.', 'ok');
      app.go('#dang-nhap');
    } catch (err) {
      setError(code, err.message);
      status(err.message, 'error');
    } finally {
      submit.disabled = false;
    }
  } },
    title,
    h('p', {}, 'Quyền của Văn phòng chỉ có khi bật xác thực hai bước. Mở ứng dụng xác thực trên điện thoại, chọn thêm tài khoản bằng khóa,'
      + ' nhập khóa dưới đây (loại: theo thời gian), rồi nhập mã 6 chữ số ứng dụng hiện ra.'),
    h('p', {}, 'Khóa: ', h('code', { id: 'totp-secret' }, secret.replace(/(.{4})/g, '$1 ').trim())),
    h('p', { class: 'muted' }, 'Hoặc địa chỉ cho ứng dụng: ', h('code', {}, uri)),
    field('Mã xác thực', code), h('div', { class: 'actions' }, submit));
  show(route, form);
}
