package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.SupplementRequest;
import vn.motcua.edge.Json;

import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What the public status page shows a citizen who gave the dossier code and the receipt's secret:
 * the state in plain Vietnamese, the dates, and the one thing to do next. As little personal data
 * as the page needs: the name masked, and never the id number, phone, email or addresses (the
 * code and secret may be shared, photographed or shoulder-surfed).
 */
public final class PublicStatus {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private PublicStatus() {}

    public static ObjectNode render(Dossier d, Catalog catalog) {
        ObjectNode o = Json.object();
        o.put("code", d.code().value());
        o.put("applicant", maskName(d.applicant().name()));
        o.put("procedure", catalog.procedure(d.procedureCode()).map(p -> p.name().vi()).orElse(d.procedureCode()));
        o.put("agency", catalog.agency(d.agencyId()).map(a -> a.name().vi()).orElse(d.agencyId()));
        o.putObject("state").put("code", d.state().name()).put("label", d.state().label());
        o.put("receivedOn", Dossier.localDate(d.receivedAt()).toString());
        o.put("receivedOnText", day(d.receivedAt()));
        if (d.appointment().isPresent()) {
            var a = d.appointment().get();
            var appointment = o.putObject("appointment")
                    .put("current", a.current().toString())
                    .put("currentText", a.current().format(DAY));
            if (!a.original().equals(a.current())) {
                appointment.put("original", a.original().toString()).put("originalText", a.original().format(DAY));
                appointment.put("note", a.delay().map(x -> "Chúng tôi thành thật xin lỗi vì hồ sơ không được giải quyết đúng hẹn ngày "
                                + x.previous().format(DAY) + ". Lý do: " + sentence(x.reason()) + " Ngày hẹn trả kết quả mới là "
                                + x.newDate().format(DAY) + ".")
                        .orElse("Ngày hẹn được tính lại vì thời gian chờ bổ sung hồ sơ không tính vào thời hạn giải quyết."));
            }
        } else {
            o.putObject("appointment").putNull("current")
                    .put("note", "Thủ tục này không quy định thời hạn giải quyết; cơ quan giải quyết sẽ thông báo khi có kết quả.");
        }
        o.put("nextStep", nextStep(d));
        return o;
    }

    /** One short sentence: what the citizen must do now, or that nothing is needed. */
    public static String nextStep(Dossier d) {
        return switch (d.state()) {
            case RECEIVED, TRANSFERRED, IN_PROCESS -> "Hồ sơ đang được giải quyết, ông/bà chưa cần làm gì thêm."
                    + d.appointment().map(a -> " Kết quả dự kiến có vào ngày " + a.current().format(DAY) + ".")
                    .orElse(" Cơ quan giải quyết sẽ thông báo khi có kết quả.");
            case SUPPLEMENT_REQUESTED -> supplement(d);
            case FEE_REQUESTED -> d.fee().map(f -> "Ông/bà cần nộp phí, lệ phí " + Fee.formatVnd(f.amountVnd())
                            + " tại Bộ phận Một cửa để được trả kết quả.")
                    .orElse("Ông/bà cần nộp phí, lệ phí tại Bộ phận Một cửa để được trả kết quả.");
            case RESULT_READY -> d.resultReturn().byPost()
                    ? "Đã có kết quả; kết quả sẽ được gửi qua dịch vụ bưu chính đến địa chỉ ông/bà đã đăng ký."
                    : "Đã có kết quả. Mời ông/bà đến Bộ phận Một cửa nhận kết quả, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân.";
            case RETURNED -> d.delivery().map(v -> "Kết quả đã được gửi qua dịch vụ bưu chính ngày " + day(v.handedAt())
                            + ", số hiệu bưu gửi " + v.trackingNumber() + "."
                            + v.deliveredAt().map(at -> " Bưu chính đã phát ngày " + day(at) + ".").orElse(""))
                    .orElse("Kết quả đã được trả tại Bộ phận Một cửa. Ông/bà không cần làm gì thêm.");
            case WITHDRAWAL_REQUESTED -> "Đề nghị rút hồ sơ của ông/bà đã được ghi nhận; hồ sơ đang chờ dừng xử lý.";
            case STOPPED -> "Hồ sơ đã dừng xử lý. Nếu cần biết thêm, ông/bà liên hệ Bộ phận Một cửa.";
            case REFUSED_AT_DESK -> "Hồ sơ không được tiếp nhận. Ông/bà liên hệ Bộ phận Một cửa để được hướng dẫn.";
        };
    }

    private static String supplement(Dossier d) {
        var open = d.supplements().stream().filter(SupplementRequest::open).reduce((a, b) -> b);
        return open.map(s -> "Ông/bà cần bổ sung các giấy tờ sau và nộp tại Bộ phận Một cửa: " + String.join("; ", s.items())
                        + ". Lý do: " + sentence(s.reason()))
                .orElse("Ông/bà cần bổ sung hồ sơ; xin liên hệ Bộ phận Một cửa.");
    }

    /**
     * The family name in full, every other word by its first letter: "Nguyễn Văn An" becomes
     * "Nguyễn V*** A***". A fixed number of stars, so the mask does not tell the length either.
     */
    public static String maskName(String name) {
        var words = Normalizer.normalize(name, Normalizer.Form.NFC).strip().split("\\s+");
        var out = new StringBuilder(words[0]);
        if (words.length == 1) {
            out.setLength(0);
            out.appendCodePoint(words[0].codePointAt(0)).append("***");
            return out.toString();
        }
        for (int i = 1; i < words.length; i++) {
            out.append(' ').appendCodePoint(words[i].codePointAt(0)).append("***");
        }
        return out.toString();
    }

    private static String day(Instant at) { return Dossier.localDate(at).format(DAY); }

    private static String sentence(String text) {
        var t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }
}
