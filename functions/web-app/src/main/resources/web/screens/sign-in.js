import { signIn, setNewPassword } from '../api.js';
import { h, show, field, setError, status } from '../ui.js';

export async function signInScreen(route, app) {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const newPassword = h('input', { type: 'password', name: 'newPassword', autocomplete: 'new-password' });
  const newPasswordField = field('Mật khẩu mới', newPassword, 'Lần đầu đăng nhập: đặt mật khẩu mới, ít nhất 12 ký tự, có chữ hoa, chữ thường và chữ số.');
  newPasswordField.hidden = true;
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Đăng nhập');
  let session = null;

  const form = h('form', { class: 'card narrow', novalidate: true, onsubmit: async e => {
    e.preventDefault();
    setError(username, username.value.trim() ? '' : 'Cần nhập tên đăng nhập.');
    setError(password, password.value ? '' : 'Cần nhập mật khẩu.');
    if (!username.value.trim() || !password.value) { (username.value.trim() ? password : username).focus(); return; }
    submit.disabled = true;
    status('Đang đăng nhập…');
    try {
      const result = session
        ? await setNewPassword(username.value.trim(), session, newPassword.value)
        : await signIn(username.value.trim(), password.value);
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
      setError(password, err.message);
      password.select();
    } finally {
      submit.disabled = false;
    }
  } },
    h('h1', {}, 'Đăng nhập'),
    h('p', { class: 'muted' }, 'Dành cho nhân viên Bộ phận Một cửa và Văn phòng UBND tỉnh. Người dân tra cứu hồ sơ tại mục «Tra cứu».'),
    field('Tên đăng nhập', username), field('Mật khẩu', password), newPasswordField,
    h('div', { class: 'actions' }, submit));
  show(form);
}
