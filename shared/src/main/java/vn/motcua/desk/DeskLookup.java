package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import vn.motcua.domain.dossier.DeskRefusal;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;
import vn.motcua.store.Dossiers;
import vn.motcua.store.Page;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The desk's reads, for the counter staff and the province's office: one page of a list of dossiers (by
 * agency and state, due by a day, received in a range: {@link ListQuery}), or one dossier in full with its
 * timeline and process control slip ({@link DossierView}). Each list reads one index; nothing scans.
 */
public record DeskLookup(Dossiers dossiers, Supplier<ReferenceData.Snapshot> reference, Clock clock) {

    /** One page of summaries, with the cursor of the next page (null: the last one). */
    public record Listed(ObjectNode body, String list, int count) {}

    /** {@code GET /dossiers?...}: the query string checked ({@link ListQuery}), then one page of the list it names. */
    public Listed list(Map<String, String> queryString) throws BadInput {
        var catalog = reference.get().catalog();
        var query = ListQuery.parse(queryString, catalog);
        Page<Dossier> page;
        try {
            page = read(query);
        } catch (IllegalArgumentException e) {
            // The store refuses a cursor that is not one of this list's; the other arguments were checked above.
            if (query.page().cursor().isPresent()) throw ListQuery.invalidCursor();
            throw e;
        } catch (DynamoDbException e) {
            // A forged cursor whose key DynamoDB cannot use: the caller's mistake, not ours.
            if (query.page().cursor().isPresent() && e.statusCode() == 400) throw ListQuery.invalidCursor();
            throw e;
        }
        ObjectNode body = Json.object();
        var items = body.putArray("items");
        var view = new DossierView(catalog);
        var today = today();
        page.items().forEach(d -> items.add(view.summary(d, today)));
        body.put("nextCursor", page.cursor().orElse(null));
        // the list's kind only: a search's value is personal data and never reaches a log
        return new Listed(body, query instanceof ListQuery.Search q ? "Search/" + q.kind() : query.getClass().getSimpleName(),
                page.items().size());
    }

    private Page<Dossier> read(ListQuery query) {
        var cursor = query.page().cursor();
        int limit = query.page().limit();
        return switch (query) {
            case ListQuery.ByAgencyAndState q -> dossiers.byAgencyAndState(q.agencyId(), q.state(), cursor, limit);
            case ListQuery.DueBy q -> dossiers.openDueBy(q.lastDay(), cursor, limit);
            case ListQuery.ReceivedBetween q -> dossiers.receivedBetween(q.first(), q.last(), cursor, limit);
            case ListQuery.Search q -> switch (q.kind()) {
                case CODE -> new Page<>(dossiers.find(new DossierCode(q.value())).stream().toList(), java.util.Optional.empty());
                case ID_NUMBER -> dossiers.byApplicantIdNumber(q.value(), cursor, limit);
                case PHONE -> dossiers.byApplicantPhone(q.value(), cursor, limit);
                case NAME -> dossiers.byApplicantName(q.value(), cursor, limit);
            };
        };
    }

    /** At most this many dossiers per list of the worklist: one page of one index each. */
    static final int WORKLIST_PAGE = 100;

    /**
     * {@code GET /worklist}: the desk's day, each list read from an index (never a scan): received today; due today
     * and overdue (open dossiers due by today, the paused ones apart); and, per department, in process (received,
     * transferred, in process), waiting for the fee, for a supplement, asking to withdraw, and results ready to
     * hand back; and today's guidance and refusals at the desk (forms 02 and 03, to print again). A list longer than a
     * page says so ({@code more}).
     */
    public ObjectNode worklist() {
        var catalog = reference.get().catalog();
        var view = new DossierView(catalog);
        var today = today();
        ObjectNode body = Json.object();
        body.put("today", today.toString());
        list(body, "receivedToday", dossiers.receivedBetween(today, today, java.util.Optional.empty(), WORKLIST_PAGE), view, today);

        var due = dossiers.openDueBy(today, java.util.Optional.empty(), WORKLIST_PAGE);
        var overdue = due.items().stream().filter(d -> DossierView.overdue(d, today)).toList();
        var dueToday = due.items().stream().filter(d -> !DossierView.overdue(d, today) && d.pausedSince().isEmpty()
                && d.appointment().map(a -> a.current().equals(today)).orElse(false)).toList();
        list(body, "dueToday", new Page<>(dueToday, due.cursor()), view, today);
        list(body, "overdue", new Page<>(overdue, due.cursor()), view, today);

        var groups = java.util.Map.of(
                "inProcess", List.of(DossierState.RECEIVED, DossierState.TRANSFERRED, DossierState.IN_PROCESS),
                "waitingFee", List.of(DossierState.FEE_REQUESTED),
                "waitingSupplement", List.of(DossierState.SUPPLEMENT_REQUESTED),
                "withdrawalRequested", List.of(DossierState.WITHDRAWAL_REQUESTED),
                "resultReady", List.of(DossierState.RESULT_READY));
        for (var group : List.of("inProcess", "waitingFee", "waitingSupplement", "withdrawalRequested", "resultReady")) {
            var items = new java.util.ArrayList<Dossier>();
            boolean more = false;
            for (var agency : catalog.agencies()) {
                for (var state : groups.get(group)) {
                    var page = dossiers.byAgencyAndState(agency.id(), state, java.util.Optional.empty(), WORKLIST_PAGE);
                    items.addAll(page.items());
                    more |= page.cursor().isPresent();
                }
            }
            list(body, group, new Page<>(items, more ? java.util.Optional.of("more") : java.util.Optional.empty()), view, today);
        }
        deskRefusals(body.putObject("deskRefusalsToday"), today, catalog);
        return body;
    }

    /** What one day's list of guidance and refusals answers: the body, the day and how many (for the log, no names). */
    public record RefusalsOn(ObjectNode body, LocalDate on, int count) {}

    /**
     * {@code GET /dossiers/refusals?on=yyyy-MM-dd}: the guidance and refusals at the desk of one day (today without
     * {@code on}), latest first, as the worklist lists today's: a citizen back days later for a lost form 02 or 03 is
     * found by name and the form printed again. One query of the month's index; a day to come or another parameter is 400.
     */
    public RefusalsOn deskRefusalsOn(Map<String, String> queryString) throws BadInput {
        for (var name : queryString.keySet()) {
            if (!name.equals("on")) {
                throw new BadInput("UNKNOWN_PARAMETER", "Tham số «" + name + "» không được hỗ trợ. Tham số hợp lệ: on (ngày, dạng yyyy-MM-dd).", name);
            }
        }
        var today = today();
        var on = queryString.containsKey("on") ? ListQuery.date(queryString.get("on"), "on") : today;
        if (on.isAfter(today)) {
            throw new BadInput("DATE_IN_FUTURE", "Ngày " + on + " chưa tới: chọn hôm nay (" + today + ") hoặc một ngày trước đó.", "on");
        }
        ObjectNode body = Json.object();
        body.put("on", on.toString());
        int count = deskRefusals(body, on, reference.get().catalog());
        return new RefusalsOn(body, on, count);
    }

    /**
     * One day's guidance (form 02) and refusals (form 03) at the desk, latest first, each with what the clerk needs
     * to find it and print its form again ({@code GET /dossiers/refusals/{id}/forms/{form}}): the citizen who
     * came back for a lost slip is asked the name, not a code (no dossier code exists).
     */
    private int deskRefusals(ObjectNode o, LocalDate day, vn.motcua.domain.catalog.Catalog catalog) {
        var page = dossiers.deskRefusalsBetween(day, day, java.util.Optional.empty(), WORKLIST_PAGE);
        var items = o.putArray("items");
        page.items().reversed().forEach(r -> {
            var item = items.addObject().put("id", r.id()).put("kind", r.kind().name()).put("kindLabel", r.kind().label())
                    .put("form", r.kind().form()).put("applicantName", r.applicant().name()).put("at", r.at().toString())
                    .put("clerkName", r.clerkName());
            item.putObject("procedure").put("code", r.procedureCode())
                    .put("nameVi", catalog.procedure(r.procedureCode()).map(p -> p.name().vi()).orElse(r.procedureCode()));
        });
        o.put("more", page.cursor().isPresent());
        return items.size();
    }

    private static void list(ObjectNode body, String name, Page<Dossier> page, DossierView view, LocalDate today) {
        var o = body.putObject(name);
        var items = o.putArray("items");
        page.items().forEach(d -> items.add(view.summary(d, today)));
        o.put("more", page.cursor().isPresent());
    }

    /** {@code GET /dossiers/{code}}: the dossier in full, or 404 {@code DOSSIER_NOT_FOUND}. */
    public ObjectNode one(DossierCode code) throws BadInput {
        var dossier = dossiers.find(code).orElseThrow(() -> notFound(code));
        return new DossierView(reference.get().catalog()).full(dossier, today(), dossiers.receiptRecord(code));
    }

    private LocalDate today() { return LocalDate.now(clock.withZone(Dossier.ZONE)); }

    /** The answer to a dossier code that is well formed but names no dossier. */
    static BadInput notFound(DossierCode code) {
        String message = "Không tìm thấy hồ sơ có mã " + code + ".";
        return new BadInput(404, "DOSSIER_NOT_FOUND", message, List.of(new BadInput.FieldError("code", message)));
    }
}
