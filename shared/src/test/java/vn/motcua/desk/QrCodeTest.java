package vn.motcua.desk;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SVG is read back module by module, as a phone would see the printed squares, and decoded by
 * zxing's QR decoder: what it reads must be the exact link.
 */
class QrCodeTest {

    static final String LINK = "https://abcdef1234.execute-api.ap-southeast-1.amazonaws.com/#tra-cuu?ma=000.00.92.H48-200122-0001&bimat=K7M2Q9XA";

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile("<path fill=\"#000\" d=\"([^\"]*)\"/>");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    /** The dark squares of the SVG, without the quiet zone, as the decoder takes them. */
    static BitMatrix modules(String svg) {
        var box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).as("a view box").isTrue();
        int side = Integer.parseInt(box.group(1));
        assertThat(box.group(2)).isEqualTo(box.group(1));
        int size = side - 2 * QrCode.QUIET_ZONE;
        var path = PATH.matcher(svg);
        assertThat(path.find()).as("one path of dark modules").isTrue();
        var bits = new BitMatrix(size);
        var runs = RUN.matcher(path.group(1));
        int end = 0;
        while (runs.find()) {
            assertThat(runs.start()).as("nothing but runs in the path").isEqualTo(end);
            end = runs.end();
            int x = Integer.parseInt(runs.group(1)) - QrCode.QUIET_ZONE, y = Integer.parseInt(runs.group(2)) - QrCode.QUIET_ZONE;
            int length = Integer.parseInt(runs.group(3));
            assertThat(runs.group(4)).isEqualTo(runs.group(3));
            assertThat(x).isBetween(0, size - length);
            assertThat(y).isBetween(0, size - 1);
            bits.setRegion(x, y, length, 1);
        }
        assertThat(end).as("nothing but runs in the path").isEqualTo(path.group(1).length());
        return bits;
    }

    static String decode(String svg) {
        try {
            return new Decoder().decode(modules(svg)).getText();
        } catch (Exception e) {
            throw new AssertionError("the SVG is not a readable QR code", e);
        }
    }

    @Test
    void the_svg_decodes_to_the_exact_link() {
        var qr = QrCode.of(LINK);
        String svg = qr.svg("Mã QR mở trang tra cứu hồ sơ 000.00.92.H48-200122-0001");

        assertThat(decode(svg)).isEqualTo(LINK);
        assertThat(qr.size()).as("version 7 at level M holds ~110 characters").isEqualTo(45);
        assertThat(svg).startsWith("<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 53 53\"")
                .contains("role=\"img\"", "aria-label=\"Mã QR mở trang tra cứu hồ sơ 000.00.92.H48-200122-0001\"",
                        "<title>Mã QR mở trang tra cứu hồ sơ 000.00.92.H48-200122-0001</title>")
                .doesNotContain("width=\"28", "<script");
    }

    @Test
    void the_drawing_is_the_encoders_matrix_square_for_square() {
        var qr = QrCode.of(LINK);
        var bits = modules(qr.svg("QR"));
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                assertThat(bits.get(x, y)).as("module %d,%d", x, y).isEqualTo(qr.dark(x, y));
            }
        }
    }

    @Test
    void the_label_is_escaped() {
        String svg = QrCode.of("x").svg("a \"b\" <c> & 'd'");
        assertThat(svg).contains("aria-label=\"a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;\"").doesNotContain("<c>");
    }

    @Property(tries = 40)
    void any_receipt_link_reads_back_exactly(@ForAll @NumericChars @AlphaChars @StringLength(min = 6, max = 16) String secret,
                                             @ForAll @NumericChars @StringLength(4) String serial) {
        String link = new PublicLookupPage("https://mot-cua.quangngai.gov.vn")
                .link("000.00.53.H48-220921-" + serial, secret.toUpperCase());
        assertThat(decode(QrCode.of(link).svg("QR"))).isEqualTo(link);
    }
}
