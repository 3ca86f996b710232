package vn.motcua.local.notices;

import vn.motcua.deadlines.DeadlineWatch;
import vn.motcua.desk.Desk;
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
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.ResultReturn;
import vn.motcua.local.seed.SeedData;
import vn.motcua.local.stack.ProjectDirectory;
import vn.motcua.notices.NoticeModel;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.reference.CatalogFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code infra/render-notices}: every notice template rendered with sample data, to files an operator
 * or a reviewer opens: {@code <name>.html}, {@code <name>.txt} (subject on the first line). The sample
 * applicant's name and the typed items carry markup and quotes, so the HTML shows them escaped.
 * Reads the templates from the class path (built from {@code infra/seed/notices/}) and the seed catalog.
 */
public final class RenderNotices {

    private RenderNotices() {}

    public static void main(String[] args) throws IOException {
        var project = ProjectDirectory.find();
        var out = args.length > 0 ? Path.of(args[0]) : project.resolve("target/notices");
        var written = render(project.resolve("infra/seed"), out);
        System.out.println("Rendered " + written.size() + " notices to " + out.toAbsolutePath());
        written.forEach(p -> System.out.println("  " + out.relativize(p)));
    }

    /** Renders every notice into {@code out}; returns the files written. */
    public static List<Path> render(Path seedDir, Path out) throws IOException {
        var seed = SeedData.read(seedDir);
        var catalog = CatalogFiles.validate(seed.catalogFiles().get("agencies.json"), "agencies.json",
                seed.catalogFiles().get("procedures.json"), "procedures.json");
        var templates = new NoticeTemplates();
        var model = new NoticeModel(catalog, Desk.QUANG_NGAI_POST, "https://motcua.quangngai.gov.vn");
        Files.createDirectories(out);
        var files = new java.util.ArrayList<Path>();
        for (var e : samples(catalog, model).entrySet()) {
            var r = templates.render(e.getKey(), e.getValue());
            files.add(write(out.resolve(e.getKey() + ".html"), r.html()));
            files.add(write(out.resolve(e.getKey() + ".txt"), "Subject: " + r.subject() + "\n\n" + r.text()));
        }
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Instant vn(int month, int day, int hour) {
        return LocalDateTime.of(2020, month, day, hour, 0).atZone(Dossier.ZONE).toInstant();
    }

    /** One model per notice, from a sample dossier taken through the lifecycle. */
    static Map<String, Map<String, Object>> samples(Catalog catalog, NoticeModel model) {
        var lifecycle = Lifecycle.standard();
        var procedure = catalog.procedure("1.000173").orElseGet(() -> catalog.procedures().get(0));
        var agency = catalog.agencyOf(procedure);
        var code = DossierCode.of(agency.electronicId(), LocalDate.of(2020, 3, 4), 12);
        var applicant = new Applicant("Trần Thị \"Bé\" <Hoa>", "051090000123", "0905123456", Optional.of("hoa@example.vn"),
                "12 Hùng Vương, TP Quảng Ngãi");
        var clerk = Actor.clerk("quay01");
        var dept = Actor.department(procedure.agencyId());
        var received = (Decision.Applied) Dossier.receive(new Dossier.Intake("receive-" + code.value(), code, procedure,
                Desk.QUANG_NGAI_POST.id(), clerk, vn(3, 4, 9), LocalDate.of(2020, 3, 18), applicant, Channel.IN_PERSON,
                ResultReturn.byPost("45 Lê Lợi, phường Nghĩa Chánh, TP Quảng Ngãi"), LookupSecret.hash(code, "K7M2QXPA")));
        var d = received.dossier();
        var samples = new LinkedHashMap<String, Map<String, Object>>();
        samples.put("received", model.of(d, d.history().get(0)));
        DossierEvent[] events = {
                new DossierEvent.Transferred("e1", Actor.system("router"), vn(3, 4, 10), procedure.agencyId()),
                new DossierEvent.Accepted("e2", dept, vn(3, 4, 11)),
                new DossierEvent.SupplementRequested("e3", dept, vn(3, 6, 9),
                        List.of("Biên bản kiểm định thiết bị <X-quang>", "Giấy khám sức khỏe & chứng chỉ \"an toàn bức xạ\""), "Biên bản đã quá 12 tháng"),
                new DossierEvent.SupplementReceived("e4", clerk, vn(3, 12, 9), LocalDate.of(2020, 3, 24)),
                new DossierEvent.FeeRequested("e5", dept, vn(3, 13, 9), 2_500_000, Optional.of("Phí thẩm định cấp giấy phép")),
                new DossierEvent.FeePaid("e6", clerk, vn(3, 16, 9)),
                new DossierEvent.Delayed("e7", dept, vn(3, 23, 9), "Chờ kết quả kiểm định thiết bị", LocalDate.of(2020, 3, 31)),
                new DossierEvent.ResultReady("e8", dept, vn(3, 30, 15), new Outcome.Approved(List.of("results/giay-phep.pdf"))),
                new DossierEvent.HandedToPost("e9", clerk, vn(3, 31, 9), "EB123456789VN")};
        var names = Map.of("e3", "supplement-requested", "e5", "fee-requested", "e7", "delayed", "e8", "result-ready", "e9", "handed-to-post");
        for (var e : events) {
            d = ((Decision.Applied) lifecycle.apply(d, e)).dossier();
            var entry = d.history().get(d.history().size() - 1);
            if (names.containsKey(e.eventId())) samples.put(names.get(e.eventId()), model.of(d, entry));
        }
        // the other endings, on copies of the sample at the right moment
        var refusedModel = new HashMap<>(samples.get("result-ready"));
        refusedModel.put("refusalReasons", List.of("Thiết bị chưa được kiểm định theo quy định", "Người phụ trách an toàn chưa có chứng chỉ"));
        samples.put("refused", refusedModel);
        var overdue = new HashMap<>(samples.get("received"));
        overdue.put("eventDate", "19/03/2020");
        samples.put("overdue", overdue);
        var returned = new HashMap<>(samples.get("received"));
        returned.put("eventDate", "01/04/2020");
        samples.put("returned", returned);
        var withdrawn = new HashMap<>(samples.get("received"));
        withdrawn.put("eventDate", "10/03/2020");
        withdrawn.put("reason", "Không còn nhu cầu <sử dụng>");
        samples.put("withdrawn", withdrawn);
        var stopped = new HashMap<>(samples.get("received"));
        stopped.put("eventDate", "12/03/2020");
        stopped.put("reason", "Cơ quan giải quyết xác nhận dừng xử lý theo đề nghị rút hồ sơ: Đã dừng <thẩm định>.");
        samples.put("stopped", stopped);

        var row = new HashMap<String, Object>(Map.of("code", code.value(), "procedureName", model.common(d).get("procedureName"),
                "agencyName", agency.name().vi(), "receivedDate", "04/03/2020", "dueDate", "18/03/2020", "stateLabel", "Đang giải quyết"));
        var staff = new HashMap<String, Object>(Map.of("today", "19/03/2020", "deskName", Desk.QUANG_NGAI_POST.nameVi(),
                "deskAddress", Desk.QUANG_NGAI_POST.addressVi(), "dossiers", List.of(row), "count", 1));
        var reminder = new HashMap<>(staff);
        reminder.putAll(Map.of("agencyName", agency.name().vi(), "leadDays", 2, "lastDueDate", "18/03/2020", "today", "16/03/2020"));
        samples.put("reminder", reminder);
        samples.put("overdue-alert", staff);
        var holidays = new HashMap<>(staff);
        holidays.putAll(Map.of("year", 2021, "firstDay", "01/01/2021", "daysLeft", 60, "today", "02/11/2020"));
        samples.put("holiday-table-missing", holidays);
        var digest = new HashMap<>(staff);
        for (var k : List.of("dueToday", "overdue", "waiting")) {
            digest.put(k, k.equals("dueToday") ? List.of() : List.of(row));
            digest.put(k + "Count", k.equals("dueToday") ? 0 : 1);
            digest.put(k + "Any", !k.equals("dueToday"));
        }
        digest.put("pickupDays", 5);
        samples.put("digest", digest);
        if (!samples.keySet().containsAll(NoticeTemplates.NAMES)) {
            throw new IllegalStateException("no sample for some notices: " + NoticeTemplates.NAMES);
        }
        return samples;
    }

    /** For a reviewer: which class documents the values of the staff notices. */
    static Class<?> staffNotices() { return DeadlineWatch.class; }
}
