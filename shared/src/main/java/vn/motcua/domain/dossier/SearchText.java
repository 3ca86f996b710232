package vn.motcua.domain.dossier;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as the desk's search compares it: Vietnamese written with or without its diacritics finds the same
 * name. Letters lose their marks (NFD, marks dropped), đ becomes d, everything is lower case, and anything
 * that is not a letter or a digit separates tokens, which are joined by one space:
 * "  NGUYỄN Thị-Thu  Hà " and "nguyen thi thu ha" both become {@code nguyen thi thu ha}.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {}

    public static String normalise(String text) {
        if (text == null) return "";
        String plain = MARKS.matcher(Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The first token: for a Vietnamese name, the family name ({@code nguyen}); empty for empty text. */
    public static String firstToken(String normalised) {
        int space = normalised.indexOf(' ');
        return space < 0 ? normalised : normalised.substring(0, space);
    }
}
