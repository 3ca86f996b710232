package vn.motcua.domain.catalog;

import java.util.regex.Pattern;

/**
 * An agency's electronic identifier under the national standard for agency e-ids (structure of
 * QCVN 102:2016/BTTTT, {@code V1V2V3.Z1Z2.Y1Y2.Hnn}; for example {@code 000.00.53.H48}, H48 being
 * Quảng Ngãi and {@code 000.00.00.H48} the provincial People's Committee itself), taken from the
 * province's official list. It opens every dossier code of the agency, so it
 * must be unique. Until the province's official list confirms an id, the catalog carries a
 * placeholder and says so: dossier codes made with it are valid locally but not on the national portal.
 */
public record ElectronicId(String value, boolean placeholder) {

    /** Four dot-separated groups: three digits, two digits, two digits, a letter and two digits. */
    public static final Pattern FORMAT = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");

    public ElectronicId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an agency electronic id (like 000.00.53.H48): " + value);
        }
    }

    public static ElectronicId confirmed(String value) { return new ElectronicId(value, false); }

    public static ElectronicId placeholder(String value) { return new ElectronicId(value, true); }

    @Override
    public String toString() { return placeholder ? value + " (placeholder)" : value; }
}
