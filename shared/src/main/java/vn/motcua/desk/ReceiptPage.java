package vn.motcua.desk;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.Optional;

/**
 * Form 01 as a printable HTML page (A5), from the template {@code infra/seed/forms/form-01.mustache}: the
 * layout is data an operator can read and change, and Mustache escapes every value it writes, so a
 * name typed with markup prints as text. The QR code for the public lookup is drawn here
 * ({@link QrCode}), never fetched: the page prints the same offline.
 */
public final class ReceiptPage {

    /** Compiled once per container: parsing the template is the slow part. */
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("templates/forms").compile("form-01.mustache");

    private ReceiptPage() {}

    /**
     * The page; with the public status page known and the secret still printable, it carries a QR
     * code that opens that page with both codes filled in, and the link in words under it.
     */
    public static String render(Receipt receipt, Optional<PublicLookupPage> lookup) {
        var model = receipt.model();
        var link = receipt.lookupSecret().flatMap(secret -> lookup.map(page -> page.link(receipt.code(), secret)));
        model.put("hasQr", link.isPresent());
        link.ifPresent(l -> {
            model.put("lookupLink", l);
            // inline markup: built and escaped by QrCode, the one value the template writes unescaped
            model.put("qrSvg", QrCode.of(l).svg("Mã QR mở trang tra cứu hồ sơ " + receipt.code()));
        });
        var out = new StringWriter(16384);
        TEMPLATE.execute(out, model);
        return out.toString();
    }
}
