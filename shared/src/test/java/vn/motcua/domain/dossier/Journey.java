package vn.motcua.domain.dossier;

import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.DossierEvent.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: a dossier of the Science and Technology department received on Monday 2 March
 * 2020 at 09:00 with appointment Monday 16 March (10 working days), brought into any state by the
 * shortest legal path, and a valid event for every row of the transition table.
 */
final class Journey {

    static final String AGENCY = "so-khoa-hoc-cong-nghe";
    static final String DESK = "buu-dien-quang-ngai";
    static final Actor CLERK = Actor.clerk("clerk.lan");
    static final Actor DEPARTMENT = Actor.department(AGENCY);
    static final Actor WATCH = Actor.system("deadline-watch");
    static final LocalDate RECEIVED_ON = LocalDate.of(2020, 3, 2);
    static final LocalDate DUE = LocalDate.of(2020, 3, 16);

    static final Procedure PROCEDURE = procedure("1.000173", true, TimeLimit.workingDays(10));
    static final Procedure NO_LIMIT = procedure("1.005415", true, TimeLimit.noneFixed());

    private static final AtomicInteger IDS = new AtomicInteger();

    final Lifecycle lifecycle = Lifecycle.standard();

    static Procedure procedure(String code, boolean byPost, TimeLimit limit) {
        return new Procedure(code, false, new Name("Thủ tục thử", "Test procedure"), AGENCY, limit,
                List.of(new RequiredDocument("Đơn đề nghị", RequiredDocument.Form.ORIGINAL, 1, true)),
                Fee.none(), byPost, Optional.empty(), Optional.empty());
    }

    static Instant at(LocalDate day, int hour) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(Dossier.ZONE).toInstant();
    }

    static Instant day(int dayOfMarch) { return at(LocalDate.of(2020, 3, dayOfMarch), 10); }

    static String id() { return "ev-" + IDS.incrementAndGet(); }

    static Applicant applicant() {
        return new Applicant("Nguyễn Văn An", "051090000123", "0905123456", Optional.of("an@example.vn"),
                "12 Hùng Vương, TP Quảng Ngãi");
    }

    static Dossier.Intake intake(Procedure procedure, ResultReturn resultReturn) {
        var appointment = procedure.timeLimit().unit() == TimeLimit.Unit.NONE_FIXED ? null : DUE;
        return new Dossier.Intake(id(), DossierCode.of(ElectronicId.placeholder("000.00.92.H48"), RECEIVED_ON, 7),
                procedure, DESK, CLERK, at(RECEIVED_ON, 9), appointment, applicant(), Channel.IN_PERSON,
                resultReturn, "K7M2QX");
    }

    /** Received, result by post to the applicant's address. */
    static Dossier received() { return received(PROCEDURE); }

    static Dossier received(Procedure procedure) {
        var d = Dossier.receive(intake(procedure, ResultReturn.byPost("12 Hùng Vương, TP Quảng Ngãi")));
        return ((Decision.Applied) d).dossier();
    }

    Dossier apply(Dossier d, DossierEvent e) {
        var decision = lifecycle.apply(d, e);
        assertThat(decision).as("%s in %s", e.kind(), d.state()).isInstanceOf(Decision.Applied.class);
        return ((Decision.Applied) decision).dossier();
    }

    /** The shortest legal path from receipt to {@code state}. */
    Dossier in(DossierState state) { return in(received(), state); }

    Dossier in(Dossier received, DossierState state) {
        return switch (state) {
            case RECEIVED -> received;
            case TRANSFERRED -> apply(received, new Transferred(id(), WATCH, day(2), AGENCY));
            case IN_PROCESS -> apply(in(received, DossierState.TRANSFERRED), new Accepted(id(), DEPARTMENT, day(3)));
            case SUPPLEMENT_REQUESTED -> apply(in(received, DossierState.IN_PROCESS), supplementRequested());
            case FEE_REQUESTED -> apply(in(received, DossierState.IN_PROCESS),
                    new FeeRequested(id(), DEPARTMENT, day(5), 2_000_000, Optional.of("Phí thẩm định")));
            case WITHDRAWAL_REQUESTED -> apply(received, new WithdrawalRequested(id(), CLERK, day(4), "Không còn nhu cầu"));
            case STOPPED -> apply(in(received, DossierState.WITHDRAWAL_REQUESTED), new Stopped(id(), DEPARTMENT, day(5), Optional.empty()));
            case RESULT_READY -> apply(in(received, DossierState.IN_PROCESS),
                    new ResultReady(id(), DEPARTMENT, day(12), Outcome.approved("results/licence.pdf")));
            case RETURNED -> apply(in(received, DossierState.RESULT_READY), new HandedToPost(id(), CLERK, day(13), "EA123456789VN"));
            case REFUSED_AT_DESK -> throw new IllegalArgumentException("no dossier is ever refused at the desk");
        };
    }

    static SupplementRequested supplementRequested() {
        return new SupplementRequested(id(), DEPARTMENT, day(4), List.of("Phiếu khám sức khỏe"), "Phiếu khám sức khỏe quá 6 tháng");
    }

    /** An event of {@code kind} that passes every rule for a dossier in the state the journey left it in. */
    static DossierEvent validEvent(EventKind kind) {
        return switch (kind) {
            case TRANSFERRED -> new Transferred(id(), WATCH, day(2), AGENCY);
            case ACCEPTED -> new Accepted(id(), DEPARTMENT, day(3));
            case SUPPLEMENT_REQUESTED -> supplementRequested();
            case SUPPLEMENT_RECEIVED -> new SupplementReceived(id(), CLERK, day(9), LocalDate.of(2020, 3, 19));
            case FEE_REQUESTED -> new FeeRequested(id(), DEPARTMENT, day(5), 500_000, Optional.empty());
            case FEE_PAID -> new FeePaid(id(), CLERK, day(6));
            case RESULT_READY -> new ResultReady(id(), DEPARTMENT, day(12), Outcome.approved("results/licence.pdf"));
            case DELAYED -> new Delayed(id(), DEPARTMENT, day(10), "Chờ ý kiến của Cục An toàn bức xạ", LocalDate.of(2020, 3, 23));
            case RETURNED_AT_DESK -> new ReturnedAtDesk(id(), CLERK, day(13), Optional.empty());
            case HANDED_TO_POST -> new HandedToPost(id(), CLERK, day(13), "EA123456789VN");
            case DELIVERED -> new Delivered(id(), Actor.system("vnpost-tracking"), day(14));
            case WITHDRAWAL_REQUESTED -> new WithdrawalRequested(id(), CLERK, day(4), "Không còn nhu cầu");
            case STOPPED -> new Stopped(id(), DEPARTMENT, day(5), Optional.of("Theo đề nghị rút hồ sơ"));
            case MARKED_OVERDUE -> new MarkedOverdue(id(), WATCH, day(17));
            case DOCUMENT_ATTACHED -> new DocumentAttached(id(), CLERK, day(2), document("Đơn đề nghị", "docs/don.pdf"));
            case DOCUMENT_REJECTED -> new DocumentRejected(id(), Actor.system("document-received"), day(2), "scan.pdf",
                    DocumentRejection.TYPE_MISMATCH);
            case DELIVERY_FAILED -> new DossierEvent.DeliveryFailed(id(), Actor.system("dispatcher"), day(2), "so-khoa-hoc-cong-nghe",
                    400, "unknown procedure");
            case RECEIVED -> throw new IllegalArgumentException("receipt is a factory, not an event");
        };
    }

    static DossierDocument document(String name, String key) {
        return new DossierDocument(name, key, 120_000, "sha256:9f2c", CLERK, day(2));
    }
}
