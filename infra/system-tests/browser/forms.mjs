// Browser tests of the printed forms and the emails' links, against a local run (DeskAppBrowserTest).
// Usage: node forms.mjs <baseUrl> <screenshotDir> <sesStoreUrl> <dossierCode> <lookupSecret> <officeTotpKey> <delayedCode>
//        <earlierDay> <earlierName>
// The dossiers were received through the API by another session: this browser has never seen their receipts;
// a department announced a delay for <delayedCode>; <earlierName> was refused at the desk on <earlierDay> (yesterday).
// 1. A clerk signs in (a new sign-in), opens the dossier: form 01 is printed again by the server, with the
//    clerk's name, the place-and-date line, the tracking-book line, the appointment's hour, the legal basis,
//    in the app's own font (Tinos, full Vietnamese), on one A5 page. Form 02 (guidance) and 03 (refusal) given.
// 1b. The clerk signs out, another signs in: today's guidance and refusal are on the board, "In lại" prints each
//    again from the server's record; the day picker lists yesterday's refusal, "In lại" prints its form 03; form 04
//    of the delayed dossier; each measured on one A5 page.
// 2. The applicant's email (the SES emulator's /store): its link, followed in Chromium on a phone (390×844),
//    opens this app's public page with the code filled in; with the receipt's secret it shows the status.
// 3. The office downloads the statistics and the tracking book (form 06) as CSV from its dashboard.
import { writeFileSync, readFileSync } from 'node:fs';
import { authenticator, check as stop, deskContext, launch, log, screenshots } from './harness.mjs';
import { join } from 'node:path';
import { printReceipt } from './receipt-print.mjs';

const [base, shots, sesStore, code, secret, totpKey, delayedCode, earlierDay, earlierName] = process.argv.slice(2);
if (!base || !shots || !sesStore || !code || !secret || !totpKey || !delayedCode || !earlierDay || !earlierName) {
  console.error('usage: node forms.mjs <baseUrl> <screenshotDir> <sesStoreUrl> <dossierCode> <lookupSecret> <officeTotpKey> <delayedCode>'
    + ' <earlierDay> <earlierName>'); process.exit(2);
}
/** The printed page measured: one A5 page (148 × 210 mm), the content within the printable height. */
async function oneA5(context, html, name) {
  const m = await printReceipt(context, html, base);
  writeFileSync(join(shots, `forms-${name}-A5.pdf`), m.pdf);
  log(name + ': ' + JSON.stringify({ ...m, pdf: undefined }));
  check(m.pages === 1 && Math.abs(m.widthPt - 419.5) < 2 && Math.abs(m.heightPt - 595.3) < 2 && m.contentMm <= m.printableMm,
    `${name} prints on one A5 page: ${m.pages} page(s), ${m.contentMm} of ${m.printableMm} mm`);
}
/** GET path with the signed-in clerk's token, as the app calls it. */
const fetchJson = (page, path) => page.evaluate(async p => {
  const r = await fetch(p, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token') } });
  return { status: r.status, body: await r.json() };
}, path);
const freshCode = authenticator(totpKey);
function check(ok, message) { stop(ok, message); log('ok: ' + message); }

const browser = await launch();
const shot = screenshots(shots, 'forms-');
try {
  // ------------------------------------------------------------ 1. form 01 again, after a new sign-in
  const desk = await deskContext(browser);
  const page = await desk.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text()); });
  const fonts = [];
  page.on('response', r => { if (r.url().includes('/app/fonts/')) fonts.push(`${r.status()} ${r.headers()['content-type']} ${r.url()}`); });
  await page.goto(`${base}/#ho-so/${encodeURIComponent(code)}`);
  await page.locator('h1', { hasText: 'Đăng nhập' }).waitFor();
  await page.keyboard.type('quay02@buudien.quangngai.vn'); // another clerk than the one who received it
  await page.keyboard.press('Tab');
  await page.keyboard.type('Quay02-local');
  await page.keyboard.press('Enter');
  await page.locator('#dossier-code', { hasText: code }).waitFor();
  await page.locator('#receipt summary').click();
  const frame = page.frameLocator('#receipt-frame');
  await frame.locator('h1').waitFor();
  const receipt = await frame.locator('body').innerText();
  check(receipt.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'), 'the receipt is there without the tab that received it');
  check(receipt.includes('(Bản in lại ngày'), 'it says it is a reprint');
  check(/Nguyễn Thị Lan\s*$/.test(receipt.trim()), 'the receiving clerk signs by name, not email: ' + receipt.trim().split('\n').pop());
  check(!receipt.includes('@buudien'), 'no staff email on the form');
  check(/Quảng Ngãi, ngày \d\d tháng \d\d năm \d{4}/.test(receipt), 'the place-and-date line');
  check(receipt.includes('Vào Sổ theo dõi hồ sơ, Quyển số'), 'the tracking-book line');
  check(/\d\d giờ \d\d phút, ngày \d\d tháng \d\d năm \d{4}/.test(receipt.split('5. Thời gian trả kết quả')[1] || ''), 'the appointment has an hour');
  check(/Nghị định số 118\/2025\/NĐ-CP|Thông tư số 01\/2018\/TT-VPCP/.test(receipt), 'the form cites its legal basis');
  check(receipt.includes('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG') && receipt.includes('Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi tiếp nhận'),
    'header and body name the same body');
  const fontUsed = await frame.locator('body').evaluate(async () => {
    await document.fonts.ready;
    return { tinos: document.fonts.check('12px Tinos', 'TIẾP NHẬN'), loaded: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight + ' ' + f.style) };
  });
  check(fontUsed.tinos && fontUsed.loaded.some(f => f.includes('Tinos')), 'the form is set in the app\'s own Tinos: ' + JSON.stringify(fontUsed.loaded));
  check(fonts.length > 0 && fonts.every(f => f.startsWith('200 font/woff2') || f.startsWith('304')), 'the fonts come from the app itself: ' + fonts.join('; '));
  await shot(page, 'mau-01-in-lai');
  await page.click('#show-form-05');
  const slipFrame = page.frameLocator('#form-frame-05');
  await slipFrame.locator('h1').waitFor();
  check((await slipFrame.locator('h1').innerText()).includes('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'), 'form 05 opens on the dossier screen');
  await page.locator('#form-05 summary').scrollIntoViewIfNeeded();
  await shot(page, 'mau-05');
  const printed = await page.evaluate(async c => {
    const r = await fetch(`/dossiers/${encodeURIComponent(c)}/forms/01`, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token') } });
    return r.json();
  }, code);
  check(typeof printed.html === 'string' && printed.legalBasis, 'GET /dossiers/{code}/forms/01 answers the page and its basis: ' + printed.legalBasis);
  const measured = await printReceipt(desk, printed.html, base);
  writeFileSync(join(shots, 'forms-mau-01-in-lai-A5.pdf'), measured.pdf);
  log('form 01 reprint: ' + JSON.stringify({ ...measured, pdf: undefined }));
  check(measured.pages === 1 && Math.abs(measured.widthPt - 419.5) < 2 && Math.abs(measured.heightPt - 595.3) < 2, 'form 01 prints on one A5 page');
  check(measured.contentMm <= measured.printableMm, `the content fits the page: ${measured.contentMm} of ${measured.printableMm} mm`);
  check(measured.tinos, 'printed in Tinos');
  // form 05, the process control slip, on one A4 page
  const slip = await page.evaluate(async c => {
    const r = await fetch(`/dossiers/${encodeURIComponent(c)}/forms/05`, { headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token') } });
    return r.json();
  }, code);
  check(slip.title === 'Phiếu kiểm soát quá trình giải quyết hồ sơ' && slip.citation, 'form 05 from the server, citing ' + slip.legalBasis);
  const a4 = await printReceipt(desk, slip.html, base);
  writeFileSync(join(shots, 'forms-mau-05-A4.pdf'), a4.pdf);
  log('form 05: ' + JSON.stringify({ ...a4, pdf: undefined }));
  check(a4.pages === 1 && Math.abs(a4.widthPt - 595.3) < 2 && Math.abs(a4.heightPt - 841.9) < 2, 'form 05 prints on one A4 page');

  // form 02, the guidance the server answers when documents are missing, on one A5 page
  const guided = await page.evaluate(async () => {
    const catalog = await (await fetch('/catalog', { headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token') } })).json();
    const p = catalog.agencies.flatMap(a => a.procedures).find(x => x.code === '2.002131');
    const r = await fetch('/dossiers', { method: 'POST', headers: { authorization: 'Bearer ' + sessionStorage.getItem('motcua.token'),
      'content-type': 'application/json' }, body: JSON.stringify({ applicant: { name: 'Phạm Thị Hướng', idNumber: '051190009999',
      phone: '0905111222', address: 'Số 1 Lê Lợi, thành phố Quảng Ngãi' }, procedureCode: p.code, documents: [], sets: 1,
      resultReturn: { method: 'at_desk' }, channel: 'in_person' }) });
    return { status: r.status, body: await r.json() };
  });
  check(guided.status === 422 && guided.body.guidance.html.includes('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'), 'an incomplete dossier answers form 02 to print');
  await oneA5(desk, guided.body.guidance.html, 'mau-02');

  // form 03, from the new refusal screen, keyboard only
  await page.goto(base + '/#tu-choi');
  await page.locator('h1', { hasText: 'Từ chối tiếp nhận hồ sơ' }).waitFor();
  await page.selectOption('[name=agency]', { label: 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi' });
  await page.locator('[name=procedureCode] option').nth(1).waitFor({ state: 'attached' });
  await page.selectOption('[name=procedureCode]', { index: 1 });
  await page.focus('[name="applicant.name"]');
  await page.keyboard.type('Trần Văn Bình');
  await page.keyboard.press('Tab'); await page.keyboard.type('051085004321');
  await page.keyboard.press('Tab'); await page.keyboard.type('0255 3822 123');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); await page.keyboard.type('Thôn An Phú, xã Tịnh Khê, thành phố Quảng Ngãi');
  await page.keyboard.press('Tab'); await page.keyboard.type('Thiết bị đặt tại tỉnh Bình Định, không thuộc thẩm quyền tiếp nhận.');
  await page.click('#submit-refusal');
  const refusalFrame = page.frameLocator('#form-frame-03');
  await refusalFrame.locator('h1').waitFor();
  const slip03 = await refusalFrame.locator('body').innerText();
  check(slip03.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ') && slip03.includes('Bình Định') && slip03.includes('Trần Văn Hùng'),
    'the refusal screen shows form 03 with the reason and the clerk by name');
  await shot(page, 'mau-03-tu-choi');
  await oneA5(desk, await page.locator('#form-frame-03').evaluate(f => f.srcdoc), 'mau-03');

  // ------------------------------------------------------------ 1b. after signing out and in again: 02, 03, 04
  await page.locator('#who button', { hasText: 'Đăng xuất' }).click();
  await page.locator('h1', { hasText: 'Đăng nhập' }).waitFor();
  check(await page.evaluate(() => sessionStorage.getItem('motcua.token') === null), 'signed out: the token is gone');
  await page.keyboard.type('quay01@buudien.quangngai.vn'); // another clerk than the one who gave the slips
  await page.keyboard.press('Tab');
  await page.keyboard.type('Quay01-local');
  await page.keyboard.press('Enter');
  await page.locator('#desk-refusals').waitFor();
  const today = page.locator('#desk-refusals li');
  const guidedRow = today.filter({ hasText: 'Phạm Thị Hướng' }).first(), refusedRow = today.filter({ hasText: 'Trần Văn Bình' }).first();
  check(await guidedRow.isVisible() && (await guidedRow.innerText()).includes('mẫu 02'), 'the board lists today\'s guidance (form 02)');
  check(await refusedRow.isVisible() && (await refusedRow.innerText()).includes('mẫu 03'), 'the board lists today\'s refusal (form 03)');
  for (const [row, form, title, words] of [[guidedRow, '02', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Phạm Thị Hướng'],
    [refusedRow, '03', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Bình Định']]) {
    await row.locator('button', { hasText: 'In lại mẫu ' + form }).focus();
    await page.keyboard.press('Enter');
    const again = page.frameLocator('#form-frame-' + form);
    await again.locator('h1', { hasText: title }).waitFor();
    const text = await again.locator('body').innerText();
    check(text.includes(words) && text.includes('(Bản in lại ngày') && text.includes('Trần Văn Hùng') && !text.includes('@buudien'),
      `form ${form} printed again after a new sign-in, marked as a reprint, signed by the clerk who gave it`);
    check(await page.evaluate(f => document.activeElement?.id === 'print-form-' + f, form), `the print button of form ${form} has the focus`);
    await page.locator('#desk-refusal-form').scrollIntoViewIfNeeded();
    await shot(page, `mau-${form}-in-lai`);
    const id = await row.locator('button.reprint').getAttribute('data-id');
    const printedAgain = await fetchJson(page, `/dossiers/refusals/${encodeURIComponent(id)}/forms/${form}`);
    check(printedAgain.status === 200 && printedAgain.body.form === form && printedAgain.body.legalBasis && printedAgain.body.citation
      && typeof printedAgain.body.provisionalBasis === 'boolean', `GET /dossiers/refusals/{id}/forms/${form}: the page and its basis ` + printedAgain.body.legalBasis);
    await oneA5(desk, printedAgain.body.html, `mau-${form}-in-lai`);
  }
  const wrong = await fetchJson(page, '/dossiers/refusals/guided-ffffffffffffffffffffffffffffffff/forms/02');
  check(wrong.status === 404 && wrong.body.error.message.startsWith('Không tìm thấy'), 'an unknown slip is 404 in Vietnamese');

  // an earlier day's refusal: not on today's list; the day picker (keyboard: the date, Enter) lists it
  check(!(await page.locator('#desk-refusals-list').innerText()).includes(earlierName), 'yesterday\'s refusal is not on today\'s list');
  const dayPicker = page.locator('#f-refusalsOn');
  check(await dayPicker.inputValue() === await dayPicker.getAttribute('max'), 'the day picker starts at today (Vietnam), the latest day it offers');
  await dayPicker.focus();
  await dayPicker.fill(earlierDay);
  await page.keyboard.press('Enter');
  const [y, m, d] = earlierDay.split('-');
  await page.locator('#desk-refusals-title', { hasText: `ngày ${d}/${m}/${y}` }).waitFor();
  const earlierRow = page.locator('#desk-refusals li').filter({ hasText: earlierName });
  check(await earlierRow.count() === 1 && (await earlierRow.innerText()).includes('mẫu 03') && (await earlierRow.innerText()).includes('Lê Văn Tám'),
    `the day picker lists ${earlierDay}'s refusal, with its clerk`);
  check(!(await page.locator('#desk-refusals-list').innerText()).includes('Phạm Thị Hướng'), 'and not today\'s guidance');
  await earlierRow.locator('button', { hasText: 'In lại mẫu 03' }).focus();
  await page.keyboard.press('Enter');
  const earlierForm = page.frameLocator('#form-frame-03');
  await earlierForm.locator('h1', { hasText: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ' }).waitFor();
  const earlierText = await earlierForm.locator('body').innerText();
  check(earlierText.includes(earlierName) && earlierText.includes(`ngày ${d} tháng ${m} năm ${y}`) && earlierText.includes('(Bản in lại ngày')
    && earlierText.includes('Lê Văn Tám'), `form 03 of ${earlierDay} printed again, dated that day, marked as a reprint`);
  await page.locator('#desk-refusals').scrollIntoViewIfNeeded();
  await shot(page, 'mau-03-ngay-truoc');
  const earlierId = await earlierRow.locator('button.reprint').getAttribute('data-id');
  await oneA5(desk, (await fetchJson(page, `/dossiers/refusals/${encodeURIComponent(earlierId)}/forms/03`)).body.html, 'mau-03-ngay-truoc');
  await dayPicker.fill('2999-01-01');
  await page.locator('#desk-refusals-day button[type=submit]').press('Enter');
  await page.locator('#f-refusalsOn-error', { hasText: 'chưa tới' }).waitFor();
  check(await earlierRow.count() === 1, 'a day to come is refused in Vietnamese under the picker, the list stays');
  for (const [query, words] of [['on=2026-02-30', 'không hợp lệ'], ['on=ngay-mai', 'không hợp lệ'], ['day=' + earlierDay, 'không được hỗ trợ']]) {
    const bad = await fetchJson(page, '/dossiers/refusals?' + query);
    check(bad.status === 400 && bad.body.error.message.includes(words), `GET /dossiers/refusals?${query}: 400 in Vietnamese`);
  }

  await page.goto(`${base}/#ho-so/${encodeURIComponent(delayedCode)}`);
  await page.locator('#dossier-code', { hasText: delayedCode }).waitFor();
  await page.click('#show-form-04');
  const apology = page.frameLocator('#form-frame-04');
  await apology.locator('h1', { hasText: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' }).waitFor();
  check((await apology.locator('body').innerText()).includes('Cần xác minh thêm'), 'form 04 of the delayed dossier gives the department\'s reason');
  await page.locator('#form-04 summary').scrollIntoViewIfNeeded();
  await shot(page, 'mau-04');
  const f04 = await fetchJson(page, `/dossiers/${encodeURIComponent(delayedCode)}/forms/04`);
  check(f04.status === 200 && f04.body.form === '04', 'GET /dossiers/{code}/forms/04 of the delayed dossier');
  await oneA5(desk, f04.body.html, 'mau-04');
  check(errors.length === 0, 'no script error and nothing refused by the policy: ' + errors.join(' | '));
  await desk.close();

  // ------------------------------------------------------------ 2. the email's link, on a phone
  const store = await (await fetch(sesStore)).json();
  const mail = store.emails.filter(e => (e.subject || '').includes(code) || (e.body?.text || '').includes(code)).pop();
  check(!!mail, 'the applicant was emailed about ' + code);
  const text = mail.body.text;
  check(/Điện thoại: [0-9 ]+/.test(text) && text.includes('Giờ làm việc: Thứ Hai đến thứ Sáu'), 'the email gives the desk\'s phone and opening hours');
  const link = (/(https?:\/\/\S+#tra-cuu\?ma=\S+)/.exec(text) || [])[1];
  check(!!link && link.startsWith(base + '/'), 'the email links to this run\'s public page: ' + link);
  const html = mail.body.html || '';
  check(html.includes(`href="${link.replace(/&/g, '&amp;').replace(/=/g, '&#61;')}"`) || html.includes(`href="${link}"`), 'the HTML part links to the same page');
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
  const citizen = await phone.newPage();
  citizen.setDefaultTimeout(15000);
  await citizen.goto(link);
  await citizen.locator('h1', { hasText: 'Tra cứu tình trạng hồ sơ' }).waitFor();
  check(await citizen.inputValue('[name="code"]') === code, 'the link fills the code in');
  await shot(citizen, 'email-lien-ket-tra-cuu');
  await citizen.fill('[name="secret"]', secret);
  await citizen.keyboard.press('Enter');
  await citizen.locator('#lookup-result').waitFor();
  const status = await citizen.locator('#lookup-result').innerText();
  check(status.includes(code), 'with the receipt\'s secret the page shows the dossier: ' + status.split('\n')[0]);
  await shot(citizen, 'email-lien-ket-ket-qua');
  await phone.close();

  // ------------------------------------------------------------ 3. the office's CSV files
  const officeContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', acceptDownloads: true });
  const office = await officeContext.newPage();
  office.setDefaultTimeout(15000);
  await office.goto(base + '/#thong-ke');
  await office.locator('h1', { hasText: 'Đăng nhập' }).waitFor();
  await office.keyboard.type('vanphong01@quangngai.gov.vn');
  await office.keyboard.press('Tab');
  await office.keyboard.type('Vanphong01-local');
  await office.keyboard.press('Enter');
  await office.locator('[name=totp]').waitFor({ state: 'visible' }); // the office's rights need TOTP
  await office.fill('[name=totp]', await freshCode());
  await office.keyboard.press('Enter');
  await office.locator('#totals').waitFor();
  const rates = await office.locator('#totals tbody tr td:last-child').allInnerTexts();
  check(rates.every(r => r === '—' || /^\d{1,3},\d %$/.test(r)), 'rates written the Vietnamese way ("66,7 %"): ' + rates.join(' | '));
  // today's guidance and refusal are counted on the page itself, beside the withdrawn dossiers
  const heads = await office.locator('#totals thead th').allInnerTexts();
  const column = async name => (await office.locator(`#totals tbody tr td:nth-child(${heads.indexOf(name) + 1})`).allInnerTexts()).map(Number);
  const sum = xs => xs.reduce((a, b) => a + b, 0);
  check(heads.includes('Rút hồ sơ') && (await column('Rút hồ sơ')).every(n => n >= 0), 'the totals show the withdrawn dossiers');
  check(sum(await column('Hướng dẫn bổ sung (mẫu 02)')) >= 1 && sum(await column('Từ chối tiếp nhận (mẫu 03)')) >= 1,
    'the totals count the guidance and the refusals given at the desk');
  for (const [button, title] of [['#csv-statistics', 'THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH'], ['#csv-tracking-book', 'SỔ THEO DÕI HỒ SƠ'],
    ['#csv-scorecard', 'BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP']]) {
    const [file] = await Promise.all([office.waitForEvent('download'), office.click(button)]);
    const path = join(shots, 'forms-' + file.suggestedFilename());
    await file.saveAs(path);
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    if (button === '#csv-scorecard') {
      check(lines[0].startsWith('"' + title) && lines[1].startsWith('Tháng '), `${file.suggestedFilename()}: a title and the month`);
      check(lines[2].endsWith('Giá trị,Tử số,Mẫu số,Công thức,Nguồn'), 'the scorecard CSV has formula and source columns');
      check(lines.slice(3).filter(l => /^000\.00\.\d\d\.H48,/.test(l)).length >= 4, 'scorecard rows under the official codes');
      continue;
    }
    check(lines[0] === title && lines[1].includes('đến ngày'), `${file.suggestedFilename()}: a title and the period`);
    if (button === '#csv-statistics') {
      check(lines[2].startsWith('Mã cơ quan,') && lines.slice(3).filter(l => /^000\.00\.\d\d\.H48,/.test(l)).length === 4,
        'one row per department under its official code, not its slug');
      check(!lines.join('\n').includes('so-khoa-hoc'), 'no catalog slug in the file');
      check(lines.some(l => l.startsWith(',Tổng cộng,')), 'a total row');
    } else {
      check(lines[2].includes('Số bộ hồ sơ') && lines[2].includes('Địa chỉ, số điện thoại') && lines[2].endsWith('Ghi chú'), 'form 06 has sets, address and phone, notes');
      check(lines.some(l => l.includes(code)), 'the dossier is in the tracking book');
    }
  }
  await shot(office, 'van-phong-tai-csv');
  await officeContext.close();
  log('all checks passed');
} catch (e) {
  console.error(e.stack || String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
