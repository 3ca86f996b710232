package vn.motcua.local.seed;

import vn.motcua.desk.LookupSecret;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.store.DossierRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Dossiers for function tests, received the way the desk receives them ({@link Dossier#receive})
 * against the seed catalog, stored, and moved on with the standard lifecycle through the
 * repository. One applicant whose personal data tests can look for in answers that must not show it.
 */
public final class Receipts {

    public static final String DESK = "buu-dien-quang-ngai";
    public static final Actor CLERK = Actor.clerk("quay01");
    public static final Actor ROUTER = Actor.system("router");

    public static final String NAME = "Nguyễn Văn An";
    public static final String ID_NUMBER = "051090000123";
    public static final String PHONE = "0905123456";
    public static final String EMAIL = "nguyenvanan@example.vn";
    public static final String ADDRESS = "12 Hùng Vương, phường Trần Hưng Đạo, TP Quảng Ngãi";
    public static final String POSTAL_ADDRESS = "45 Lê Lợi, phường Nghĩa Chánh, TP Quảng Ngãi";

    private final Catalog catalog;
    private final DossierRepository repository;
    private final Lifecycle lifecycle = Lifecycle.standard();

    public Receipts(Catalog catalog, DossierRepository repository) {
        this.catalog = catalog;
        this.repository = repository;
    }

    public static Applicant applicant() {
        return new Applicant(NAME, ID_NUMBER, PHONE, Optional.of(EMAIL), ADDRESS);
    }

    /** The same applicant, who agreed at the desk to be told by SMS too. */
    public static Applicant applicantWithSms() {
        return new Applicant(NAME, ID_NUMBER, PHONE, Optional.of(EMAIL), ADDRESS, true);
    }

    /** A time in Vietnam. */
    public static Instant vn(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Dossier.ZONE).toInstant();
    }

    public static String id() { return UUID.randomUUID().toString(); }

    /**
     * Receives and stores a dossier of {@code procedureCode} at {@code at}, code sequence {@code seq} of
     * that agency and day, appointment {@code due} (null for procedures without a fixed limit), with
     * the receipt secret {@code secret} (its hash is what is stored).
     */
    public Dossier receive(String procedureCode, int seq, Instant at, LocalDate due, ResultReturn resultReturn, String secret) {
        return receive(procedureCode, seq, at, due, resultReturn, secret, applicant());
    }

    /** As above, for {@code applicant} (one who agreed to SMS, say). */
    public Dossier receive(String procedureCode, int seq, Instant at, LocalDate due, ResultReturn resultReturn, String secret,
                           Applicant applicant) {
        var procedure = catalog.procedure(procedureCode).orElseThrow(() -> new IllegalArgumentException("not in the seed: " + procedureCode));
        var agency = catalog.agencyOf(procedure);
        var code = DossierCode.of(agency.electronicId(), Dossier.localDate(at), seq);
        var intake = new Dossier.Intake(id(), code, procedure, DESK, CLERK, at, due, applicant, Channel.IN_PERSON,
                resultReturn, LookupSecret.hash(code, secret));
        var decision = Dossier.receive(intake);
        if (!(decision instanceof Decision.Applied applied)) throw new IllegalStateException("not received: " + decision);
        repository.create(applied.dossier());
        return applied.dossier();
    }

    public Dossier receive(String procedureCode, int seq, Instant at, LocalDate due) {
        return receive(procedureCode, seq, at, due, ResultReturn.atDesk(), "K7M2QXPA");
    }

    /** Applies the events in order through the repository; each must be applied. Returns the stored dossier. */
    public Dossier apply(Dossier dossier, DossierEvent... events) {
        for (var event : events) {
            var decision = repository.apply(dossier.code(), event, lifecycle);
            if (!(decision instanceof Decision.Applied)) throw new IllegalStateException(event.kind() + " refused: " + decision);
        }
        return repository.find(dossier.code()).orElseThrow();
    }

    /** The department that handles {@code dossier}, as an actor. */
    public static Actor officerOf(Dossier dossier) { return Actor.department(dossier.agencyId()); }
}
