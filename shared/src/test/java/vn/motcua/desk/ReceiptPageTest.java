package vn.motcua.desk;

import org.junit.jupiter.api.Test;
import vn.motcua.domain.dossier.ResultReturn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Form 01's printable page: Vietnamese intact, every value escaped, the optional parts optional. */
class ReceiptPageTest {

    static final PublicLookupPage PAGE = new PublicLookupPage("https://mot-cua.quangngai.gov.vn");

    static Receipt receipt(String address, Optional<LocalDate> appointment, Optional<String> secret) {
        return new Receipt("000.00.92.H48-200122-0001", Desk.QUANG_NGAI_POST, "Nguyễn Thị Thu Hà", "051190001234", address,
                "0905123456", Optional.of("thuha@example.vn"), "2.002131", "Khai báo thiết bị X-quang chẩn đoán trong y tế",
                "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
                List.of(new Receipt.Line("Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế", "bản chính", 1)), 1,
                "5 ngày làm việc", LocalDateTime.of(2020, 1, 22, 10, 5), appointment, "5 ngày làm việc kể từ ...", false,
                ResultReturn.atDesk(), "quay01@buudien.quangngai.vn", secret);
    }

    @Test
    void prints_the_form_in_vietnamese_with_every_value_escaped() throws Exception {
        String html = ReceiptPage.render(receipt("Số 12 <script>alert(1)</script> & \"Hùng Vương\"",
                Optional.of(LocalDate.of(2020, 2, 5)), Optional.of("K7M2Q9XA")), Optional.of(PAGE));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/receipt-sample.html"), html); // to look at in a browser

        assertThat(html).contains("<meta charset=\"utf-8\">", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH QUẢNG NGÃI",
                "000.00.92.H48-200122-0001", "10 giờ 05 phút, ngày 22 tháng 01 năm 2020", "<span class=\"bold\">ngày 05 tháng 02 năm 2020</span>", // the day in words, as the form writes it (was 05/02/2020)
                "Mẫu số 01 ban hành kèm theo Thông tư số 01/2018/TT-VPCP", "Quảng Ngãi, ngày 22 tháng 01 năm 2020",
                "Vào Sổ theo dõi hồ sơ, Quyển số",
                "Mã tra cứu: <span class=\"bold\">K7M2Q9XA</span>", "NGƯỜI TIẾP NHẬN HỒ SƠ");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hùng Vương&quot;").doesNotContain("<script>");
    }

    @Test
    void without_a_fixed_limit_or_a_secret_the_page_says_so() {
        String html = ReceiptPage.render(receipt("Số 12 Hùng Vương", Optional.empty(), Optional.empty()), Optional.of(PAGE));
        assertThat(html).contains("không quy định; cơ quan giải quyết sẽ thông báo").doesNotContain("Mã tra cứu:")
                .as("no secret, no link to print").doesNotContain("<svg", "#tra-cuu");
    }

    @Test
    void the_qr_code_opens_the_public_page_with_both_codes() {
        String html = ReceiptPage.render(receipt("Số 12 Hùng Vương", Optional.empty(), Optional.of("K7M2Q9XA")), Optional.of(PAGE));
        String link = "https://mot-cua.quangngai.gov.vn/#tra-cuu?ma=000.00.92.H48-200122-0001&bimat=K7M2Q9XA";

        int start = html.indexOf("<svg class=\"qr\""), end = html.indexOf("</svg>", start);
        assertThat(start).as("an inline QR code").isPositive();
        assertThat(QrCodeTest.decode(html.substring(start, end + 6))).isEqualTo(link);
        assertThat(html).contains("aria-label=\"Mã QR mở trang tra cứu hồ sơ 000.00.92.H48-200122-0001\"",
                "<figcaption class=\"lookup-link\">" + link.replace("&", "&amp;").replace("=", "&#61;") + "</figcaption>", // as Mustache escapes
                "svg.qr { display: block; width: 28mm; height: 28mm;", "quét mã QR trên giấy này");
    }

    @Test
    void where_the_public_page_is_unknown_there_is_no_qr_code() {
        String html = ReceiptPage.render(receipt("Số 12 Hùng Vương", Optional.empty(), Optional.of("K7M2Q9XA")), Optional.empty());
        assertThat(html).contains("Mã tra cứu: <span class=\"bold\">K7M2Q9XA</span>").doesNotContain("<svg", "#tra-cuu", "quét mã QR");
    }
}
