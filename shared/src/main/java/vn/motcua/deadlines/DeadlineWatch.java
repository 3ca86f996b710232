package vn.motcua.deadlines;

import vn.motcua.contracts.NotificationJob;
import vn.motcua.contracts.RoutingJob;
import vn.motcua.desk.Desk;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.Decision;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.DossierState;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.Log;
import vn.motcua.notices.Mailer;
import vn.motcua.notices.NoticeModel;
import vn.motcua.notices.NoticeTemplates;
import vn.motcua.outbox.OwedKinds;
import vn.motcua.outbox.OwedWork;
import vn.motcua.outbox.Owes;
import vn.motcua.queues.NotificationQueue;
import vn.motcua.queues.RoutingQueue;
import vn.motcua.store.Dossiers;
import vn.motcua.store.SentNotices;
import vn.motcua.store.NoticeRecord;
import vn.motcua.store.Page;
import vn.motcua.store.ReferenceData;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The deadline watch: no dossier goes late in silence, and none is stuck. Reads the table's indexes
 * only (a department's dossiers in one state, open dossiers by due date), never scans it.
 * <ul>
 *   <li>{@link #sweep}: whatever a change owes (the outbox: notices, dispatches, routing jobs, each written with the
 *       change) and is still owed some minutes later was lost on its way: queue it again, with its own idempotency
 *       key; a dossier still RECEIVED from before the outbox is queued for routing again with intake's job id, and its
 *       receipt notice when none is recorded;</li>
 *   <li>{@link #markOverdue}: open dossiers past their date are flagged (one event each) and their applicant told;
 *       those without an apology (form 04) are listed to the province's office;</li>
 *   <li>{@link #stopUnacknowledgedWithdrawals}: a withdrawal the department has not acknowledged within its catalog
 *       period ({@code withdrawalAcknowledgementDays}, working days) stops the dossier anyway, and the applicant is told;</li>
 *   <li>{@link #remind}: each department hears of its dossiers due within the reminder lead, in working days;</li>
 *   <li>{@link #digest}: the desk's morning list: due today, overdue, results waiting too long for pickup.</li>
 * </ul>
 * Mail to staff is sent once per day and purpose (the notice ledger, scopes {@code reminder-<agency>},
 * {@code overdue-alert}, {@code digest}), so a retried run does not repeat it.
 */
public record DeadlineWatch(Dossiers dossiers, SentNotices ledger, Supplier<ReferenceData.Snapshot> reference,
                            RoutingQueue routing, NotificationQueue notifications, NoticeTemplates templates, Mailer mailer,
                            Desk desk, String lookupUrl, Settings settings, OwedKinds kinds, Clock clock) {

    public static final Actor WATCH = Actor.system("deadline-watch");
    /** Where the department is expected to act: a flag there means the department is late. */
    private static final Set<DossierState> WITH_DEPARTMENT = EnumSet.of(DossierState.RECEIVED, DossierState.TRANSFERRED,
            DossierState.IN_PROCESS, DossierState.FEE_REQUESTED);
    private static final int PAGE = 100;

    /**
     * @param reminderLeadWorkingDays remind a department of dossiers due within this many working days
     * @param pickupTooLongWorkingDays a result waiting at the desk longer than this is listed in the digest
     * @param sweepAge                a dossier still RECEIVED this long after receipt is queued for routing again
     * @param officeAddress           the province's office, for overdue alerts
     * @param deskAddress             the desk, for its daily digest
     */
    public record Settings(int reminderLeadWorkingDays, int pickupTooLongWorkingDays, Duration sweepAge,
                           String officeAddress, String deskAddress) {
        public Settings {
            if (reminderLeadWorkingDays < 0 || pickupTooLongWorkingDays < 0 || sweepAge.isNegative()) {
                throw new IllegalArgumentException("deadline watch settings are not negative");
            }
            if (officeAddress == null || officeAddress.isBlank() || deskAddress == null || deskAddress.isBlank()) {
                throw new IllegalArgumentException("the watch needs the office's and the desk's addresses");
            }
        }
    }

    private static final Lifecycle LIFECYCLE = Lifecycle.standard();

    // ---- the sweep ------------------------------------------------------------------------------

    /**
     * @param routingRequeued dossiers still RECEIVED whose routing job was queued again, and owed routing jobs re-queued
     * @param noticesRequeued owed notices re-queued
     * @param owedRequeued    every owed entry re-queued, whatever its kind
     * @param stillOwed       owed entries seen that were not due yet (queued less than their wait ago)
     */
    public record SweepReport(int routingRequeued, int noticesRequeued, int owedRequeued, int stillOwed) {}

    /** The longest the sweep waits before queuing one entry again: the wait doubles with each attempt up to this. */
    static final int MAX_DOUBLINGS = 6;

    /**
     * Queues again what was lost on its way: the outbox's owed entries older than their wait (every kind registered in
     * {@link OwedKinds}), read from the sparse {@code owedWork} index, and dossiers still RECEIVED from before the outbox.
     */
    public SweepReport sweep() {
        var now = clock.instant();
        var before = now.minus(settings.sweepAge());
        int routed = 0, noticed = 0, requeued = 0, waiting = 0;
        for (var code : Page.all(cursor -> dossiers.owingSince(before, cursor, PAGE))) {
            var seen = dossiers.owed(code);
            var sent = new java.util.HashSet<String>();
            for (var w : seen) {
                if (now.isBefore(w.queuedAt().plus(waitBefore(w.attempts())))) {
                    waiting++;
                    continue;
                }
                var requeue = kinds.of(w.kind());
                if (requeue.isEmpty()) {
                    Log.warn("watch.owed.unknown_kind").with("code", code).with("kind", w.kind()).with("id", w.id()).write();
                    continue;
                }
                try {
                    requeue.get().send(w.payload());
                    sent.add(w.key());
                    if (w.kind().equals(OwedWork.NOTICE)) noticed++;
                    if (w.kind().equals(OwedWork.ROUTE)) routed++;
                    Log.info("watch.owed.requeued").with("code", code).with("kind", w.kind()).with("id", w.id())
                            .with("attempt", w.attempts() + 1).with("owedSince", w.owedSince()).write();
                } catch (Exception e) {
                    Log.warn("watch.owed.pending").with("code", code).with("kind", w.kind()).with("id", w.id()).error(e).write();
                }
            }
            requeued += sent.size();
            // counted, so the next sweep waits longer; lost to a racing write, the entry is only queued again sooner
            if (!sent.isEmpty()) dossiers.editOwed(code, seen, w -> sent.contains(w.key()) ? w.requeued(now) : w);
        }
        for (var agency : reference.get().catalog().agencies()) {
            for (var d : Page.all((cursor) -> dossiers.byAgencyAndState(agency.id(), DossierState.RECEIVED, cursor, PAGE))) {
                if (!d.receivedAt().isBefore(before)) continue;
                String jobId = "route-" + d.code().value() + "-received";
                // a dossier received since the outbox owes its routing job: requeued above when due
                if (dossiers.owed(d.code()).stream().anyMatch(w -> w.kind().equals(OwedWork.ROUTE))) continue;
                // The very job intake queued: the router transfers once whichever copy comes first.
                routing.send(new RoutingJob(jobId, d.code(), RoutingJob.Reason.SWEEP, now));
                routed++;
                String receiptId = d.history().get(0).eventId();
                if (ledger.find(d.code().value(), receiptId).isEmpty()) { // nor was its receipt notice owed
                    notifications.send(new NotificationJob(d.code(), NotificationJob.Kind.RECEIVED, receiptId, now));
                    noticed++;
                }
                Log.info("watch.sweep.requeued").with("code", d.code()).write();
            }
        }
        Log.info("watch.sweep").with("routingRequeued", routed).with("noticesRequeued", noticed).with("owedRequeued", requeued)
                .with("stillOwed", waiting).write();
        return new SweepReport(routed, noticed, requeued, waiting);
    }

    /**
     * How long an owed entry rests on its queue before the sweep sends it again: the sweep age, doubled with each attempt
     * (a department down for hours is retried by its own queue's backoff; the sweep only adds a copy now and then, with
     * the same idempotency key).
     */
    Duration waitBefore(int attempts) {
        return settings.sweepAge().multipliedBy(1L << Math.min(attempts, MAX_DOUBLINGS));
    }

    // ---- overdue --------------------------------------------------------------------------------

    public record OverdueReport(int flagged, int withoutApology, boolean alertSent) {}

    public OverdueReport markOverdue() {
        var now = clock.instant();
        var today = Dossier.localDate(now);
        var snapshot = reference.get();
        int flagged = 0;
        var unapologised = new ArrayList<Dossier>();
        for (var d : Page.all(cursor -> dossiers.openDueBy(today.minusDays(1), cursor, PAGE))) {
            if (d.pausedSince().isPresent() || !WITH_DEPARTMENT.contains(d.state()) || d.appointment().isEmpty()) continue;
            var current = d;
            if (!d.overdue()) {
                var event = new DossierEvent.MarkedOverdue("overdue-" + d.code().value() + "-" + d.appointment().get().current(), WATCH, now);
                var decision = dossiers.apply(d.code(), event, LIFECYCLE, Owes.change(Owes.notice(d.code(), event, now)));
                if (decision instanceof Decision.Applied applied) {
                    current = applied.dossier();
                    if (!applied.duplicate()) flagged++;
                    NotificationJob.after(d.code(), event, now).ifPresent(job -> queue(job));
                } else {
                    continue; // moved on meanwhile (result came back): not late any more
                }
            }
            if (current.appointment().get().delay().isEmpty()) unapologised.add(current);
        }
        boolean alerted = false;
        if (!unapologised.isEmpty()) {
            var model = staffModel(today);
            model.put("dossiers", rows(unapologised, snapshot.catalog()));
            model.put("count", unapologised.size());
            alerted = sendOnce("overdue-alert", today.toString(), "overdue-alert", settings.officeAddress(), model);
        }
        Log.info("watch.overdue").with("flagged", flagged).with("withoutApology", unapologised.size()).with("alertSent", alerted).write();
        return new OverdueReport(flagged, unapologised.size(), alerted);
    }

    /** A failure to queue the applicant's notice must not stop the watch: the flag is stored; logged. */
    private void queue(NotificationJob job) {
        try {
            notifications.send(job);
        } catch (RuntimeException e) {
            Log.warn("watch.notification.pending").with("code", job.dossierCode()).with("eventId", job.eventId()).error(e).write();
        }
    }

    // ---- withdrawals ----------------------------------------------------------------------------

    /**
     * Stops every dossier whose withdrawal its department has not acknowledged within the catalog's period, counted
     * in working days from the day of the request: requested on Monday with 3 days, stopped from Thursday's run. The
     * stop's id is fixed per dossier, so a second run (or a late acknowledgement) applies once. Returns how many stopped.
     */
    public int stopUnacknowledgedWithdrawals() {
        var now = clock.instant();
        var today = Dossier.localDate(now);
        var snapshot = reference.get();
        var calendar = snapshot.calendar();
        int stopped = 0;
        for (var agency : snapshot.catalog().agencies()) {
            for (var d : Page.all(cursor -> dossiers.byAgencyAndState(agency.id(), DossierState.WITHDRAWAL_REQUESTED, cursor, PAGE))) {
                var requested = lastOf(d, EventKind.WITHDRAWAL_REQUESTED);
                if (requested.isEmpty()) continue;
                var limit = calendar.plusWorkingDays(Dossier.localDate(requested.get().at()), agency.withdrawalAcknowledgementDays());
                if (today.isBefore(limit)) continue;
                var stop = new DossierEvent.Stopped("withdrawal-timeout-" + d.code().value(), WATCH, now, Optional.of(
                        "Cơ quan giải quyết chưa xác nhận trong " + agency.withdrawalAcknowledgementDays()
                                + " ngày làm việc: dừng xử lý theo đề nghị rút hồ sơ."));
                if (dossiers.apply(d.code(), stop, LIFECYCLE) instanceof Decision.Applied applied) {
                    if (!applied.duplicate()) stopped++;
                    NotificationJob.after(d.code(), stop, now).ifPresent(this::queue);
                    Log.info("watch.withdrawal.stopped").with("code", d.code()).with("agencyId", agency.id()).write();
                }
            }
        }
        Log.info("watch.withdrawals").with("stopped", stopped).write();
        return stopped;
    }

    // ---- reminders ------------------------------------------------------------------------------

    /** One email per department with dossiers due within the lead; none on a day off. Returns how many were sent. */
    public int remind() {
        var today = Dossier.localDate(clock.instant());
        var snapshot = reference.get();
        var calendar = snapshot.calendar();
        if (!calendar.isWorkingDay(today)) return 0;
        var last = calendar.plusWorkingDays(today, settings.reminderLeadWorkingDays());
        var byAgency = new HashMap<String, List<Dossier>>();
        for (var d : Page.all(cursor -> dossiers.openDueBy(last, cursor, PAGE))) {
            var due = d.appointment().map(a -> a.current());
            if (due.isEmpty() || due.get().isBefore(today) || d.pausedSince().isPresent() || !WITH_DEPARTMENT.contains(d.state())) continue;
            byAgency.computeIfAbsent(d.agencyId(), k -> new ArrayList<>()).add(d);
        }
        int sent = 0;
        for (var e : byAgency.entrySet()) {
            var agency = snapshot.catalog().agency(e.getKey());
            if (agency.isEmpty()) continue;
            var model = staffModel(today);
            model.put("agencyName", agency.get().name().vi());
            model.put("dossiers", rows(e.getValue(), snapshot.catalog()));
            model.put("count", e.getValue().size());
            model.put("leadDays", settings.reminderLeadWorkingDays());
            model.put("lastDueDate", NoticeModel.date(last));
            if (sendOnce("reminder-" + agency.get().id(), today.toString(), "reminder", agency.get().contactEmail(), model)) sent++;
        }
        Log.info("watch.reminders").with("departments", sent).write();
        return sent;
    }

    // ---- the desk's digest ----------------------------------------------------------------------

    public record DigestReport(int dueToday, int overdue, int waiting, boolean sent) {}

    public DigestReport digest() {
        var today = Dossier.localDate(clock.instant());
        var snapshot = reference.get();
        var calendar = snapshot.calendar();
        var dueToday = new ArrayList<Dossier>();
        var overdue = new ArrayList<Dossier>();
        for (var d : Page.all(cursor -> dossiers.openDueBy(today, cursor, PAGE))) {
            if (d.pausedSince().isPresent() || !WITH_DEPARTMENT.contains(d.state())) continue;
            var due = d.appointment().get().current();
            (due.equals(today) ? dueToday : overdue).add(d);
        }
        var waiting = new ArrayList<Dossier>();
        for (var agency : snapshot.catalog().agencies()) {
            for (var d : Page.all(cursor -> dossiers.byAgencyAndState(agency.id(), DossierState.RESULT_READY, cursor, PAGE))) {
                var ready = lastOf(d, EventKind.RESULT_READY).map(h -> Dossier.localDate(h.at()));
                if (ready.isPresent() && calendar.workingDaysBetween(ready.get(), today) > settings.pickupTooLongWorkingDays()) waiting.add(d);
            }
        }
        var model = staffModel(today);
        put(model, "dueToday", rows(dueToday, snapshot.catalog()));
        put(model, "overdue", rows(overdue, snapshot.catalog()));
        put(model, "waiting", rows(waiting, snapshot.catalog()));
        model.put("pickupDays", settings.pickupTooLongWorkingDays());
        boolean sent = calendar.isWorkingDay(today) && sendOnce("digest", today.toString(), "digest", settings.deskAddress(), model);
        Log.info("watch.digest").with("dueToday", dueToday.size()).with("overdue", overdue.size()).with("waiting", waiting.size())
                .with("sent", sent).write();
        return new DigestReport(dueToday.size(), overdue.size(), waiting.size(), sent);
    }

    private static void put(Map<String, Object> model, String key, List<Map<String, Object>> rows) {
        model.put(key, rows);
        model.put(key + "Count", rows.size());
        model.put(key + "Any", !rows.isEmpty());
    }

    private static Optional<HistoryEntry> lastOf(Dossier d, EventKind kind) {
        var h = d.history();
        for (int i = h.size() - 1; i >= 0; i--) if (h.get(i).kind() == kind) return Optional.of(h.get(i));
        return Optional.empty();
    }

    // ---- holiday tables -------------------------------------------------------------------------

    /** How long before a year starts the office is told that its holiday table is missing. */
    public static final int HOLIDAY_TABLE_LEAD_DAYS = 60;

    /**
     * Tells the office, once per year, when the holiday table of the year that starts within
     * {@link #HOLIDAY_TABLE_LEAD_DAYS} days (or of this year) is not loaded: without it, intake cannot
     * compute appointments that run into that year (it answers 503 naming the year).
     *
     * @return the years found missing, earliest first
     */
    public List<Integer> checkHolidayTables() {
        var today = Dossier.localDate(clock.instant());
        var loaded = reference.get().calendar().loadedYears();
        var missing = new ArrayList<Integer>();
        for (int year = today.getYear(); year <= today.plusDays(HOLIDAY_TABLE_LEAD_DAYS).getYear(); year++) {
            if (loaded.contains(year)) continue;
            missing.add(year);
            var first = LocalDate.of(year, 1, 1);
            var model = staffModel(today);
            model.put("year", year);
            model.put("firstDay", NoticeModel.date(first));
            model.put("daysLeft", Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(today, first)));
            boolean sent = sendOnce("holiday-table", Integer.toString(year), "holiday-table-missing", settings.officeAddress(), model);
            Log.warn("watch.holiday-table-missing").with("year", year).with("alertSent", sent).write();
        }
        return missing;
    }

    // ---- mail to staff --------------------------------------------------------------------------

    private Map<String, Object> staffModel(LocalDate today) {
        var m = new HashMap<String, Object>();
        m.put("today", NoticeModel.date(today));
        m.put("deskName", desk.nameVi());
        m.put("deskAddress", desk.addressVi());
        m.put("deskPhone", desk.phone());
        m.put("deskHours", desk.openingHours().inVietnamese());
        return m;
    }

    /** One table row per dossier, for staff: no personal data beyond the code. */
    public List<Map<String, Object>> rows(List<Dossier> list, Catalog catalog) {
        var model = new NoticeModel(catalog, desk, lookupUrl);
        return list.stream().map(d -> {
            var row = new HashMap<String, Object>();
            var common = model.common(d);
            row.put("code", d.code().value());
            row.put("procedureName", common.get("procedureName"));
            row.put("agencyName", common.get("agencyName"));
            row.put("receivedDate", common.get("receivedDate"));
            row.put("dueDate", d.appointment().map(a -> NoticeModel.date(a.current())).orElse("—"));
            row.put("stateLabel", d.state().label());
            return (Map<String, Object>) row;
        }).toList();
    }

    /** Claims, renders, sends and records; false when it was already sent (today's run retried). */
    private boolean sendOnce(String scope, String id, String notice, String to, Map<String, Object> model) {
        var claim = ledger.claim(scope, id, notice, clock.instant());
        if (!(claim instanceof SentNotices.Claim.Claimed claimed)) return false;
        try {
            var messageId = mailer.send(templates.render(notice, model).to(to));
            ledger.record(NoticeRecord.sent(scope, id, notice, clock.instant(), messageId), claimed.token());
            return true;
        } catch (Mailer.Rejected e) {
            ledger.record(NoticeRecord.notSent(scope, id, notice, clock.instant(), e.reason()), claimed.token());
            return false;
        } catch (RuntimeException e) {
            ledger.release(scope, id, claimed.token());
            throw e;
        }
    }
}
