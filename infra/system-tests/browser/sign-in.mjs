// The staff's sign-in in headless Debian chromium (playwright-core), through the local Cognito (moto): the web
// app calls Cognito exactly as on AWS (InitiateAuth USER_PASSWORD_AUTH, RespondToAuthChallenge), only the
// endpoint differs (config.json names it, the Content-Security-Policy allows it and nothing more).
// Usage: node sign-in.mjs <baseUrl> <screenshotDir> <officeTotpKey>
// Exit 0 when every step passed; each screen is saved as a PNG.
import { authenticator, check, deskContext, launch, log, screenshots } from './harness.mjs';
import { join } from 'node:path';

const [base, shots, totpKey] = process.argv.slice(2);
if (!base || !shots || !totpKey) { console.error('usage: node sign-in.mjs <baseUrl> <screenshotDir> <officeTotpKey>'); process.exit(2); }

const CLERK = 'quay01@buudien.quangngai.vn', CLERK_PASSWORD = 'Quay01-local';
const NEWCOMER = 'quay03@buudien.quangngai.vn', TEMPORARY = 'Quay03-tam-thoi', CHOSEN = 'Quay03-mat-khau-moi-2026';
const OFFICE = 'vanphong01@quangngai.gov.vn', OFFICE_PASSWORD = 'Vanphong01-local';
const freshCode = authenticator(totpKey);

const browser = await launch();
const context = await deskContext(browser);
const page = await context.newPage();
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('pageerror', e => consoleErrors.push(String(e)));
const refused = [];
page.on('console', m => { if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text()); });
// every call the page makes to Cognito, by its X-Amz-Target
const cognitoCalls = [];
let cognitoOrigin;
page.on('request', r => {
  if (cognitoOrigin && r.url().startsWith(cognitoOrigin) && r.method() === 'POST') {
    cognitoCalls.push(String(r.headers()['x-amz-target'] || '').replace('AWSCognitoIdentityProviderService.', ''));
  }
});
const snap = screenshots(shots, 'sign-in-');
const shot = name => snap(page, name);
const text = async sel => (await page.locator(sel).innerText()).trim();
const errorOf = name => page.locator(`[name="${name}"]`).evaluate(el => document.getElementById(el.id + '-error')?.textContent || '');

// A navigation that ends on the sign-in screen goes through a redirect (#bang → #dang-nhap) while the form shown
// before is still there: mark that one, and wait for the form the navigation renders.
async function toSignIn(navigate) {
  await page.evaluate(() => document.querySelectorAll('main form').forEach(f => { f.dataset.stale = '1'; }));
  await navigate();
  await page.locator('main form:not([data-stale]) [name=username]').waitFor();
}
async function signInForm(username, password) {
  await page.locator('h1', { hasText: 'Đăng nhập' }).waitFor();
  await page.fill('[name=username]', username);
  await page.fill('[name=password]', password);
  await page.locator('[name=password]').press('Enter');
}
async function signOut() {
  await toSignIn(() => page.locator('#who button', { hasText: 'Đăng xuất' }).click());
  check(await page.evaluate(() => sessionStorage.getItem('motcua.token') === null), 'signing out forgets the token');
}

try {
  // ---------------------------------------------------------------- the page may call this Cognito, and only it
  const home = await page.goto(base + '/');
  const config = await (await page.request.get(base + '/app/config.json')).json();
  cognitoOrigin = new URL(config.cognitoEndpoint).origin;
  const connect = (home.headers()['content-security-policy'] || '').split(/;\s*/).find(d => d.startsWith('connect-src ')) || '';
  check(connect.split(' ').includes(cognitoOrigin), `connect-src allows the local Cognito ${cognitoOrigin}: ${connect}`);
  check(!connect.includes('amazonaws.com'), 'locally the page may not call AWS\'s Cognito: ' + connect);
  log('Cognito at ' + cognitoOrigin + ', app client ' + config.clientId);

  // ---------------------------------------------------------------- a wrong password: said in Vietnamese, next to the field
  await toSignIn(() => page.goto(base + '/#moi'));
  await signInForm(CLERK, 'Sai-mat-khau-99');
  await page.locator('#status.error').waitFor();
  check((await text('#status')) === 'Tên đăng nhập hoặc mật khẩu không đúng.', 'a wrong password says so: ' + await text('#status'));
  check((await errorOf('password')).includes('không đúng'), 'the message stands next to the password');
  check(cognitoCalls.at(-1) === 'InitiateAuth', 'the app asked Cognito itself: ' + cognitoCalls.join(', '));
  await shot('sai-mat-khau');

  // ---------------------------------------------------------------- the right password: back where the clerk was going
  await page.fill('[name=password]', CLERK_PASSWORD);
  await page.locator('[name=password]').press('Enter');
  await page.locator('h1', { hasText: 'Tiếp nhận hồ sơ mới' }).waitFor();
  check((await text('#who')).includes(CLERK), 'the header names the clerk: ' + await text('#who'));
  const claims = await page.evaluate(() => JSON.parse(atob(sessionStorage.getItem('motcua.token').split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))));
  check(claims.iss.startsWith('https://cognito-idp.ap-southeast-1.amazonaws.com/'), 'a Cognito ID token, its issuer the pool: ' + claims.iss);
  check(claims.aud === config.clientId && claims.token_use === 'id', 'for the app client, an ID token');
  const catalog = await page.evaluate(async () => (await import('/app/api.js')).call('GET', '/catalog'));
  check(catalog.agencies.length === 4, 'the API accepts the token (its JWT authorizer checked it against the pool\'s keys)');
  await shot('da-dang-nhap');

  // ---------------------------------------------------------------- sign out
  await signOut();
  await toSignIn(() => page.goto(base + '/#bang'));
  log('signed out: the board asks to sign in again');
  await shot('da-dang-xuat');

  // ---------------------------------------------------------------- first sign-in: a new password, by the pool's policy
  await signInForm(NEWCOMER, TEMPORARY);
  await page.locator('[name=newPassword]').waitFor({ state: 'visible' });
  await page.locator('#status', { hasText: 'cần đặt mật khẩu mới' }).waitFor();
  await shot('mat-khau-moi');
  await page.fill('[name=newPassword]', 'ngan');
  await page.locator('[name=newPassword]').press('Enter');
  await page.locator('#status.error').waitFor();
  check((await text('#status')).includes('chưa đủ mạnh'), 'a weak new password is refused with the rule: ' + await text('#status'));
  await shot('mat-khau-moi-yeu');
  await page.fill('[name=newPassword]', CHOSEN);
  await page.locator('[name=newPassword]').press('Enter');
  await page.locator('#who button', { hasText: 'Đăng xuất' }).waitFor();
  check(cognitoCalls.includes('RespondToAuthChallenge'), 'the new password went to Cognito: ' + cognitoCalls.join(', '));
  check((await text('#who')).includes(NEWCOMER), 'signed in with the new password');
  await shot('mat-khau-moi-xong');
  await signOut();
  await signInForm(NEWCOMER, TEMPORARY);
  await page.locator('#status.error').waitFor();
  check((await text('#status')).includes('không đúng'), 'the temporary password no longer works');
  await page.fill('[name=password]', CHOSEN);
  await page.locator('[name=password]').press('Enter');
  await page.locator('#who button', { hasText: 'Đăng xuất' }).waitFor();
  log('the new password works, the temporary one does not');
  await signOut();

  // ---------------------------------------------------------------- TOTP on: the code, a wrong one refused
  await toSignIn(() => page.goto(base + '/#thong-ke'));
  await signInForm(OFFICE, OFFICE_PASSWORD);
  await page.locator('[name=totp]').waitFor({ state: 'visible' });
  await shot('ma-xac-thuc');
  const now = await freshCode();
  const wrong = String((Number(now) + 500000) % 1000000).padStart(6, '0');
  await page.fill('[name=totp]', wrong);
  await page.locator('[name=totp]').press('Enter');
  await page.locator('#status.error').waitFor();
  check((await text('#status')).includes('Mã xác thực không đúng'), 'a wrong code is refused: ' + await text('#status'));
  await shot('ma-xac-thuc-sai');
  await page.locator('[name=password]').press('Enter'); // a session answers one code: sign in again
  await page.locator('[name=totp]').waitFor({ state: 'visible' });
  await page.fill('[name=totp]', await freshCode());
  await page.locator('[name=totp]').press('Enter');
  await page.locator('#charts svg').first().waitFor();
  check((await page.locator('#charts svg').count()) === 4, 'the office\'s statistics: its rights come with TOTP');
  await shot('thong-ke-sau-xac-thuc');

  check(consoleErrors.length === 0, 'no script errors: ' + consoleErrors.join('; '));
  check(refused.length === 0, 'nothing refused by the Content-Security-Policy: ' + refused.join('; '));
  log('Cognito calls: ' + cognitoCalls.join(', '));
  log('all checks passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(e.stack || String(e));
  await page.screenshot({ path: join(shots, 'sign-in-failure.png'), fullPage: true }).catch(() => {});
  await browser.close();
  process.exit(1);
}
