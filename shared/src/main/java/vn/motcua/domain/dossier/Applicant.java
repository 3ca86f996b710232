package vn.motcua.domain.dossier;

import java.util.Optional;

/**
 * The person or organisation the dossier is for, as form 01 records them. Personal data: it goes
 * to the receipt and the department, never into logs.
 *
 * @param idNumber citizen id (CCCD), passport number, or an organisation's tax code
 * @param smsConsent the applicant agreed, at the desk, to be told of their dossier by SMS on {@code phone}
 *                   (a mobile number); email goes whenever there is an address
 */
public record Applicant(String name, String idNumber, String phone, Optional<String> email, String address, boolean smsConsent) {

    /** Without SMS consent. */
    public Applicant(String name, String idNumber, String phone, Optional<String> email, String address) {
        this(name, idNumber, phone, email, address, false);
    }

    public Applicant {
        require(name, "name");
        require(idNumber, "id number");
        require(phone, "phone");
        require(address, "address");
        email = email == null ? Optional.empty() : email.filter(e -> !e.isBlank());
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("an applicant needs a " + what);
    }
}
