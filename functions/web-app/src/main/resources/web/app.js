// The counter web app: hash routes, one screen at a time. Plain ES modules, no build step.
import { config, signedIn, signOut, user, whenUnauthorized } from './api.js';
import { h, show, status, takeFlash } from './ui.js';
import { signInScreen } from './screens/sign-in.js';
import { newDossierScreen } from './screens/new-dossier.js';
import { dossierScreen } from './screens/dossier.js';
import { boardScreen } from './screens/board.js';
import { lookupScreen } from './screens/lookup.js';
import { dashboardScreen } from './screens/dashboard.js';
import { refusalScreen } from './screens/refusal.js';
import { secondFactorScreen } from './screens/second-factor.js';

const RETURN_TO = 'motcua.returnTo';

/** Route: #name/arg?query, parsed. Public routes need no sign-in. */
function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const [name, ...args] = path.split('/').map(decodeURIComponent);
  return { name: name || '', args, params: new URLSearchParams(query) };
}

const SCREENS = {
  'dang-nhap': { screen: signInScreen, open: true, title: 'Đăng nhập' },
  'moi': { screen: newDossierScreen, title: 'Hồ sơ mới', roles: ['desk'] },
  'ho-so': { screen: dossierScreen, title: 'Hồ sơ', roles: ['desk', 'office'] },
  'bang': { screen: boardScreen, title: 'Bảng hôm nay', roles: ['desk', 'office'] },
  'tra-cuu': { screen: lookupScreen, open: true, title: 'Tra cứu hồ sơ' },
  'thong-ke': { screen: dashboardScreen, title: 'Thống kê', roles: ['office'] },
  'tu-choi': { screen: refusalScreen, title: 'Từ chối tiếp nhận', roles: ['desk'] },
  'xac-thuc': { screen: secondFactorScreen, title: 'Xác thực hai bước' },
};

export function go(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

function header() {
  const u = user();
  const who = document.getElementById('who');
  who.replaceChildren(...(u ? [h('span', {}, u.name), h('a', { href: '#xac-thuc' }, 'Xác thực hai bước'),
    h('button', { type: 'button', onclick: () => { signOut(); go('#dang-nhap'); } }, 'Đăng xuất')] : []));
  // each menu entry for the groups the API lets use it (the API still decides: this only spares a wasted form)
  for (const a of document.querySelectorAll('[data-staff]')) {
    const roles = (a.dataset.roles || '').split(' ').filter(Boolean);
    a.hidden = !u || (roles.length > 0 && !roles.some(r => u.groups.includes(r)));
  }
  const current = '#' + route().name;
  for (const a of document.querySelectorAll('.top nav a')) {
    if (a.getAttribute('href') === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

/** Where a member starts: the desk at today's board, the office at the statistics. */
function home() { return user()?.groups.includes('desk') ? '#bang' : user()?.groups.includes('office') ? '#thong-ke' : '#tra-cuu'; }

let renders = 0;

async function render() {
  const r = route();
  const mine = ++renders;
  r.current = () => mine === renders; // this render is still the latest: its screen may show itself
  let entry = SCREENS[r.name];
  if (!entry) {
    go(signedIn() ? home() : '#dang-nhap');
    return;
  }
  if (!entry.open && !signedIn()) {
    sessionStorage.setItem(RETURN_TO, location.hash);
    go('#dang-nhap');
    return;
  }
  const u = user();
  if (entry.roles && !entry.roles.some(r => u?.groups.includes(r))) {
    header();
    document.title = entry.title + ' – Một Cửa';
    show(r, h('h1', {}, entry.title), h('p', { id: 'not-allowed' }, 'Tài khoản này không dùng chức năng «' + entry.title + '». ',
      h('a', { href: home() }, 'Về trang của tài khoản')));
    status('');
    return;
  }
  const message = takeFlash();
  status(message ? message.message : '', message ? message.kind : '');
  header();
  document.title = entry.title + ' – Một Cửa';
  try {
    await entry.screen(r, { go, afterSignIn });
  } catch (e) {
    if (r.current()) status(e.message || String(e), 'error');
  }
  if (!r.current()) return; // another screen is shown since: leave its focus alone
  const main = document.getElementById('main');
  const first = main.querySelector('[autofocus]') || main.querySelector('h1');
  if (first) { if (first.tagName === 'H1') first.tabIndex = -1; first.focus(); }
}

/** After signing in: back where the 401 (or the first visit) interrupted, drafts intact. */
function afterSignIn() {
  const back = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  go(back && back !== '#dang-nhap' ? back : home());
}

whenUnauthorized(() => {
  sessionStorage.setItem(RETURN_TO, location.hash);
  go('#dang-nhap');
});

// Routes are followed once the sign-in configuration is there: a hash changed meanwhile is read by that first
// render (listening before would render the screen twice, the second copy replacing what was typed in the first).
config().finally(() => {
  window.addEventListener('hashchange', render);
  render();
});

// Shortcuts: Alt+N new dossier, Alt+B board, Alt+K statistics, Alt+T lookup, Alt+P print the receipt.
// Handled here rather than with accesskey, whose modifier differs between browsers and systems.
document.addEventListener('keydown', e => {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.key.length !== 1) return;
  const target = document.querySelector(`[data-key="${e.key.toLowerCase()}"]`);
  if (!target || target.hidden) return;
  e.preventDefault();
  target.click();
});
