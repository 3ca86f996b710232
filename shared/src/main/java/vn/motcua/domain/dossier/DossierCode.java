package vn.motcua.domain.dossier;

import vn.motcua.domain.catalog.ElectronicId;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The code printed on the receipt: {@code <agency electronic id>-<YYMMDD>-<NNNN>}, for example
 * {@code 000.00.53.H48-220921-0099}. The sequence restarts every day per agency and comes from an
 * atomic counter in the store; this type only formats and reads it.
 */
public record DossierCode(String value) {

    public static final Pattern FORMAT = Pattern.compile("(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})-(\\d{6})-(\\d{4,})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    public DossierCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a dossier code (like 000.00.53.H48-220921-0099): " + value);
        }
    }

    public static DossierCode of(ElectronicId agency, LocalDate day, int sequence) {
        if (sequence < 1) throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
        return new DossierCode(agency.value() + "-" + day.format(DAY) + "-" + String.format("%04d", sequence));
    }

    public static boolean isValid(String text) { return text != null && FORMAT.matcher(text).matches(); }

    public int sequence() { return Integer.parseInt(part(3)); }

    private String part(int group) {
        var m = FORMAT.matcher(value);
        if (!m.matches()) throw new IllegalStateException(value);
        return m.group(group);
    }

    @Override
    public String toString() { return value; }
}
