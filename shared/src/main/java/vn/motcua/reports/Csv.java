package vn.motcua.reports;

import java.util.List;

/** CSV for Excel: UTF-8 with a byte order mark (else Excel misreads Vietnamese), CRLF, RFC 4180 quoting. */
public final class Csv {

    private final StringBuilder text = new StringBuilder("\uFEFF");

    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) text.append(',');
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    private static String cell(Object value) {
        if (value == null) return "";
        var s = value.toString();
        // A leading = + - @ would make Excel run a formula from a name typed at the desk.
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() { return text.toString(); }
}
