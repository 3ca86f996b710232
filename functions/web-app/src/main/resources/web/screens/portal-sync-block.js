// The national portal's sync on the office dashboard (issue 19): the ledger reconciled with what the portal
// holds for the dashboard's period (GET /reports/portal-sync), one row per change the office must look at.
// Loaded on its own: the portal down never holds up the statistics.
import { call } from '../api.js';
import { h } from '../ui.js';

const PROBLEMS = {
  MISSING_AT_PORTAL: 'Đã báo nhận nhưng Cổng không có',
  STATUS_DIFFERS: 'Trạng thái trên Cổng khác sổ',
  UNKNOWN_TO_LEDGER: 'Cổng có, sổ không gửi',
  REFUSED: 'Cổng từ chối',
  NOT_SYNCED: 'Chưa đồng bộ được',
  RATING_NOT_OWED: 'Đánh giá chưa vào sổ đồng bộ (lần đối soát hằng ngày gửi lại)',
};

export function portalSyncBlock(from, to) {
  const body = h('div', { id: 'portal-sync-body' }, 'Đang đối soát…');
  call('GET', `/reports/portal-sync?from=${from}&to=${to}`).then(r => {
    const summary = h('p', {}, `${r.dossiers} hồ sơ, ${r.changes} thay đổi, ${r.acknowledged} đã được Cổng báo nhận; `,
      r.mismatches.length ? h('strong', {}, `${r.mismatches.length} sai lệch`) : 'không có sai lệch.');
    const rows = r.mismatches.map(m => h('tr', {}, h('td', {}, m.code), h('td', {}, m.seq), h('td', {}, PROBLEMS[m.problem] || m.problem), h('td', {}, m.detail)));
    body.replaceChildren(summary, ...(rows.length ? [h('table', { id: 'portal-sync-mismatches' },
      h('thead', {}, h('tr', {}, ['Mã hồ sơ', 'Số thứ tự', 'Sai lệch', 'Chi tiết'].map(x => h('th', {}, x)))), h('tbody', {}, rows))] : []));
  }).catch(e => body.replaceChildren(h('p', { class: 'error' }, e.message)));
  return h('section', { id: 'portal-sync' }, h('h2', {}, 'Đồng bộ Cổng dịch vụ công quốc gia'), body);
}
