package vn.motcua.desk;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A QR code as inline SVG for print, encoded by zxing. The picture is one path of dark modules in a
 * view box measured in modules (with the 4-module quiet zone the standard asks for), so the page
 * gives it any printed size and it stays sharp; it carries no width or height of its own.
 * Error correction M: a receipt gets folded and stamped, and a link of ~110 characters still fits
 * in version 7 (45 modules), about 0.5 mm a module at 28 mm.
 */
public final class QrCode {

    /** Light modules around the code, so a phone finds its edges on a busy page. */
    public static final int QUIET_ZONE = 4;

    private final String text;
    private final ByteMatrix modules;

    private QrCode(String text, ByteMatrix modules) {
        this.text = text;
        this.modules = modules;
    }

    public static QrCode of(String text) {
        try {
            return new QrCode(text, Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix());
        } catch (WriterException e) {
            // Only a text too long for any QR version (over 2 KB) gets here: a bug in the caller.
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }

    public String text() { return text; }

    /** Modules per side, without the quiet zone. */
    public int size() { return modules.getWidth(); }

    public boolean dark(int x, int y) { return modules.get(x, y) == 1; }

    /**
     * The code as an {@code <svg>} element with the class {@code qr}, {@code role="img"} and the
     * label (escaped here) for screen readers. Dark runs of a row are one rectangle each.
     */
    public String svg(String label) {
        int side = size() + 2 * QUIET_ZONE;
        var path = new StringBuilder(size() * size());
        for (int y = 0; y < size(); y++) {
            for (int x = 0; x < size(); x++) {
                if (!dark(x, y)) continue;
                int run = 1;
                while (x + run < size() && dark(x + run, y)) run++;
                path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        String escaped = escape(label);
        return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side
                + "\" role=\"img\" aria-label=\"" + escaped + "\" shape-rendering=\"crispEdges\">"
                + "<title>" + escaped + "</title>"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String s) {
        var out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
