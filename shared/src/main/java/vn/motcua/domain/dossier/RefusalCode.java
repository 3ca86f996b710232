package vn.motcua.domain.dossier;

/** Why the lifecycle refused an event; the English code callers branch on and APIs return. */
public enum RefusalCode {
    /** The event makes no sense in the dossier's current state (the transition table has no such row). */
    ILLEGAL_TRANSITION,
    /** A department event from another agency, or a transfer to an agency that is not competent. */
    WRONG_AGENCY,
    /** A department decision recorded by the desk, or a desk action attempted by a department. */
    WRONG_ACTOR,
    SECOND_SUPPLEMENT,
    SECOND_DELAY,
    REASON_REQUIRED,
    ITEMS_REQUIRED,
    DELAY_NOT_LATER,
    /** The delay was announced on or after the due date: it had to come before. */
    DELAY_AFTER_DUE,
    /** The procedure has no fixed time limit, so there is no appointment to move or to miss. */
    NO_APPOINTMENT,
    DUE_DATE_REQUIRED,
    DUE_DATE_EARLIER,
    FEE_INVALID,
    FEE_AMOUNT_MISMATCH,
    DELIVERY_DATE_INVALID,
    TRACKING_REQUIRED,
    NOT_BY_POST,
    ALREADY_DELIVERED,
    ALREADY_OVERDUE,
    NOT_YET_DUE,
    RESULT_BY_POST_NOT_ALLOWED
}
