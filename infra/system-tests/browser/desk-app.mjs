// Browser tests of the counter web app, in headless Debian chromium driven by playwright-core.
// Usage: node desk-app.mjs <baseUrl> <screenshotDir> <departmentSimulatorUrl> <officeTotpKey>
// Staff sign in through the local Cognito (moto), as on AWS; sign-in.mjs tests the sign-in itself.
// Exit 0 when every step passed; each screen is saved as a PNG (and the receipt as an A5 PDF).
import { writeFileSync } from 'node:fs';
import { authenticator, check, deskContext, launch, log, screenshots } from './harness.mjs';
import { join } from 'node:path';
import { printReceipt } from './receipt-print.mjs';

const [base, shots, simulator, totpKey] = process.argv.slice(2);
if (!base || !shots || !simulator || !totpKey) { console.error('usage: node desk-app.mjs <baseUrl> <screenshotDir> <simulatorUrl> <officeTotpKey>'); process.exit(2); }
const freshCode = authenticator(totpKey);

const browser = await launch();
const context = await deskContext(browser);
const page = await context.newPage();
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('pageerror', e => consoleErrors.push(String(e)));
// What the Content-Security-Policy refused, and a print the sandbox refused: Chromium says both on the console.
const refused = [];
page.on('console', m => { if (/Content Security Policy|Refused to|Ignored call to 'print/i.test(m.text())) refused.push(m.text()); });
const snap = screenshots(shots, '');
const shot = name => snap(page, name);
const text = async sel => (await page.locator(sel).innerText()).trim();
const errorOf = name => page.locator(`[name="${name}"]`).evaluate(el => document.getElementById(el.id + '-error')?.textContent || '');

try {
  // ---------------------------------------------------------------- the page's security headers
  const home = await page.goto(base + '/');
  const headers = home.headers();
  const csp = Object.fromEntries((headers['content-security-policy'] || '').split(/;\s*/).map(d => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));
  check(csp['script-src'] === "'self'", 'scripts from this origin only, none inline: ' + headers['content-security-policy']);
  check(csp['frame-ancestors'] === "'none'", 'no site may frame the app');
  check(!/unsafe-inline|unsafe-eval/.test(headers['content-security-policy']), 'no unsafe-inline or unsafe-eval anywhere');
  check(headers['x-content-type-options'] === 'nosniff', 'X-Content-Type-Options: nosniff');
  check(headers['referrer-policy'] === 'no-referrer', 'Referrer-Policy: no-referrer');
  log('Content-Security-Policy: ' + headers['content-security-policy']);

  // ---------------------------------------------------------------- public status page: validation
  await page.goto(base + '/#tra-cuu');
  await page.locator('h1', { hasText: 'Tra cứu tình trạng hồ sơ' }).waitFor();
  await page.keyboard.press('Enter'); // the code field has focus: Enter submits
  check((await errorOf('code')).includes('Cần nhập mã hồ sơ'), 'the empty code is named next to its field');
  check((await errorOf('secret')).includes('Cần nhập mã tra cứu'), 'the empty secret is named next to its field');
  await shot('tra-cuu-thieu-thong-tin');

  // ---------------------------------------------------------------- sign in, keyboard only
  await page.goto(base + '/#moi');                  // not signed in: to sign in, then back here
  await page.locator('h1', { hasText: 'Đăng nhập' }).waitFor();
  await page.keyboard.type('quay01@buudien.quangngai.vn');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sai-mat-khau');
  await page.keyboard.press('Enter');
  await page.locator('#status.error').waitFor();
  check((await text('#status')).includes('không đúng'), 'a wrong password says so');
  await shot('dang-nhap-sai');
  await page.fill('[name=password]', 'Quay01-local');
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Tiếp nhận hồ sơ mới' }).waitFor();
  log('signed in, back on the new dossier form');
  // the second factor: offered to every signed-in member; the clerk has none yet, the screen gives the key to enter
  await page.click('#who a[href="#xac-thuc"]');
  await page.locator('h1', { hasText: 'Xác thực hai bước' }).waitFor();
  await page.locator('#totp-secret').waitFor();
  check((await text('#totp-secret')).replace(/\s/g, '') === totpKey.toUpperCase() || (await text('#totp-secret')).replace(/\s/g, '').toUpperCase() === totpKey.toUpperCase(),
    'the screen shows the authenticator key Cognito gave: ' + await text('#totp-secret'));
  await page.goBack();
  await page.locator('h1', { hasText: 'Tiếp nhận hồ sơ mới' }).waitFor();

  // ---------------------------------------------------------------- new dossier: validation messages
  await page.click('#submit-dossier');
  check((await errorOf('agency')).includes('Cần chọn cơ quan'), 'no department chosen');
  check((await errorOf('applicant.name')).includes('Cần nhập họ và tên'), 'no name');
  check((await errorOf('applicant.idNumber')).includes('CCCD'), 'no id number');
  check((await text('#status')).startsWith('Còn '), 'the summary counts the problems');
  await page.fill('[name="applicant.phone"]', '12345');
  await page.locator('[name="applicant.phone"]').blur();
  check((await errorOf('applicant.phone')).includes('bắt đầu bằng 0'), 'a bad phone is named as typed');
  await page.fill('[name="applicant.email"]', 'khong-phai-email');
  await page.locator('[name="applicant.email"]').blur();
  check((await errorOf('applicant.email')).includes('chưa đúng dạng'), 'a bad email is named as typed');
  await shot('ho-so-moi-loi-nhap');

  // ---------------------------------------------------------------- new dossier: the happy path
  await page.selectOption('[name=agency]', 'so-khoa-hoc-cong-nghe');
  await page.selectOption('[name=procedureCode]', '2.002131');
  await page.locator('#doc-0').check();
  await page.fill('[name="applicant.name"]', 'Nguyễn Thị Thu Hà');
  await page.fill('[name="applicant.idNumber"]', '051190001234');
  await page.fill('[name="applicant.phone"]', '0905 123 456');
  await page.fill('[name="applicant.email"]', 'thuha@example.vn');
  await page.fill('[name="applicant.address"]', 'Số 12 Hùng Vương, phường Trần Phú, tỉnh Quảng Ngãi');
  check((await errorOf('applicant.phone')) === '', 'the corrected phone clears its message');
  // the draft survives a reload (a 401 or a crash loses nothing)
  await page.reload();
  await page.locator('h1', { hasText: 'Tiếp nhận hồ sơ mới' }).waitFor();
  check(await page.inputValue('[name="applicant.name"]') === 'Nguyễn Thị Thu Hà', 'the draft is kept across a reload');
  await shot('ho-so-moi-da-nhap');
  let posts = 0;
  page.on('request', r => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/dossiers') posts++; });
  await page.dblclick('#submit-dossier'); // a double click receives one dossier
  await page.locator('#dossier-code').waitFor();
  const code = await text('#dossier-code');
  log('received ' + code + ' after ' + posts + ' POST(s)');
  check(posts === 1, 'a double click sends one request, got ' + posts);
  check(/^[0-9A-Z.]+-\d{6}-\d{4}$/.test(code), 'a dossier code');
  const secret = await page.evaluate(c => sessionStorage.getItem('motcua.secret.' + c), code);
  check(/^[A-Z0-9]{6,16}$/.test(secret || ''), 'a lookup secret');

  // ---------------------------------------------------------------- the receipt (form 01), printed on A5
  const receipt = page.frameLocator('#receipt-frame');
  await receipt.locator('h1', { hasText: 'GIẤY TIẾP NHẬN HỒ SƠ' }).waitFor();
  check((await receipt.locator('body').innerText()).includes(code), 'the receipt carries the code');
  // the QR code for the public lookup: the link the public page reads, printed under it too
  // (the Java tests decode the SVG itself; here: it is there, labelled, 28 mm, and its link opens the page)
  const qr = receipt.locator('svg.qr');
  check(await qr.count() === 1, 'the receipt carries a QR code for the public lookup');
  check((await qr.getAttribute('aria-label')) === 'Mã QR mở trang tra cứu hồ sơ ' + code, 'the QR code has a Vietnamese label');
  const qrMm = await qr.evaluate(svg => svg.getBoundingClientRect().width * 25.4 / 96);
  check(Math.abs(qrMm - 28) < 0.5, 'the QR code is 28 mm wide, got ' + qrMm.toFixed(1));
  const qrLink = (await receipt.locator('.lookup-link').innerText()).trim();
  check(qrLink === `${base}/#tra-cuu?ma=${encodeURIComponent(code)}&bimat=${secret}`, 'the QR link leads to this app\'s public page: ' + qrLink);
  log('the receipt has its QR code: ' + qrLink.replace(secret, '…'));
  const sandbox = (await page.getAttribute('#receipt-frame', 'sandbox') || '').split(/\s+/).sort();
  check(JSON.stringify(sandbox) === JSON.stringify(['allow-modals', 'allow-same-origin']),
    'the receipt frame is sandboxed: no script runs in it, only printing is allowed; got ' + sandbox.join(' '));
  // the real print, first: a sandbox without allow-modals would make Chromium ignore it (and say so)
  await page.click('#print-receipt');
  await page.waitForTimeout(300);
  check(!refused.some(m => /print/.test(m)), 'the sandboxed receipt still prints: ' + refused.join('; '));
  await page.evaluate(() => { const f = document.getElementById('receipt-frame'); f.contentWindow.print = () => { window.printed = true; }; });
  await page.keyboard.press('Alt+P');
  if (!(await page.evaluate(() => window.printed))) await page.click('#print-receipt');
  check(await page.evaluate(() => window.printed === true), 'the print button prints the receipt');
  await shot('bien-nhan');
  const receiptHtml = await page.evaluate(c => sessionStorage.getItem('motcua.receipt.' + c), code);
  async function checkPrintsOnOneA5Page(html, file) {
    const { pdf, ...printed } = await printReceipt(context, html);
    writeFileSync(join(shots, file), pdf);
    log(file + ': ' + JSON.stringify(printed));
    check(Math.abs(printed.widthPt - 419.5) < 2 && Math.abs(printed.heightPt - 595.3) < 2,
      'the receipt prints on A5 portrait (148 × 210 mm), got ' + printed.widthPt + ' × ' + printed.heightPt + ' pt');
    check(printed.pages === 1, `the receipt prints on ONE page, got ${printed.pages} (${printed.contentMm} mm of content for ${printed.printableMm} mm)`);
    check(printed.bodyPt >= 9.5, 'the receipt is readable: body text ' + printed.bodyPt + ' pt');
  }
  await checkPrintsOnOneA5Page(receiptHtml, 'bien-nhan-A5.pdf');
  // a receipt as long as they get, made by the intake function itself: a long name, the 8 documents
  // of the X-ray licence, the result by post to a long address
  const long = await page.evaluate(async () => {
    const { call, newKey } = await import('/app/api.js');
    return call('POST', '/dossiers', { headers: { 'idempotency-key': newKey() }, body: {
      applicant: { name: 'Công Tằng Tôn Nữ Thị Phương Thảo', idNumber: '051190004321', phone: '0905123457',
        email: 'congtangtonnu.phuongthao@phongkhamthiennhan.com.vn',
        address: 'Tổ dân phố 3, số 127/15 đường Nguyễn Công Phương, phường Nghĩa Lộ, thành phố Quảng Ngãi, tỉnh Quảng Ngãi' },
      procedureCode: 'PENDING.SKHCN.GPBX-XQ',
      documents: [0, 1, 2, 3, 4, 5, 6, 7].map(index => ({ index, form: [3, 4, 7].includes(index) ? 'copy' : 'original', count: index === 1 ? 3 : 1 })),
      sets: 1,
      resultReturn: { method: 'by_post', address: 'Phòng khám Đa khoa Thiện Nhân, số 127/15 đường Nguyễn Công Phương, phường Nghĩa Lộ, thành phố Quảng Ngãi, tỉnh Quảng Ngãi' },
      channel: 'in_person' } });
  });
  check(long.receipt.documents.length === 8 && long.receiptHtml.includes('Công Tằng Tôn Nữ Thị Phương Thảo'), 'the long receipt lists 8 documents');
  check(long.receiptHtml.includes('<svg class="qr"'), 'the long receipt carries its QR code');
  await checkPrintsOnOneA5Page(long.receiptHtml, 'bien-nhan-dai-A5.pdf');

  // ---------------------------------------------------------------- upload of scans
  await page.setInputFiles('#file-input', { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải bản quét') });
  check((await text('#upload-error')).includes('chỉ nhận tệp PDF, JPEG hoặc PNG'), 'a wrong type is refused before upload');
  const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' + ' '.repeat(200000));
  // drag and drop, as a clerk drops a scan from the scanner's folder
  await page.evaluate(async ({ bytes }) => {
    const file = new File([Uint8Array.from(atob(bytes), c => c.charCodeAt(0))], 'Phiếu khai báo.pdf', { type: 'application/pdf' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const zone = document.getElementById('drop-zone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { bytes: pdfBytes.toString('base64') });
  await page.locator('#uploads li .ok').waitFor();
  check(await page.locator('#uploads progress').evaluate(p => p.value === 1), 'the progress bar is full');
  await shot('tai-len');
  for (let i = 0; i < 30; i++) {
    if ((await page.locator('#documents li').count()) > 0) break;
    await page.waitForTimeout(500);
    if (i % 6 === 5) { await page.reload(); await page.locator('#dossier-code').waitFor(); }
  }
  check((await page.locator('#documents li').count()) === 1, 'the uploaded scan is registered on the dossier');

  // ---------------------------------------------------------------- the simulated department approves
  const agency = 'so-khoa-hoc-cong-nghe';
  async function answer(body) {
    const url = `${simulator}/agencies/${agency}/dossiers/${encodeURIComponent(code)}/answers`;
    let last;
    for (let i = 0; i < 60; i++) { // until the router has handed it to the department
      last = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (last.ok) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error('the department simulator answered ' + last.status + ': ' + await last.text());
  }
  await answer({ accepted: {} });
  await answer({ resultReady: { outcome: 'approved', documents: [] } });
  log('the department approved');

  // ---------------------------------------------------------------- today's board shows the result ready
  await page.keyboard.press('Alt+B');
  await page.locator('#result-ready').waitFor();
  for (let i = 0; i < 20 && !(await page.locator('#result-ready a', { hasText: code }).count()); i++) {
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('#result-ready').waitFor();
  }
  check(await page.locator('#result-ready a', { hasText: code }).count() === 1, 'the board lists the result ready to hand back');
  await shot('bang-hom-nay');

  // ---------------------------------------------------------------- hand back at the desk
  await page.locator('#result-ready a', { hasText: code }).click();
  await page.locator('#act-return-desk').click();
  await page.locator('#status.ok').waitFor();
  await page.locator('#dossier-state', { hasText: 'Đã trả kết quả' }).waitFor();
  const state = await text('#dossier-state');
  log('state after hand back: ' + state);
  check((await text('#status')).includes('Trả kết quả tại quầy: đã ghi nhận'), 'the hand back is confirmed');
  check((await page.locator('#timeline li').count()) >= 4, 'the timeline shows every step');
  await shot('tra-ket-qua');

  // ---------------------------------------------------------------- the public status page
  await page.goto(base + '/#tra-cuu');
  await page.fill('[name=code]', code);
  await page.fill('[name=secret]', 'SAIMA123');
  await page.keyboard.press('Enter');
  await page.locator('#status.error').waitFor();
  check((await text('#status')).includes('Không tìm thấy'), 'a wrong secret finds nothing');
  await page.fill('[name=secret]', secret);
  await page.keyboard.press('Enter');
  await page.locator('#lookup-state').waitFor();
  check((await text('#lookup-result')).includes('Nguyễn T'), 'the name is shown masked');
  check(!(await text('#lookup-result')).includes('0905'), 'no phone number on the public page');
  check((await text('#lookup-state')) === 'Đã trả kết quả', 'the public page shows the result returned');
  await shot('tra-cuu-ket-qua');
  // the receipt's QR link opens the page with both codes filled in and looks the dossier up
  await page.goto('about:blank');
  await page.goto(qrLink);
  await page.locator('#lookup-state').waitFor();
  check(await page.inputValue('[name=code]') === code && await page.inputValue('[name=secret]') === secret,
    'the QR link fills in both codes');
  check((await text('#lookup-state')) === 'Đã trả kết quả', 'the QR link shows the state');

  // ---------------------------------------------------------------- the office's dashboard
  await page.goto(base + '/#dang-nhap');
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(base + '/#thong-ke');
  await page.fill('[name=username]', 'vanphong01@quangngai.gov.vn');
  await page.fill('[name=password]', 'Vanphong01-local');
  await page.keyboard.press('Enter');
  await page.locator('[name=totp]').waitFor({ state: 'visible' }); // the office's rights need TOTP
  await page.fill('[name=totp]', await freshCode());
  await page.keyboard.press('Enter');
  await page.locator('#charts svg').first().waitFor();
  check((await page.locator('#charts svg').count()) === 4, 'one chart per department');
  check((await text('#totals')).includes('Sở Khoa học và Công nghệ'), 'the totals name the departments');
  await shot('thong-ke');
  // the month's scorecard (Decision 766): a table per department, values the Vietnamese way, formulas in the notes
  await page.locator('#scorecard table.scorecard').first().waitFor();
  check((await page.locator('#scorecard table.scorecard').count()) === 4, 'a scorecard table per department');
  const values = await page.locator('#scorecard td.value').allInnerTexts();
  check(values.length > 0 && values.every(v => /^\d{1,3},\d %$/.test(v) || /^\d+$/.test(v) || v.startsWith('không có') || v.startsWith('Chưa tính được: ')),
    'scorecard values are "66,7 %", counts, "không có …" or "Chưa tính được: …": ' + [...new Set(values)].join(' | '));
  check(!values.some(v => v.includes('NaN') || /\d\.\d/.test(v)), 'no NaN and no decimal point');
  const notes = await text('#scorecard .footnotes');
  check(notes.includes('(Số hồ sơ giải quyết trước hạn + đúng hạn) / Số hồ sơ đã giải quyết trong tháng') && notes.includes('766/QĐ-TTg'),
    'the notes give each formula and its source');
  check(notes.includes('Cổng Dịch vụ công quốc gia') && notes.includes('được Cổng xác nhận trong vòng 24 giờ'), 'sync on time has its formula, read from the sync ledger');
  check(values.some(v => v.startsWith('Chưa tính được: ')), 'what the system cannot compute says so');
  const tip = await page.locator('#scorecard tr[title]').first().getAttribute('title');
  check(tip.startsWith('Công thức: ') || tip.includes('Nguồn: '), 'each row carries its formula as a tooltip');
  const box = await page.locator('#scorecard').boundingBox();
  check(box && box.width <= 1366, 'the scorecard fits the 1366 px screen: ' + JSON.stringify(box));
  await page.locator('#scorecard').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'bo-chi-so-766.png') });
  log('screenshot ' + join(shots, 'bo-chi-so-766.png'));

  check(consoleErrors.length === 0, 'no script errors: ' + consoleErrors.join('; '));
  check(refused.length === 0, 'nothing refused by the Content-Security-Policy all along: ' + refused.join('; '));
  log('all checks passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(e.stack || String(e));
  await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  await browser.close();
  process.exit(1);
}
