// The applicant checks as typed, the same rules as the server's ApplicantInput (which still decides).
const clean = v => String(v ?? '').normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim();
const NAME = /^[\p{L}\p{M}]+(?:['\- ][\p{L}\p{M}]+)*$/u;
const CITIZEN_ID = /^\d{12}$/;
const PASSPORT = /^[A-Z]{1,2}\d{7}$/;
const PHONE = /^0[1-9]\d{8,9}$/;
const MOBILE = /^0[35789]\d{8}$/;
const EMAIL = /^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$/;

/** Each returns '' when the value is good, else what is wrong, in Vietnamese. */
export const rules = {
  'applicant.name': v => {
    v = clean(v);
    if (!v) return 'Cần nhập họ và tên người nộp.';
    if (v.length > 100) return 'Họ và tên dài quá 100 ký tự.';
    return NAME.test(v) ? '' : 'Họ và tên chỉ gồm chữ cái (có dấu), khoảng trắng, dấu gạch nối hoặc dấu nháy.';
  },
  'applicant.idNumber': v => {
    v = clean(v).replace(/ /g, '').toUpperCase();
    if (!v) return 'Cần nhập số CCCD (12 chữ số) hoặc số hộ chiếu.';
    return CITIZEN_ID.test(v) || PASSPORT.test(v) ? '' : 'Số CCCD gồm đúng 12 chữ số; số hộ chiếu gồm 1–2 chữ cái và 7 chữ số.';
  },
  'applicant.phone': v => {
    v = clean(v).replace(/[ .\-()]/g, '').replace(/^\+84/, '0');
    if (!v) return 'Cần nhập số điện thoại.';
    return PHONE.test(v) ? '' : 'Số điện thoại bắt đầu bằng 0 (hoặc +84), gồm 10 chữ số với di động, 11 với cố định.';
  },
  'applicant.email': v => {
    v = clean(v);
    if (!v) return '';
    return v.length <= 254 && EMAIL.test(v) ? '' : 'Thư điện tử chưa đúng dạng, ví dụ: ten@example.vn.';
  },
  'applicant.smsConsent': (v, form) => {
    if (!v) return '';
    const phone = clean(form.applicant?.phone).replace(/[ .\-()]/g, '').replace(/^\+84/, '0');
    return MOBILE.test(phone) ? '' : 'Tin nhắn SMS chỉ gửi được tới số di động (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).';
  },
  'applicant.address': v => {
    v = clean(v);
    if (!v) return 'Cần nhập địa chỉ người nộp.';
    return v.length < 8 ? 'Địa chỉ quá ngắn: ghi số nhà, đường, phường/xã, tỉnh.' : '';
  },
  'resultReturn.address': (v, form) => {
    if (form.resultMethod !== 'by_post') return '';
    v = clean(v);
    if (!v) return 'Nhận kết quả qua bưu chính: cần nhập địa chỉ nhận.';
    return v.length < 8 ? 'Địa chỉ nhận quá ngắn: ghi số nhà, đường, phường/xã, tỉnh.' : '';
  },
};

export { clean };

/** Files the desk accepts (the document checker decides again by the first bytes). */
export const FILE_TYPES = { 'application/pdf': ['pdf'], 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'] };
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function fileProblem(file) {
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  const type = Object.entries(FILE_TYPES).find(([, exts]) => exts.includes(ext));
  if (!type) return `«${file.name}»: chỉ nhận tệp PDF, JPEG hoặc PNG.`;
  if (file.type && file.type !== type[0]) return `«${file.name}»: phần mở rộng .${ext} không khớp loại tệp ${file.type}.`;
  if (file.size === 0) return `«${file.name}»: tệp rỗng.`;
  if (file.size > MAX_FILE_BYTES) return `«${file.name}»: ${(file.size / 1048576).toFixed(1)} MB, vượt quá 20 MB cho phép.`;
  return '';
}

export function contentTypeOf(file) {
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return Object.entries(FILE_TYPES).find(([, exts]) => exts.includes(ext))[0];
}
