package vn.motcua.domain.catalog;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * What a procedure costs the applicant: nothing, a fixed amount in đồng, or a rule a person
 * applies (per device, per page): the desk shows the rule and the department later asks for the
 * exact amount through a fee request.
 */
public sealed interface Fee {

    /** In words, Vietnamese, for receipts and the desk's checklist. */
    String inVietnamese();

    record None() implements Fee {
        @Override public String inVietnamese() { return "Không thu phí, lệ phí"; }
    }

    record Fixed(long amountVnd) implements Fee {
        public Fixed {
            if (amountVnd <= 0) throw new IllegalArgumentException("a fixed fee must be positive, got " + amountVnd);
        }

        @Override public String inVietnamese() { return formatVnd(amountVnd); }
    }

    record Described(String text) implements Fee {
        public Described {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("a described fee needs its text");
        }

        @Override public String inVietnamese() { return text; }
    }

    static Fee none() { return new None(); }

    static Fee fixed(long amountVnd) { return new Fixed(amountVnd); }

    static Fee described(String text) { return new Described(text); }

    /** {@code 200.000 đồng}: Vietnamese groups thousands with dots. */
    static String formatVnd(long amount) {
        return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(amount) + " đồng";
    }
}
