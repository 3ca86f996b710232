package vn.motcua.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.motcua.desk.Desk;
import vn.motcua.desk.PublicLookupPage;
import vn.motcua.desk.Receipt;
import vn.motcua.desk.ReceiptPage;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.stack.ProjectDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form 01 printed by Chromium ({@code browser/receipt-print.mjs}): a receipt as long as the desk
 * really writes them (a long name, the 8-document X-ray licence, the result by post, a provisional
 * date over Tết) still prints on ONE A5 portrait page. The PDFs are kept in
 * {@code target/screenshots/} to look at. Skipped without chromium, except under {@code CI=true}.
 */
class ReceiptPrintTest {

    private static final Path PROJECT = ProjectDirectory.find();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path OUT = PROJECT.resolve("infra/system-tests/target/screenshots");

    @BeforeAll
    static void needsABrowser() {
        boolean browser = Files.isExecutable(CHROMIUM);
        boolean driver = Files.isDirectory(PROJECT.resolve("infra/node_modules/playwright-core"));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(browser).as("chromium at " + CHROMIUM).isTrue();
            assertThat(driver).as("playwright-core in infra/node_modules (npm ci in infra)").isTrue();
        }
        Assumptions.assumeTrue(browser && driver, "skipped: no chromium or no playwright-core");
    }

    /** The longest receipt the pilot's catalog makes, with values as long as real ones get. */
    static Receipt longReceipt() {
        var docs = List.of(
                new Receipt.Line("Đơn đề nghị cấp giấy phép tiến hành công việc bức xạ", "bản chính", 1),
                new Receipt.Line("Phiếu khai báo thiết bị X-quang chẩn đoán trong y tế (mỗi thiết bị một phiếu)", "bản chính", 3),
                new Receipt.Line("Phiếu khai báo nhân viên bức xạ và người phụ trách an toàn", "bản chính", 1),
                new Receipt.Line("Biên bản kiểm định thiết bị X-quang (không quá 12 tháng)", "bản sao", 3),
                new Receipt.Line("Hợp đồng dịch vụ đo liều bức xạ cá nhân", "bản sao", 1),
                new Receipt.Line("Nội quy an toàn bức xạ của phòng đặt thiết bị X-quang", "bản chính", 1),
                new Receipt.Line("Báo cáo đánh giá an toàn bức xạ", "bản chính", 1),
                new Receipt.Line("Tài liệu kỹ thuật của thiết bị (đặc trưng kỹ thuật, hướng dẫn sử dụng)", "bản chính hoặc bản sao", 1));
        return new Receipt("000.00.92.H48-200122-0137", Desk.QUANG_NGAI_POST, "Công Tằng Tôn Nữ Thị Phương Thảo",
                "051190001234",
                "Tổ dân phố 3, số 127/15 đường Nguyễn Công Phương, phường Nghĩa Lộ, thành phố Quảng Ngãi, tỉnh Quảng Ngãi",
                "0905123456", Optional.of("congtangtonnu.phuongthao@phongkhamthiennhan.com.vn"), "PENDING.SKHCN.GPBX-XQ",
                "Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)",
                "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi", docs, 1, "15 ngày làm việc",
                LocalDateTime.of(2020, 1, 22, 16, 45), Optional.of(LocalDate.of(2020, 2, 21)),
                "15 ngày làm việc kể từ ngày sau ngày 22/01/2020 (tiếp nhận lúc 16:45 thứ Tư 22/01/2020); không tính các ngày nghỉ "
                        + "23/01, 24/01, 27/01, 28/01, 29/01: hẹn trả thứ Sáu 21/02/2020 (lịch nghỉ 23/01/2020–29/01/2020 chưa chính thức, "
                        + "ngày hẹn có thể thay đổi)",
                true,
                ResultReturn.byPost("Phòng khám Đa khoa Thiện Nhân, số 127/15 đường Nguyễn Công Phương, phường Nghĩa Lộ, "
                        + "thành phố Quảng Ngãi, tỉnh Quảng Ngãi"),
                "quay01@buudien.quangngai.vn", Optional.of("K7M2Q9XA"));
    }

    @Test
    void aLongRealisticReceiptPrintsOnOneA5Page() throws Exception {
        String html = ReceiptPage.render(longReceipt(), Optional.of(new PublicLookupPage("https://motcua.quangngai.gov.vn")));
        JsonNode printed = print(html, "bien-nhan-dai-A5");

        assertThat(printed.get("widthPt").asDouble()).as("A5 width").isCloseTo(419.5, org.assertj.core.data.Offset.offset(2.0));
        assertThat(printed.get("heightPt").asDouble()).as("A5 height").isCloseTo(595.3, org.assertj.core.data.Offset.offset(2.0));
        assertThat(printed.get("pages").asInt()).as("pages of " + printed).isEqualTo(1);
        assertThat(printed.get("contentMm").asDouble()).as("content height within the printable height: " + printed)
                .isLessThanOrEqualTo(printed.get("printableMm").asDouble());
        assertThat(printed.get("bodyPt").asDouble()).as("body text readable").isGreaterThanOrEqualTo(9.5);
    }

    /** Prints the page with Chromium; the measurements as {@code receipt-print.mjs} reports them. */
    static JsonNode print(String html, String name) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve(name + ".html");
        Path pdf = OUT.resolve(name + ".pdf");
        Files.writeString(page, html);
        Path log = Files.createTempFile("receipt-print", ".log");
        var process = new ProcessBuilder("node", "receipt-print.mjs", page.toString(), pdf.toString())
                .directory(PROJECT.resolve("infra/system-tests/browser").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly();
        String output = Files.readString(log).strip();
        System.out.println(name + ": " + output);
        assertThat(finished && process.exitValue() == 0).as(output).isTrue();
        return new ObjectMapper().readTree(output.substring(output.lastIndexOf('\n') + 1));
    }
}
