import { signIn, setNewPassword, answerTotp } from '../api.js';
import { h, show, field, setError, status } from '../ui.js';

export async function signInScreen(route, app) {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const newPassword = h('input', { type: 'password', name: 'newPassword', autocomplete: 'new-password' });
  const newPasswordField = field('Mật khẩu mới', newPassword, 'Lần đầu đăng nhập: đặt mật khẩu mới, ít nhất 12 ký tự, có chữ hoa, chữ thường và chữ số.');
  newPasswordField.hidden = true;
  const totp = h('input', { type: 'text', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
  const totpField = field('Mã xác thực', totp, 'Tài khoản đã bật xác thực hai bước: nhập mã 6 chữ số đang hiện trên ứng dụng xác thực.');
  totpField.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Đăng nhập');
  let session = null;
  let totpSession = null;

  const form = h('form', { class: 'card narrow', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    setError(username, username.value.trim() ? '' : 'Cần nhập tên đăng nhập.');
    setError(password, password.value ? '' : 'Cần nhập mật khẩu.');
    if (!username.value.trim() || !password.value) { (username.value.trim() ? password : username).focus(); return; }
    submit.disabled = true;
    status('Đang đăng nhập…');
    try {
      if (totpSession && !/^\d{6}$/.test(totp.value.trim())) {
        setError(totp, 'Mã xác thực gồm 6 chữ số.');
        totp.focus();
        status('');
        return;
      }
      const result = totpSession ? await answerTotp(username.value.trim(), totpSession, totp.value.trim())
        : session ? await setNewPassword(username.value.trim(), session, newPassword.value)
        : await signIn(username.value.trim(), password.value);
      if (result.totpRequired) {
        totpSession = result.totpRequired;
        totpField.hidden = false;
        status('Nhập mã xác thực để hoàn tất đăng nhập.', '');
        totp.focus();
        return;
      }
      if (result.newPasswordRequired) {
        session = result.newPasswordRequired;
        newPasswordField.hidden = false;
        status('Tài khoản cần đặt mật khẩu mới trước khi dùng.', '');
        newPassword.focus();
        return;
      }
      status('');
      app.afterSignIn();
    } catch (err) {
      status(err.message, 'error');
      if (totpSession) {
        // a session answers one code: a wrong one means signing in again
        totpSession = null;
        totpField.hidden = true;
        totp.value = '';
      }
      setError(password, err.message);
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
    h('h1', {}, 'Đăng nhập'),
    h('p', { class: 'muted' }, 'Dành cho nhân viên Bộ phận Một cửa và Văn phòng UBND tỉnh. Người dân tra cứu hồ sơ tại mục «Tra cứu».'),
    field('Tên đăng nhập', username), field('Mật khẩu', password), newPasswordField, totpField,
    h('div', { class: 'actions' }, submit));
  show(route, form);
}
