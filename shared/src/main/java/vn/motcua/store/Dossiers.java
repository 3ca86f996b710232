package vn.motcua.store;

import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.Lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where dossiers are kept, with the records that live beside them (the desk's refusals, the intake's
 * {@code Idempotency-Key} claims): the port every use case reads and changes dossiers through. Two
 * implementations: {@link DossierRepository}, the dossier table, and {@link InMemoryDossiers}, the same
 * items in memory (SnapStart priming runs the use cases on it; the services' unit tests too).
 * {@link DossierRepository} says what each method promises.
 */
public interface Dossiers {

    /** Stores a newly received dossier; {@link DossierExistsException} when its code is taken. */
    void create(Dossier dossier);

    /** The dossier as last written. */
    Optional<Dossier> find(DossierCode code);

    /**
     * Applies {@code event} with {@code lifecycle} and stores the result, once per event id.
     *
     * @throws UnknownDossierException when no dossier has that code
     */
    Decision apply(DossierCode code, DossierEvent event, Lifecycle lifecycle);

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
