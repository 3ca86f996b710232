package vn.motcua.desk;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.domain.dossier.Applicant;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The applicant block of a desk request, normalised (Unicode NFC, single spaces) and checked as a
 * clerk would: a name of letters, a 12-digit citizen id (CCCD) or a passport number, a Vietnamese
 * phone number, an optional email, an address.
 */
final class ApplicantInput {

    /** Letters (any script, with Vietnamese diacritics, precomposed or combining), single spaces, and ' or - inside a word. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}]+(?:['\\- ][\\p{L}\\p{M}]+)*");
    static final Pattern CITIZEN_ID = Pattern.compile("\\d{12}");
    static final Pattern PASSPORT = Pattern.compile("[A-Z]{1,2}\\d{7}");
    /** 0 + 9 digits (mobile, 10 in all) or 0 + 10 digits (landline 02x..., 11 in all); no 00 prefix. */
    static final Pattern PHONE = Pattern.compile("0[1-9]\\d{8,9}");
    /** Mobile numbers (03x, 05x, 07x, 08x, 09x and 10 digits): the only ones an SMS reaches. */
    static final Pattern MOBILE = Pattern.compile("0[35789]\\d{8}");
    static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private ApplicantInput() {}

    /** Unicode NFC (one code point per letter where one exists), whitespace runs to one space, trimmed. */
    static String normalise(String text) {
        if (text == null) return null;
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
    }

    static Applicant read(JsonNode body, FieldProblems problems) {
        JsonNode a = problems.object(body, "applicant", "applicant", true);
        if (a == null) return null;
        problems.onlyFields(a, "applicant", Set.of("name", "idNumber", "phone", "email", "address", "smsConsent"));
        String name = name(problems.text(a, "name", "applicant.name", true), problems);
        String id = idNumber(problems.text(a, "idNumber", "applicant.idNumber", true), problems);
        String phone = phone(problems.text(a, "phone", "applicant.phone", true), problems);
        Optional<String> email = email(problems.text(a, "email", "applicant.email", false), problems);
        String address = address(problems.text(a, "address", "applicant.address", true), "applicant.address", problems);
        Boolean sms = problems.flag(a, "smsConsent", "applicant.smsConsent", false);
        if (Boolean.TRUE.equals(sms) && phone != null && !MOBILE.matcher(phone).matches()) {
            problems.add("applicant.smsConsent", "SMS_NEEDS_MOBILE",
                    "Tin nhắn SMS chỉ gửi được tới số di động (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09); số đã nhập là số cố định.");
            sms = null;
        }
        if (name == null || id == null || phone == null || address == null || email == null || sms == null) return null;
        return new Applicant(name, id, phone, email, address, sms);
    }

    static String name(String raw, FieldProblems problems) {
        if (raw == null) return null;
        String name = normalise(raw);
        if (name.length() < 2 || name.length() > 100) {
            problems.add("applicant.name", "INVALID_NAME", "Họ và tên phải dài từ 2 đến 100 ký tự.");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            problems.add("applicant.name", "INVALID_NAME",
                    "Họ và tên chỉ gồm chữ cái (có dấu tiếng Việt) và khoảng trắng; không được chứa chữ số, thẻ HTML hay ký tự đặc biệt.");
            return null;
        }
        return name;
    }

    static String idNumber(String raw, FieldProblems problems) {
        if (raw == null) return null;
        String id = raw.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        if (CITIZEN_ID.matcher(id).matches() || PASSPORT.matcher(id).matches()) return id;
        problems.add("applicant.idNumber", "INVALID_ID_NUMBER", id.chars().allMatch(Character::isDigit)
                ? "Số căn cước công dân (CCCD) phải gồm đúng 12 chữ số; đã nhập " + id.length() + " chữ số."
                : "Số giấy tờ không hợp lệ: cần số CCCD 12 chữ số, hoặc số hộ chiếu gồm 1–2 chữ cái và 7 chữ số (ví dụ C1234567).");
        return null;
    }

    /** Kept in the national form 0xxxxxxxxx: +84 is turned into 0. */
    static String phone(String raw, FieldProblems problems) {
        if (raw == null) return null;
        String phone = raw.replaceAll("[\\s.\\-()]", "");
        if (phone.startsWith("+84")) phone = "0" + phone.substring(3);
        if (PHONE.matcher(phone).matches()) return phone;
        problems.add("applicant.phone", "INVALID_PHONE",
                "Số điện thoại không hợp lệ: cần số Việt Nam bắt đầu bằng 0 (10 chữ số với di động, 11 với cố định) hoặc +84.");
        return null;
    }

    /** Empty when absent; null (with a problem) when present but not an address. */
    static Optional<String> email(String raw, FieldProblems problems) {
        if (raw == null) return Optional.empty();
        String email = raw.strip();
        int at = email.lastIndexOf('@');
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add("applicant.email", "INVALID_EMAIL", "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn).");
            return null;
        }
        return Optional.of(email.substring(0, at) + email.substring(at).toLowerCase(Locale.ROOT));
    }

    static String address(String raw, String field, FieldProblems problems) {
        if (raw == null) return null;
        String address = normalise(raw);
        if (CONTROL.matcher(address).find() || address.contains("<") || address.contains(">")) {
            problems.add(field, "INVALID_ADDRESS", "Địa chỉ không được chứa thẻ HTML hay ký tự điều khiển.");
            return null;
        }
        if (address.length() < 5 || address.length() > 300) {
            problems.add(field, "INVALID_ADDRESS", "Địa chỉ phải dài từ 5 đến 300 ký tự.");
            return null;
        }
        return address;
    }
}
