package vn.motcua.local.departments;


/**
 * The simulator's page: for each department, its mode and the dossiers it received, with buttons
 * that send its answers through the API. Vietnamese, as the officers who would use it speak it.
 * Every value from a callback is escaped.
 */
final class SimulatorPage {

    private SimulatorPage() {}

    static String render(DepartmentSimulator simulator) {
        var html = new StringBuilder(8192);
        html.append("""
                <!doctype html>
                <html lang="vi"><head><meta charset="utf-8"><title>Mô phỏng hệ thống của các sở</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
                h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem}
                table{border-collapse:collapse;width:100%} td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
                button{margin:.1rem} .mode{font-weight:bold} #result{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;min-height:1.5rem}
                </style></head><body>
                <h1>Mô phỏng hệ thống của các sở (chạy cục bộ)</h1>
                <p>Hồ sơ Một Cửa gửi đến từng sở, và các nút trả lời: mỗi câu trả lời được ký bằng khóa của sở và gửi đến
                <code>POST /departments/{agencyId}/updates</code> như một hệ thống thật.</p>
                <div id="result" aria-live="polite"></div>
                """);
        for (String agency : simulator.agencies()) {
            var mode = simulator.mode(agency);
            html.append("<h2>").append(esc(agency)).append("</h2><p>Chế độ: <span class=\"mode\">").append(esc(mode.wire())).append("</span> ");
            for (var m : DepartmentSimulator.Mode.values()) {
                html.append("<button onclick=\"setMode('").append(esc(agency)).append("','").append(m.wire()).append("')\"")
                        .append(m == mode ? " disabled" : "").append(">").append(label(m)).append("</button>");
            }
            html.append("</p>");
            var received = simulator.received(agency);
            if (received.isEmpty()) {
                html.append("<p>Chưa nhận hồ sơ nào.</p>");
                continue;
            }
            html.append("<table><tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Lý do gửi</th><th>Nhận lúc</th><th>Số lần gửi</th><th>Đã trả lời</th><th>Trả lời</th></tr>");
            for (var r : received) {
                var json = r.toJson();
                String code = esc(r.dossierCode());
                html.append("<tr><td>").append(code).append("</td><td>").append(esc(json.path("procedure").asText()))
                        .append("</td><td>").append(esc(json.path("reason").asText())).append("</td><td>").append(esc(json.path("receivedAt").asText()))
                        .append("</td><td>").append(r.deliveries()).append("</td><td>");
                json.path("answers").forEach(a -> html.append(esc(a.path("answer").asText())).append(" → ").append(a.path("status").asInt()).append("<br>"));
                String args = "'" + esc(agency) + "','" + code + "'";
                html.append("</td><td>")
                        .append("<button onclick=\"send(").append(args).append(",{accepted:{}})\">Tiếp nhận</button>")
                        .append("<button onclick=\"approve(").append(args).append(")\">Phê duyệt</button>")
                        .append("<button onclick=\"refuse(").append(args).append(")\">Từ chối</button>")
                        .append("<button onclick=\"supplement(").append(args).append(")\">Yêu cầu bổ sung</button>")
                        .append("<button onclick=\"fee(").append(args).append(")\">Yêu cầu nộp phí</button>")
                        .append("<button onclick=\"delay(").append(args).append(")\">Hẹn lại</button>")
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("""
                <script>
                async function call(method, url, body) {
                  const r = await fetch(url, {method, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
                  const text = await r.text();
                  document.getElementById('result').textContent = method + ' ' + url + ' → ' + r.status + '\\n' + text;
                  return r;
                }
                async function setMode(agency, mode) { await call('PUT', '/agencies/' + agency + '/mode', {mode}); location.reload(); }
                async function send(agency, code, answer) {
                  await call('POST', '/agencies/' + agency + '/dossiers/' + encodeURIComponent(code) + '/answers', answer);
                  setTimeout(() => location.reload(), 1500);
                }
                function approve(a, c) { send(a, c, {resultReady: {outcome: 'approved', documents: []}}); }
                function refuse(a, c) {
                  const reason = prompt('Lý do từ chối:'); if (!reason) return;
                  send(a, c, {resultReady: {outcome: 'refused', reasons: [reason], documents: []}});
                }
                function supplement(a, c) {
                  const items = prompt('Giấy tờ cần bổ sung (cách nhau bởi dấu ;):'); if (!items) return;
                  const reason = prompt('Lý do:'); if (!reason) return;
                  send(a, c, {supplementRequired: {items: items.split(';').map(s => s.trim()).filter(s => s), reason}});
                }
                function fee(a, c) {
                  const amount = parseInt(prompt('Số tiền (đồng):'), 10); if (!amount) return;
                  send(a, c, {feeRequired: {amountVnd: amount}});
                }
                function delay(a, c) {
                  const reason = prompt('Lý do chậm trả kết quả:'); if (!reason) return;
                  const date = prompt('Ngày hẹn mới (YYYY-MM-DD):'); if (!date) return;
                  send(a, c, {delayed: {reason, newAppointment: date}});
                }
                </script></body></html>
                """);
        return html.toString();
    }

    private static String label(DepartmentSimulator.Mode mode) {
        return switch (mode) {
            case MANUAL -> "Trả lời thủ công";
            case AUTO_APPROVE -> "Tự động phê duyệt";
            case DOWN -> "Ngừng hoạt động (503)";
            case REJECT -> "Từ chối nhận (400)";
        };
    }

    static String esc(String text) {
        if (text == null) return "";
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
