package vn.motcua.store;

import vn.motcua.domain.calendar.TimeLimit;
import vn.motcua.domain.catalog.ElectronicId;
import vn.motcua.domain.catalog.Fee;
import vn.motcua.domain.catalog.Name;
import vn.motcua.domain.catalog.Procedure;
import vn.motcua.domain.catalog.RequiredDocument;
import vn.motcua.domain.dossier.*;
import vn.motcua.domain.dossier.DossierEvent.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Dossiers to store: one with every field filled, one as bare as the model allows, one lived through the lifecycle. */
final class SampleDossiers {

    static final String AGENCY = "so-khoa-hoc-cong-nghe";
    static final String DESK = "buu-dien-quang-ngai";
    static final Actor CLERK = Actor.clerk("clerk.lan");
    static final Actor DEPARTMENT = Actor.department(AGENCY);
    static final DossierCode CODE = DossierCode.of(ElectronicId.placeholder("000.00.92.H48"), LocalDate.of(2020, 3, 2), 7);

    private SampleDossiers() {}

    static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(LocalDate.of(2020, month, day), LocalTime.of(hour, minute)).atZone(Dossier.ZONE).toInstant();
    }

    static Applicant applicant() {
        return new Applicant("Nguyễn Thị Ánh \"Tuyết\"", "051090000123", "0905 123 456", Optional.of("anh.tuyet@example.vn"),
                "12 Hùng Vương, phường Trần Phú, TP Quảng Ngãi");
    }

    /**
     * Every field filled, whatever the lifecycle would allow at once: a paused clock (the last
     * supplement request is open) beside a refused outcome delivered by post, a fee paid, a delay.
     */
    static Dossier everything() {
        var received = at(3, 2, 9, 5).plusNanos(123_456_789);
        var handOverToDept = new HandOver(DESK, AGENCY, at(3, 2, 14, 0), Optional.of(at(3, 3, 8, 30)), Timeliness.EARLY,
                Optional.of("Bản giấy kèm 2 bộ"));
        var handOverBack = new HandOver(AGENCY, DESK, at(3, 20, 10, 0), Optional.of(at(3, 20, 10, 0)), Timeliness.LATE, Optional.empty());
        var history = List.of(
                new HistoryEntry("ev-1", EventKind.RECEIVED, CLERK, received, Optional.empty(), Optional.empty(), DossierState.RECEIVED, Optional.empty()),
                new HistoryEntry("ev-2", EventKind.TRANSFERRED, Actor.system("router:v2"), at(3, 2, 14, 0), Optional.empty(),
                        Optional.of(DossierState.RECEIVED), DossierState.TRANSFERRED, Optional.of(handOverToDept)),
                new HistoryEntry("ev-3", EventKind.SUPPLEMENT_REQUESTED, DEPARTMENT, at(3, 5, 10, 0),
                        Optional.of("Phiếu khám sức khỏe quá 6 tháng (cần bổ sung: Phiếu khám sức khỏe)"),
                        Optional.of(DossierState.IN_PROCESS), DossierState.SUPPLEMENT_REQUESTED, Optional.empty()),
                new HistoryEntry("ev-4", EventKind.RESULT_READY, DEPARTMENT, at(3, 20, 10, 0), Optional.of("Thiết bị không đạt; hồ sơ thiếu"),
                        Optional.of(DossierState.IN_PROCESS), DossierState.RESULT_READY, Optional.of(handOverBack)));
        var delay = new Appointment.Delay("Chờ ý kiến của Cục An toàn bức xạ", at(3, 10, 16, 0), AGENCY,
                LocalDate.of(2020, 3, 16), LocalDate.of(2020, 3, 23));
        return new Dossier(CODE, "1.000173", AGENCY, DESK, TimeLimit.workingDays(10), applicant(), Channel.BY_POST,
                ResultReturn.byPost("Thôn 3, xã Tịnh Hà, huyện Sơn Tịnh"), received,
                Optional.of(new Appointment(LocalDate.of(2020, 3, 16), LocalDate.of(2020, 3, 23), Optional.of(delay))),
                List.of(new SupplementRequest(AGENCY, at(3, 5, 10, 0), List.of("Phiếu khám sức khỏe"), "quá 6 tháng", Optional.of(at(3, 9, 8, 0))),
                        new SupplementRequest(AGENCY, at(3, 12, 10, 0), List.of("Bản vẽ mặt bằng", "Giấy phép cũ"), "thiếu", Optional.empty())),
                Optional.of(new FeeDue(2_000_000, Optional.of("Phí thẩm định"), at(3, 11, 9, 0), Optional.of(at(3, 11, 15, 0)))),
                Optional.of(Outcome.refused(List.of("Thiết bị không đạt", "Hồ sơ thiếu bản vẽ"), "results/tu-choi.pdf")),
                Optional.of(new Delivery("EA123456789VN", at(3, 21, 9, 0), Optional.of(at(3, 23, 11, 0)))),
                DossierState.RESULT_READY, true,
                List.of(new DossierDocument("Đơn đề nghị", "docs/000.00.92.H48-200302-0007/don.pdf", 120_000, "sha256:9f2c", CLERK, at(3, 2, 9, 10)),
                        new DossierDocument("Bản vẽ mặt bằng", "docs/000.00.92.H48-200302-0007/ban-ve.pdf", 2_400_000, "sha256:77aa",
                                Actor.system("upload"), at(3, 9, 8, 0))),
                history, Set.of("ev-1", "ev-2", "ev-3", "ev-4"), "K7M2QX", 17);
    }

    /** As little as the model allows: no appointment, no email, collected at the desk, nothing happened yet. */
    static Dossier bare() {
        var received = at(3, 1, 6, 0);
        return new Dossier(DossierCode.of(ElectronicId.placeholder("000.00.92.H48"), LocalDate.of(2020, 3, 1), 1), "1.005415",
                AGENCY, DESK, TimeLimit.noneFixed(), new Applicant("Trần B", "051090000999", "0905000000", Optional.empty(), "Quảng Ngãi"),
                Channel.IN_PERSON, ResultReturn.atDesk(), received, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), DossierState.RECEIVED, false, List.of(),
                List.of(new HistoryEntry("ev-0", EventKind.RECEIVED, CLERK, received, Optional.empty(), Optional.empty(),
                        DossierState.RECEIVED, Optional.empty())), Set.of("ev-0"), "ZZ", 1);
    }

    static Procedure procedure() {
        return new Procedure("1.000173", false, new Name("Cấp giấy phép tiến hành công việc bức xạ", "Radiation work licence"),
                AGENCY, TimeLimit.workingDays(15),
                List.of(new RequiredDocument("Đơn đề nghị", RequiredDocument.Form.ORIGINAL, 1, true)), Fee.none(), true,
                Optional.empty(), Optional.empty());
    }

    /**
     * A busy but realistic life: received with eight scanned documents, transferred, accepted, one
     * supplement, a fee, a refusal with reasons, handed to the post and delivered. Event ids are UUIDs,
     * as the functions make them.
     */
    static Dossier realistic() {
        var lifecycle = Lifecycle.standard();
        var intake = new Dossier.Intake(uuid(), CODE, procedure(), DESK, CLERK, at(3, 2, 9, 5), LocalDate.of(2020, 3, 23),
                applicant(), Channel.IN_PERSON, ResultReturn.byPost("Thôn 3, xã Tịnh Hà, huyện Sơn Tịnh, tỉnh Quảng Ngãi"), "K7M2QX");
        var d = ((Decision.Applied) Dossier.receive(intake)).dossier();
        String[] names = {"Đơn đề nghị cấp giấy phép", "Bản sao giấy chứng nhận đăng ký doanh nghiệp", "Bản vẽ mặt bằng phòng đặt máy",
                "Báo cáo đánh giá an toàn bức xạ", "Chứng chỉ nhân viên bức xạ", "Hợp đồng dịch vụ đo liều", "Phiếu khám sức khỏe",
                "Biên bản kiểm định thiết bị"};
        for (int i = 0; i < names.length; i++) {
            d = apply(lifecycle, d, new DocumentAttached(uuid(), CLERK, at(3, 2, 9, 10 + i),
                    new DossierDocument(names[i], "docs/" + CODE + "/" + uuid() + ".pdf", 350_000 + i, "sha256:" + "ab".repeat(32), CLERK, at(3, 2, 9, 10 + i))));
        }
        d = apply(lifecycle, d, new Transferred(uuid(), Actor.system("router"), at(3, 2, 14, 0), AGENCY));
        d = apply(lifecycle, d, new Accepted(uuid(), DEPARTMENT, at(3, 3, 8, 30)));
        d = apply(lifecycle, d, new SupplementRequested(uuid(), DEPARTMENT, at(3, 5, 10, 0),
                List.of("Phiếu khám sức khỏe còn hạn", "Bản vẽ mặt bằng có chữ ký"), "Phiếu khám sức khỏe đã quá 6 tháng; bản vẽ chưa ký"));
        d = apply(lifecycle, d, new SupplementReceived(uuid(), CLERK, at(3, 9, 8, 0), LocalDate.of(2020, 3, 26)));
        d = apply(lifecycle, d, new FeeRequested(uuid(), DEPARTMENT, at(3, 11, 9, 0), 2_000_000, Optional.of("Phí thẩm định cấp giấy phép")));
        d = apply(lifecycle, d, new FeePaid(uuid(), CLERK, at(3, 11, 15, 0)));
        d = apply(lifecycle, d, new ResultReady(uuid(), DEPARTMENT, at(3, 20, 10, 0),
                Outcome.refused(List.of("Phòng đặt máy không đạt yêu cầu che chắn theo QCVN 6:2010/BKHCN"), "results/" + CODE + "/tu-choi.pdf")));
        d = apply(lifecycle, d, new HandedToPost(uuid(), CLERK, at(3, 21, 9, 0), "EA123456789VN"));
        d = apply(lifecycle, d, new Delivered(uuid(), Actor.system("vnpost-tracking"), at(3, 23, 11, 0)));
        return d;
    }

    static Dossier apply(Lifecycle lifecycle, Dossier d, DossierEvent e) {
        var decision = lifecycle.apply(d, e);
        if (!(decision instanceof Decision.Applied applied)) throw new AssertionError(e.kind() + ": " + decision);
        return applied.dossier();
    }

    static String uuid() { return java.util.UUID.randomUUID().toString(); }
}
