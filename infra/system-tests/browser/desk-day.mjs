// The desk's day in headless chromium at 1366x768, keyboard first (issue 17a): menus by role, the new dossier form
// (postal address hidden for the desk, the document form's select readable, Enter does not submit), the worklist and
// the search by name without diacritics, ID number and phone, an upload's verdict on its own row and a stored scan
// opened, the fee with its amount and receipt, the result by post first for a dossier registered for post with the
// post's delivery date, the result at the desk with who collected it.
// Usage: node desk-day.mjs <baseUrl> <screenshotDir> <departmentSimulatorUrl> <officeTotpKey>
import { authenticator, check, deskContext, launch, log, screenshots } from './harness.mjs';
import { join } from 'node:path';

const [base, shots, simulator, totpKey] = process.argv.slice(2);
if (!base || !shots || !simulator || !totpKey) { console.error('usage: node desk-day.mjs <baseUrl> <screenshotDir> <simulatorUrl> <officeTotpKey>'); process.exit(2); }
const freshCode = authenticator(totpKey);

const browser = await launch();
const context = await deskContext(browser);
const page = await context.newPage();
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('pageerror', e => consoleErrors.push(String(e)));
const requests = [];
page.on('request', r => requests.push(r.method() + ' ' + new URL(r.url()).pathname));
const snap = screenshots(shots, 'day-');
const shot = name => snap(page, name);
const text = async sel => (await page.locator(sel).innerText()).trim();
const errorOf = name => page.locator(`[name="${name}"]`).evaluate(el => document.getElementById(el.id + '-error')?.textContent || '');
const visibleNav = () => page.locator('.top nav a:visible').allInnerTexts();

async function signIn(user, password, code) {
  await page.goto(base + '/#dang-nhap');
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.locator('[name=username]').waitFor();
  await page.keyboard.type(user);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  if (code) {
    await page.locator('[name=totp]').waitFor({ state: 'visible' });
    await page.fill('[name=totp]', await freshCode());
    await page.keyboard.press('Enter');
  }
}

/** The department simulator answers as the department would, once the dossier has reached it. */
async function answer(agency, code, body) {
  const url = `${simulator}/agencies/${agency}/dossiers/${encodeURIComponent(code)}/answers`;
  let last;
  for (let i = 0; i < 60; i++) {
    last = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (last.ok) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('the department simulator answered ' + last.status + ': ' + await last.text());
}

/**
 * Opens a dossier and waits until its state is {@code label} (a department's answer goes through a queue). Each look is
 * a reload: a new document, so the state read is never the previous render's while the next one is still loading.
 */
async function openUntil(code, label) {
  await page.goto(base + '/#ho-so/' + encodeURIComponent(code));
  for (let i = 0; i < 40; i++) {
    await page.reload();
    await page.locator('#dossier-state').waitFor();
    if ((await text('#dossier-state')) === label) return;
    await page.waitForTimeout(500);
  }
  throw new Error(code + ' never reached «' + label + '», still ' + await text('#dossier-state'));
}

const agency = 'so-khoa-hoc-cong-nghe';
try {
  // ---------------------------------------------------------------- menus follow the role: the office
  await signIn('vanphong01@quangngai.gov.vn', 'Vanphong01-local', true);
  await page.locator('#charts svg').first().waitFor();
  let nav = await visibleNav();
  check(!nav.some(x => x.startsWith('Hồ sơ mới')), 'the office has no "Hồ sơ mới": ' + nav.join(' | '));
  check(nav.some(x => x.startsWith('Thống kê')), 'the office has its statistics');
  await page.keyboard.press('Alt+N'); // the shortcut of a hidden entry does nothing
  await page.waitForTimeout(200);
  check(!page.url().includes('#moi'), 'Alt+N does not open the new dossier form for the office');
  await page.goto(base + '/#moi');
  await page.locator('#not-allowed').waitFor();
  check(await page.locator('#new-dossier').count() === 0, 'the office is not given a form it cannot send');
  await shot('van-phong-khong-co-ho-so-moi');

  // ---------------------------------------------------------------- the desk: menus, then the new dossier form
  await signIn('quay02@buudien.quangngai.vn', 'Quay02-local');
  await page.locator('#received-today').waitFor();
  nav = await visibleNav();
  check(!nav.some(x => x.startsWith('Thống kê')), 'the desk has no "Thống kê": ' + nav.join(' | '));
  check(nav.some(x => x.startsWith('Hồ sơ mới')), 'the desk has its new dossier form');
  const before = requests.filter(r => r.includes('/reports/')).length;
  await page.goto(base + '/#thong-ke');
  await page.locator('#not-allowed').waitFor();
  check(requests.filter(r => r.includes('/reports/')).length === before, 'the desk\'s statistics page asks the API nothing (no 403)');

  await page.keyboard.press('Alt+N');
  await page.locator('h1', { hasText: 'Tiếp nhận hồ sơ mới' }).waitFor();
  await page.selectOption('[name=agency]', agency);
  await page.selectOption('[name=procedureCode]', 'PENDING.SKHCN.GPBX-XQ');
  const address = page.locator('[name="resultReturn.address"]');
  await page.check('#rm-desk');
  check(!(await address.isVisible()), 'with "Tại Bộ phận Một cửa" the postal address field is hidden');
  await page.check('#rm-post');
  check(await address.isVisible(), 'with "Qua dịch vụ bưu chính" the postal address field shows');
  await page.check('#rm-desk');
  check(!(await address.isVisible()), 'back to the desk: hidden again');
  const select = page.locator('[name="doc-form-0"]');
  const box = await select.evaluate(el => ({ width: el.getBoundingClientRect().width, scroll: el.scrollWidth, client: el.clientWidth,
    text: el.options[el.selectedIndex].text }));
  log('the document form select: ' + JSON.stringify(box));
  check(box.width >= 110, 'the "Hình thức" select is wide enough for "Bản chính", got ' + box.width + ' px');
  // Enter in a field does not send the form; it moves to the next field
  const posts = () => requests.filter(r => r === 'POST /dossiers').length;
  const sent = posts();
  await page.locator('[name="applicant.name"]').focus();
  await page.keyboard.type('Đặng Thị Mỹ Duyên');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  check(posts() === sent, 'Enter in the name field sends nothing');
  check(!(await text('#status')).startsWith('Còn '), 'Enter in a field does not validate the whole form');
  check(await page.evaluate(() => document.activeElement?.name) === 'applicant.idNumber', 'Enter moved on to the ID number');
  await shot('ho-so-moi-tai-quay');
  await page.getByRole('button', { name: 'Xóa và nhập lại' }).click();

  // ---------------------------------------------------------------- two dossiers of one applicant, received through the API
  const suffix = String(Date.now()).slice(-7);
  const idNumber = '05119' + suffix;
  const phone = '0935' + suffix.slice(1);
  const receive = (procedureCode, documents, resultReturn) => page.evaluate(async body => {
    const { call, newKey } = await import('/app/api.js');
    return call('POST', '/dossiers', { headers: { 'idempotency-key': newKey() }, body });
  }, { applicant: { name: 'Đặng Thị Mỹ Duyên', idNumber, phone, address: 'Số 5 Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi' },
    procedureCode, documents, sets: 1, resultReturn, channel: 'in_person' });
  const byPost = (await receive('PENDING.SKHCN.GPBX-XQ', [0, 1, 2, 3, 4, 5, 6, 7].map(index => ({ index, form: [3, 4, 7].includes(index) ? 'copy' : 'original', count: 1 })),
    { method: 'by_post', address: 'Số 5 Lê Lợi, phường Cẩm Thành, tỉnh Quảng Ngãi' })).code;
  const atDesk = (await receive('2.002131', [{ index: 0, form: 'original', count: 1 }], { method: 'at_desk' })).code;
  log('received ' + byPost + ' (by post) and ' + atDesk + ' (at the desk)');

  // ---------------------------------------------------------------- the worklist and the search, keyboard only
  await page.keyboard.press('Alt+B');
  await page.locator('#received-today').waitFor();
  check(await page.locator('#received-today a', { hasText: byPost }).count() === 1, 'received today lists the dossier by post');
  check(await page.locator('#received-today a', { hasText: atDesk }).count() === 1, 'received today lists the dossier at the desk');
  for (const id of ['due-today', 'overdue', 'result-ready', 'waiting-fee', 'supplements', 'withdrawals', 'in-process']) {
    check(await page.locator('#' + id).count() === 1, 'the board has its list ' + id);
  }
  await shot('bang-hom-nay');
  for (const [q, what] of [['dang thi my duyen', 'a name without diacritics'], ['Đặng Thị Mỹ', 'the beginning of a name'],
    [idNumber, 'the ID number'], [phone.replace(/(\d{4})(\d{3})(\d+)/, '$1 $2 $3'), 'the phone, spaced']]) {
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('/');
    check(await page.evaluate(() => document.activeElement?.name) === 'q', '"/" goes to the search');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(q);
    await page.keyboard.press('Enter');
    await page.locator('#search-results .results').waitFor();
    const found = await page.locator('#search-results a').allInnerTexts();
    check(found.includes(byPost) && found.includes(atDesk), 'searching by ' + what + ' finds both dossiers: ' + found.join(', '));
    log('searched by ' + what + ': ' + found.length + ' found');
  }
  await shot('tim-kiem-khong-dau');
  // a code opens the dossier
  await page.fill('[name=q]', atDesk.toLowerCase());
  await page.keyboard.press('Enter');
  await page.locator('#dossier-code', { hasText: atDesk }).waitFor();

  // ---------------------------------------------------------------- uploads: a verdict on each row, a stored scan opens
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4000, 1)]);
  await page.setInputFiles('#file-input', { name: 'Đơn đề nghị.pdf', mimeType: 'application/pdf', buffer: exe });
  const rejected = page.locator('#uploads li').first().locator('[data-verdict]');
  await rejected.waitFor({ timeout: 60000 });
  const verdict = await rejected.innerText();
  log('the renamed executable: ' + verdict);
  check((await rejected.getAttribute('data-verdict')) === 'rejected' && verdict.includes('Bị từ chối') && verdict.includes('không khớp'),
    'a rejected upload says so on its row, in Vietnamese: ' + verdict);
  check(!/TYPE_MISMATCH/.test(verdict), 'no internal code on the row');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' + ' '.repeat(20000));
  await page.setInputFiles('#file-input', { name: 'Phiếu khai báo.pdf', mimeType: 'application/pdf', buffer: pdf });
  const kept = page.locator('#uploads li').nth(1).locator('[data-verdict]');
  await kept.waitFor({ timeout: 60000 });
  check((await kept.getAttribute('data-verdict')) === 'kept', 'a good scan is kept: ' + await kept.innerText());
  check(await page.locator('#rejected-uploads li').count() === 1, 'the documents card lists the rejected file');
  await shot('tai-len-bi-tu-choi');
  await page.evaluate(() => { window.opened = []; window.open = url => { window.opened.push(url); return null; }; });
  const link = page.waitForResponse(r => /\/documents\/[^/]+\/link$/.test(new URL(r.url()).pathname));
  await page.locator('#documents a[data-document]').first().click();
  const linked = await link;
  check(!linked.url().includes('undefined') && linked.status() === 200, 'the stored scan\'s link: ' + linked.status() + ' ' + new URL(linked.url()).pathname);
  await page.waitForFunction(() => window.opened.length === 1, null, { timeout: 5000 }).catch(() => {});
  check((await page.evaluate(() => window.opened.length)) === 1 && (await page.evaluate(() => window.opened[0])).includes('X-Amz-Signature'),
    'the scan opens at its signed link');
  // after a reload the verdict is still there, on the documents card
  await page.reload();
  await page.locator('#rejected-uploads li').waitFor();
  check((await page.locator('#rejected-uploads li').innerText()).includes('không khớp với loại tệp'), 'the verdict stays after a reload');

  // ---------------------------------------------------------------- the fee: amount and receipt number
  await answer(agency, atDesk, { accepted: {} });
  await answer(agency, atDesk, { feeRequired: { amountVnd: 200000, note: 'Lệ phí cấp giấy chứng nhận' } });
  await page.keyboard.press('Alt+B');
  await page.locator('#waiting-fee').waitFor();
  for (let i = 0; i < 20 && !(await page.locator('#waiting-fee a', { hasText: atDesk }).count()); i++) {
    await page.waitForTimeout(500); await page.reload(); await page.locator('#waiting-fee').waitFor();
  }
  check((await page.locator('#waiting-fee li', { hasText: atDesk }).innerText()).includes('200.000 đồng'), 'waiting for the fee, with its amount');
  await page.locator('#waiting-fee a', { hasText: atDesk }).click();
  await page.locator('#act-fee').waitFor();
  check(await page.inputValue('[name=amountVnd]') === '200000', 'the amount asked for is filled in');
  await page.locator('#act-fee').focus();
  await page.keyboard.press('Enter');
  check((await errorOf('receiptNumber')).includes('Cần nhập số biên lai'), 'no receipt number, nothing sent');
  await page.locator('[name=receiptNumber]').focus();
  await page.keyboard.type('AA/2026/0001234');
  await page.locator('#act-fee').focus();
  await page.keyboard.press('Enter');
  await page.locator('#status.ok').waitFor();
  await page.locator('#dossier-state', { hasText: 'Đang giải quyết' }).waitFor();
  check((await text('#main')).includes('biên lai số AA/2026/0001234'), 'the fee shows its receipt');
  await shot('da-nop-phi');

  // ---------------------------------------------------------------- at the desk: who collected the result
  await answer(agency, atDesk, { resultReady: { outcome: 'approved', documents: [] } });
  await openUntil(atDesk, 'Đã có kết quả, chờ trả');
  let first = await page.locator('#desk-actions button').first().innerText();
  check(first === 'Trả kết quả tại quầy', 'registered at the desk: "Trả kết quả tại quầy" comes first, got ' + first);
  check(await page.inputValue('[name="collector.name"]') === 'Đặng Thị Mỹ Duyên', 'the applicant is proposed as the collector');
  await page.fill('[name="collector.name"]', 'Trần Văn Bình');
  await page.fill('[name="collector.idNumber"]', '0511');
  await page.locator('#act-return-desk').focus();
  await page.keyboard.press('Enter');
  check((await errorOf('collector.idNumber')).includes('12 chữ số'), 'a bad ID number of the collector is named');
  await page.fill('[name="collector.idNumber"]', '051 190 009 999');
  await page.fill('[name="collector.onBehalfOf"]', 'Đặng Thị Mỹ Duyên (giấy ủy quyền)');
  await shot('tra-tai-quay-nguoi-nhan');
  await page.locator('#act-return-desk').focus();
  await page.keyboard.press('Enter');
  await page.locator('#dossier-state', { hasText: 'Đã trả kết quả' }).waitFor();
  check((await text('#main')).includes('Trần Văn Bình (051190009999), nhận thay Đặng Thị Mỹ Duyên'), 'who collected it is recorded');
  await shot('da-tra-tai-quay');

  // ---------------------------------------------------------------- by post: "Giao bưu điện" first, then the delivery date
  await answer(agency, byPost, { accepted: {} });
  await answer(agency, byPost, { resultReady: { outcome: 'approved', documents: [] } });
  await openUntil(byPost, 'Đã có kết quả, chờ trả');
  first = await page.locator('#desk-actions button').first().innerText();
  check(first === 'Giao bưu điện', 'registered for post: "Giao bưu điện" comes first, got ' + first);
  check(!(await page.locator('#act-return-desk').isVisible()), 'the desk hand-over is folded away');
  await shot('giao-buu-dien-truoc');
  await page.locator('[name=trackingNumber]').focus();
  await page.keyboard.type('EB123456789VN');
  await page.locator('#act-return-post').focus();
  await page.keyboard.press('Enter');
  await page.locator('#dossier-state', { hasText: 'Đã trả kết quả' }).waitFor();
  await page.locator('#act-delivered').waitFor();
  const tomorrow = new Date(Date.now() + 7 * 3600e3 + 86400e3).toISOString().slice(0, 10);
  await page.fill('[name=deliveredOn]', tomorrow);
  await page.locator('#act-delivered').click();
  check((await errorOf('deliveredOn')).includes('sau hôm nay'), 'a delivery date after today is refused');
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  await page.fill('[name=deliveredOn]', today);
  await page.locator('#act-delivered').click();
  await page.locator('#status.ok').waitFor();
  await page.locator('#act-delivered').waitFor({ state: 'detached' });
  check((await text('#main')).includes('đã phát ngày'), 'the delivery date is shown');
  await shot('buu-dien-da-phat');

  // ---------------------------------------------------------------- withdrawal: the department acknowledges, the dossier stops
  const third = (await receive('2.002131', [{ index: 0, form: 'original', count: 1 }], { method: 'at_desk' })).code;
  await answer(agency, third, { accepted: {} }); // waits until the department holds it
  await openUntil(third, 'Đang giải quyết');
  await page.locator('#desk-actions details summary', { hasText: 'xin rút' }).click();
  await page.locator('[name=reason]').focus();
  await page.keyboard.type('Người nộp không còn nhu cầu');
  await page.locator('#act-withdraw').focus();
  await page.keyboard.press('Enter');
  await page.locator('#status.ok', { hasText: 'Ghi nhận rút hồ sơ: đã ghi nhận' }).waitFor();
  await shot('de-nghi-rut'); // «Đã đề nghị rút hồ sơ», or already stopped if the department was quick
  // the router sends the withdrawal callback, the simulated department acknowledges it, the updates function stops it
  await openUntil(third, 'Đã dừng xử lý');
  const timeline = await text('#timeline');
  check(timeline.includes('dừng xử lý hồ sơ') && timeline.includes('Đã dừng thẩm định hồ sơ'), 'the department\'s acknowledgement is in the history');
  check((await text('#desk-actions')).includes('Không có thao tác'), 'a stopped dossier takes no more desk actions');
  const received = await (await fetch(`${simulator}/agencies/${agency}/dossiers`)).json();
  check(received.dossiers.some(r => r.dossierCode === third && r.reason === 'withdrawn'), 'the department got a withdrawal callback');
  await shot('da-dung-xu-ly');

  check(consoleErrors.length === 0, 'no script errors: ' + consoleErrors.join('; '));
  log('all checks passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(e.stack || String(e));
  await page.screenshot({ path: join(shots, 'day-failure.png'), fullPage: true }).catch(() => {});
  await browser.close();
  process.exit(1);
}
