// The citizen's rating on a phone (390x844), in headless Debian chromium driven by playwright-core, then the office
// sees it on its dashboard and in the statistics CSV.
// Usage: node rating.mjs <baseUrl> <screenshotDir> <dossierCode> <lookupSecret> <officeTotpKey>
// The dossier was received and returned beforehand (DeskAppBrowserTest). Exit 0 when every step passed; each
// screen is saved as a PNG named rating-*.
import { authenticator, check, deskContext, launch, log, phoneContext, screenshots } from './harness.mjs';

const [base, shots, code, secret, totpKey] = process.argv.slice(2);
if (!base || !shots || !code || !secret || !totpKey) { console.error('usage: node rating.mjs <baseUrl> <screenshotDir> <code> <secret> <officeTotpKey>'); process.exit(2); }
const freshCode = authenticator(totpKey);

const browser = await launch();
const phone = await phoneContext(browser);
const errors = [];
const shot = screenshots(shots, 'rating-');
/** The status page as the notice's link opens it (#tra-cuu?ma=...), the secret typed from the receipt. */
async function openStatus(page) {
  await page.goto(base + '/#tra-cuu?ma=' + encodeURIComponent(code));
  await page.locator('h1', { hasText: 'Tra cứu tình trạng hồ sơ' }).waitFor();
  check(await page.inputValue('[name=code]') === code, 'the link fills the code in');
  await page.fill('[name=secret]', secret);
  await page.keyboard.press('Enter');
  await page.locator('#lookup-result').waitFor();
}

try {
  const a = await phone.newPage();
  a.setDefaultTimeout(15000);
  a.on('pageerror', e => errors.push(String(e)));
  await openStatus(a);
  check((await a.innerText('#lookup-state')).includes('Đã trả kết quả'), 'the dossier is returned');
  await a.locator('#rating').waitFor();
  check(await a.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the phone');
  await shot(a, 'mo-danh-gia');

  // a second tab, opened before the rating is sent: the second rating is refused there
  const b = await phone.newPage();
  b.setDefaultTimeout(15000);
  await openStatus(b);
  await b.locator('#rating').waitFor();

  await a.tap('#rating-submit');
  check((await a.innerText('#rating-error')).includes('Xin chọn mức đánh giá'), 'no score: said next to the form');
  await a.tap('label:has(#score-5)');
  await a.fill('#rating-comment', 'Nhân viên <b>tốt</b>');
  await a.tap('#rating-submit');
  check((await a.innerText('#rating-error')).includes('< hoặc >'), 'markup in the comment is refused before sending');
  await shot(a, 'loi-nhap');
  await a.fill('#rating-comment', 'Nhân viên hướng dẫn tận tình, trả kết quả đúng hẹn.');
  await a.tap('#rating-submit');
  await a.locator('#rating-thanks').waitFor();
  check((await a.innerText('#rating-thanks')).includes('Cảm ơn Ông/Bà đã đánh giá'), 'thanked');
  await shot(a, 'da-gui');
  log('rated 5 from the phone');

  await b.tap('label:has(#score-2)');
  await b.tap('#rating-submit');
  await b.locator('#rating-error', { hasText: 'đánh giá' }).waitFor();
  check((await b.innerText('#rating-error')).includes('mỗi hồ sơ chỉ được đánh giá một lần'), 'a second rating is refused in Vietnamese');
  await shot(b, 'lan-hai-bi-tu-choi');

  await openStatus(a);
  await a.locator('#rating-given').waitFor();
  check((await a.innerText('#rating-given')).includes('5/5'), 'the status page says it was rated');
  check(await a.locator('#rating').count() === 0, 'and offers no second form');
  await shot(a, 'da-danh-gia');

  // the office: its dashboard and the statistics CSV show the rating for this month
  const office = await (await deskContext(browser)).newPage();
  office.setDefaultTimeout(15000);
  office.on('pageerror', e => errors.push(String(e)));
  await office.goto(base + '/#thong-ke');
  await office.fill('[name=username]', 'vanphong01@quangngai.gov.vn');
  await office.fill('[name=password]', 'Vanphong01-local');
  await office.keyboard.press('Enter');
  await office.locator('[name=totp]').waitFor({ state: 'visible' });
  await office.fill('[name=totp]', await freshCode());
  await office.keyboard.press('Enter');
  await office.locator('#ratings').waitFor();
  const ratings = await office.innerText('#ratings');
  check(ratings.includes('5,0 (1 lượt)'), 'the dashboard shows the rating with a decimal comma: ' + ratings);
  await office.locator('#ratings').scrollIntoViewIfNeeded();
  await shot(office, 'bang-thong-ke');
  const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 7);
  const csv = await office.evaluate(async m => {
    const [y, mm] = m.split('-').map(Number);
    const last = new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
    const r = await fetch(`/reports/statistics?from=${m}-01&to=${last}&format=csv`, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token') } });
    return r.text();
  }, month);
  const mmYYYY = month.slice(5) + '/' + month.slice(0, 4);
  check(csv.includes('Đánh giá của người dân') && new RegExp(`,${mmYYYY},1,"5,0"`).test(csv), 'the CSV has the rating row: ' + csv.slice(-400));
  log('dashboard and CSV show the rating');

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  log('all checks passed');
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
