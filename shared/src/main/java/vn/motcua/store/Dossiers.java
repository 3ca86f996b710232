package vn.motcua.store;

import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.outbox.OutboxChange;
import vn.motcua.outbox.OwedWork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where dossiers are kept, with the records that live beside them (the desk's refusals, the intake's
 * {@code Idempotency-Key} claims): the port every use case reads and changes dossiers through. Two
 * implementations: {@link DossierRepository}, the dossier table, and {@link InMemoryDossiers}, the same
 * items in memory (SnapStart priming runs the use cases on it; the services' unit tests too).
 * {@link DossierRepository} says what each method promises.
 */
public interface Dossiers {

    /** Stores a newly received dossier; {@link DossierExistsException} when its code is taken. */
    default void create(Dossier dossier) { create(dossier, OutboxChange.NONE); }

    /** Stores a newly received dossier with the work its receipt owes, in one write. */
    void create(Dossier dossier, OutboxChange outbox);

    /** The dossier as last written. */
    Optional<Dossier> find(DossierCode code);

    /**
     * Applies {@code event} with {@code lifecycle} and stores the result, once per event id.
     *
     * @throws UnknownDossierException when no dossier has that code
     */
    default Decision apply(DossierCode code, DossierEvent event, Lifecycle lifecycle) {
        return apply(code, event, lifecycle, OutboxChange.NONE);
    }

    /**
     * As {@link #apply(DossierCode, DossierEvent, Lifecycle)}, and records in the same conditional write what the change
     * owes and settles ({@link OwedWork}, the outbox). When nothing is written (a duplicate, a refusal) the entries to
     * settle are settled anyway and nothing new is owed.
     */
    Decision apply(DossierCode code, DossierEvent event, Lifecycle lifecycle, OutboxChange outbox);

    // ---- the outbox (owed work kept in the dossier's item) ----------------------------------------

    /** Whether every change also owes the national portal its record ({@link vn.motcua.portal.PortalOwes}). */
    default boolean owesThePortal() { return false; }

    /**
     * Settles and owes work without changing the dossier (a notice sent, a dispatch delivered, a routing job that
     * became a dispatch): one conditional write; false when it changed nothing (already settled: idempotent).
     *
     * @throws UnknownDossierException when no dossier has that code
     */
    boolean settle(DossierCode code, OutboxChange outbox);

    /** What the dossier still owes, oldest first (empty for an unknown code). */
    List<OwedWork> owed(DossierCode code);

    /** Codes of dossiers owing work last queued before {@code before}, oldest first: the sparse index, never a scan. */
    Page<DossierCode> owingSince(Instant before, Optional<String> cursor, int limit);

    /**
     * Changes the dossier's owed entries with {@code edit} (the sweep counts an attempt), if the outbox is still as
     * {@code seen} (the list {@link #owed} returned); false when it changed meanwhile (nothing written).
     */
    boolean editOwed(DossierCode code, List<OwedWork> seen, UnaryOperator<OwedWork> edit);

    /** A department's dossiers in one state, earliest due first (no fixed limit last), then by code. */
    Page<Dossier> byAgencyAndState(String agencyId, DossierState state, Optional<String> cursor, int limit);

    /** Open dossiers due on or before {@code lastDay}, earliest first. */
    Page<Dossier> openDueBy(LocalDate lastDay, Optional<String> cursor, int limit);

    /** Every open dossier, earliest due first, those without a fixed limit last. */
    Page<Dossier> allOpen(Optional<String> cursor, int limit);

    /** Dossiers received from {@code first} to {@code last} (days in Vietnam, both included), in order of receipt. */
    Page<Dossier> receivedBetween(LocalDate first, LocalDate last, Optional<String> cursor, int limit);

    /** Dossiers whose applicant's name, normalised ({@link vn.motcua.domain.dossier.SearchText}), starts so; by name, then receipt. */
    Page<Dossier> byApplicantName(String normalisedName, Optional<String> cursor, int limit);

    /** Dossiers of the applicant with this ID number, in order of receipt. */
    Page<Dossier> byApplicantIdNumber(String idNumber, Optional<String> cursor, int limit);

    /** Dossiers of the applicant with this phone number (0xxxxxxxxx), in order of receipt. */
    Page<Dossier> byApplicantPhone(String phone, Optional<String> cursor, int limit);

    /**
     * Keeps what the receipt printed beyond the dossier (the ticked checklist, the sets, the receiver's name),
     * so form 01 can be printed again at any time. Writing it again for the same code (a retried intake) replaces it.
     */
    void keepReceipt(DossierCode code, vn.motcua.domain.dossier.ReceiptRecord record);

    /** The receipt's record kept at intake; empty for a dossier received before it was kept. */
    Optional<vn.motcua.domain.dossier.ReceiptRecord> receiptRecord(DossierCode code);

    /** Keeps a refusal or guidance given at the desk; false when its id is already recorded (nothing changed). */
    boolean recordDeskRefusal(DeskRefusal refusal);

    /** The refusal or guidance recorded under {@code id}, to print its form again; empty when there is none. */
    Optional<DeskRefusal> deskRefusal(String id);

    /** Refusals and guidance at the desk from {@code first} to {@code last} (days in Vietnam), in order. */
    Page<DeskRefusal> deskRefusalsBetween(LocalDate first, LocalDate last, Optional<String> cursor, int limit);

    /** Claims an intake's {@code Idempotency-Key} for a request whose body hashes to {@code requestHash}. */
    IdempotencyClaim claimIdempotencyKey(String key, String requestHash, Instant now);

    /** Binds the code (and the receipt's plain secret, may be null) to a claimed key; returns the code bound. */
    DossierCode bindIdempotencyKey(String key, String requestHash, DossierCode code, String receiptSecret);

    /** As {@link #bindIdempotencyKey(String, String, DossierCode, String)} without a secret. */
    default DossierCode bindIdempotencyKey(String key, String requestHash, DossierCode code) {
        return bindIdempotencyKey(key, requestHash, code, null);
    }
}
