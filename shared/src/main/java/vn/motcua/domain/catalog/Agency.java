package vn.motcua.domain.catalog;

import java.util.regex.Pattern;

/**
 * A competent agency the desk receives dossiers for: a row of data, never a code branch.
 *
 * @param id           short stable slug used everywhere inside the system ({@code so-ngoai-vu})
 * @param electronicId the national e-id that opens the agency's dossier codes
 * @param contactEmail where notices for the agency's officers go
 * @param callback     how the dispatcher reaches the agency's own system
 * @param withdrawalAcknowledgementDays working days the agency has to acknowledge a withdrawal before the deadline
 *                     watch stops the dossier without it
 */
public record Agency(String id, Name name, ElectronicId electronicId, String contactEmail, Callback callback,
                     int withdrawalAcknowledgementDays) {

    /** When the catalog says nothing: three working days to acknowledge a withdrawal. */
    public static final int DEFAULT_WITHDRAWAL_ACKNOWLEDGEMENT_DAYS = 3;

    public Agency(String id, Name name, ElectronicId electronicId, String contactEmail, Callback callback) {
        this(id, name, electronicId, contactEmail, callback, DEFAULT_WITHDRAWAL_ACKNOWLEDGEMENT_DAYS);
    }


    public static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    public Agency {
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("not an agency id slug: " + id);
        if (name == null || electronicId == null || callback == null) throw new IllegalArgumentException("agency " + id + " is incomplete");
        if (contactEmail == null || !EMAIL.matcher(contactEmail).matches()) {
            throw new IllegalArgumentException("not an email address: " + contactEmail);
        }
        if (withdrawalAcknowledgementDays < 1 || withdrawalAcknowledgementDays > 30) {
            throw new IllegalArgumentException("agency " + id + ": withdrawal acknowledgement in 1 to 30 working days, not " + withdrawalAcknowledgementDays);
        }
    }
}
