package vn.motcua.store;

import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Applicant;
import vn.motcua.domain.dossier.Channel;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierDocument;
import vn.motcua.domain.dossier.ResultReturn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Received dossiers for the store tests, each with its own agency when a test needs one to itself. */
final class Intakes {

    static final String DESK = "buu-dien-quang-ngai";
    static final Actor CLERK = Actor.clerk("clerk.lan");
    static final Actor ROUTER = Actor.system("router");

    private static final AtomicInteger AGENCIES = new AtomicInteger(10);

    private Intakes() {}

    /** An agency slug and e-id nobody else in this JVM uses. */
    record Agency(String id, ElectronicId eid) {
        Actor officer() { return Actor.department(id); }
    }

    static Agency newAgency() {
        int n = AGENCIES.incrementAndGet();
        return new Agency("so-thu-" + n, ElectronicId.placeholder(String.format("000.%02d.%02d.H48", n / 100, n % 100)));
    }

    /** A time in Vietnam. */
    static Instant vn(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Dossier.ZONE).toInstant();
    }

    static Procedure procedure(Agency agency, TimeLimit limit) {
        return new Procedure("1.000173", false, new Name("Thủ tục thử", "Test procedure"), agency.id(), limit,
                List.of(new RequiredDocument("Đơn đề nghị", RequiredDocument.Form.ORIGINAL, 1, true)), Fee.none(), true,
                Optional.empty(), Optional.empty());
    }

    /** Received at {@code at} with appointment {@code due} (null: no fixed time limit), code sequence {@code seq}. */
    static Dossier received(Agency agency, int seq, Instant at, LocalDate due, ResultReturn resultReturn) {
        return received(agency, seq, at, due, resultReturn,
                new Applicant("Nguyễn Văn An", "051090000123", "0905123456", Optional.of("an@example.vn"), "12 Hùng Vương, TP Quảng Ngãi"));
    }

    static Dossier received(Agency agency, int seq, Instant at, LocalDate due, ResultReturn resultReturn, Applicant applicant) {
        var limit = due == null ? TimeLimit.noneFixed() : TimeLimit.workingDays(10);
        var code = DossierCode.of(agency.eid(), Dossier.localDate(at), seq);
        var intake = new Dossier.Intake(id(), code, procedure(agency, limit), DESK, CLERK, at, due, applicant,
                Channel.IN_PERSON, resultReturn, "K7M2QX");
        return ((Decision.Applied) Dossier.receive(intake)).dossier();
    }

    static Dossier received(Agency agency, int seq, Instant at, LocalDate due) {
        return received(agency, seq, at, due, ResultReturn.atDesk());
    }

    static DossierDocument document(String name, Instant at) {
        return new DossierDocument(name, "docs/" + id() + ".pdf", 250_000, "sha256:" + "ab".repeat(32), CLERK, at);
    }

    static String id() { return UUID.randomUUID().toString(); }
}
