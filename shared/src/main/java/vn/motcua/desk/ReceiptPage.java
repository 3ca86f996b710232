package vn.motcua.desk;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;

/**
 * Form 01 as a printable HTML page (A5), from the template {@code templates/receipt.mustache}: the
 * layout is data an operator can read and change, and Mustache escapes every value it writes, so a
 * name typed with markup prints as text.
 */
public final class ReceiptPage {

    /** Compiled once per container: parsing the template is the slow part. */
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("templates").compile("receipt.mustache");

    private ReceiptPage() {}

    public static String render(Receipt receipt) {
        var out = new StringWriter(8192);
        TEMPLATE.execute(out, receipt.model());
        return out.toString();
    }
}
