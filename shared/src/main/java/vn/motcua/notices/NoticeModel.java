package vn.motcua.notices;

import vn.motcua.contracts.NotificationJob;
import vn.motcua.desk.Desk;
import vn.motcua.domain.catalog.Catalog;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.HistoryEntry;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.domain.dossier.SupplementRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which events the applicant hears of, and what their notice says: the values a notice template
 * may use, taken from the dossier as it is now and from the event's own entry in its history.
 * Dates are Vietnamese dates, dd/MM/yyyy. Text only: the templates do the escaping.
 */
public final class NoticeModel {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** The notice the applicant gets for each kind; kinds not here are no news for them (the desk sees them). */
    private static final Map<NotificationJob.Kind, String> NOTICES = new EnumMap<>(Map.ofEntries(
            Map.entry(NotificationJob.Kind.RECEIVED, "received"),
            Map.entry(NotificationJob.Kind.SUPPLEMENT_REQUESTED, "supplement-requested"),
            Map.entry(NotificationJob.Kind.FEE_REQUESTED, "fee-requested"),
            Map.entry(NotificationJob.Kind.RESULT_READY, "result-ready"),
            Map.entry(NotificationJob.Kind.REFUSED, "refused"),
            Map.entry(NotificationJob.Kind.DELAYED, "delayed"),
            Map.entry(NotificationJob.Kind.OVERDUE, "overdue"),
            Map.entry(NotificationJob.Kind.HANDED_TO_POST, "handed-to-post"),
            Map.entry(NotificationJob.Kind.RETURNED, "returned"),
            Map.entry(NotificationJob.Kind.WITHDRAWN, "withdrawn"),
            Map.entry(NotificationJob.Kind.STOPPED, "stopped")));

    private final Catalog catalog;
    private final Desk desk;
    private final vn.motcua.desk.PublicLookupPage lookup;

    /**
     * @param publicOrigin where citizens open the web app, e.g. {@code https://motcua.example.vn}: its public
     *                     page reads {@code #tra-cuu?ma=<code>} (the secret is typed from the printed receipt)
     */
    public NoticeModel(Catalog catalog, Desk desk, String publicOrigin) {
        if (publicOrigin == null || publicOrigin.isBlank()) throw new IllegalArgumentException("which public origin?");
        this.catalog = catalog;
        this.desk = desk;
        this.lookup = new vn.motcua.desk.PublicLookupPage(publicOrigin.strip().replaceAll("/+$", ""));
    }

    /** The applicant's notice for this kind of event, if they get one. */
    public static Optional<String> noticeFor(NotificationJob.Kind kind) { return Optional.ofNullable(NOTICES.get(kind)); }

    /** The status page of one dossier: the code only (its secret is on the printed receipt, never in the store). */
    public String lookupLink(DossierCode code) {
        return lookup.link(code.value());
    }

    /**
     * The values for the notice of {@code entry} (an event in {@code dossier}'s history).
     * Common: {@code code, applicantName, procedureName, agencyName, receivedDate, receivedTime,
     * appointmentDate, originalAppointmentDate, noFixedLimit, eventDate, lookupUrl, deskName, deskAddress, deskPhone, deskHours,
     * atDesk, byPost, postalAddress}. Per event: {@code supplementItems, supplementReason, feeAmount, feeNote,
     * refusalReasons, delayReason, previousAppointmentDate, newAppointmentDate, trackingNumber, reason}.
     */
    public Map<String, Object> of(Dossier dossier, HistoryEntry entry) {
        var m = common(dossier);
        m.put("eventDate", date(entry.at()));
        m.put("eventTime", TIME.format(entry.at().atZone(Dossier.ZONE)));
        entry.reason().ifPresent(r -> m.put("reason", r));
        supplementOf(dossier, entry).ifPresent(s -> {
            m.put("supplementItems", s.items());
            m.put("supplementReason", s.reason());
        });
        dossier.fee().ifPresent(f -> {
            m.put("feeAmount", money(f.amountVnd()));
            f.note().ifPresent(n -> m.put("feeNote", n));
        });
        dossier.outcome().ifPresent(o -> {
            if (o instanceof Outcome.Refused r) m.put("refusalReasons", r.reasons());
        });
        dossier.appointment().flatMap(a -> a.delay()).ifPresent(d -> {
            m.put("delayReason", d.reason());
            m.put("previousAppointmentDate", DATE.format(d.previous()));
            m.put("newAppointmentDate", DATE.format(d.newDate()));
        });
        dossier.delivery().ifPresent(d -> m.put("trackingNumber", d.trackingNumber()));
        return m;
    }

    /** What every notice about a dossier can say. */
    public Map<String, Object> common(Dossier dossier) {
        var m = new HashMap<String, Object>();
        m.put("code", dossier.code().value());
        m.put("applicantName", dossier.applicant().name());
        m.put("procedureName", catalog.procedure(dossier.procedureCode()).map(p -> p.name().vi()).orElse(dossier.procedureCode()));
        m.put("agencyName", catalog.agency(dossier.agencyId()).map(a -> a.name().vi()).orElse(dossier.agencyId()));
        m.put("receivedDate", date(dossier.receivedAt()));
        m.put("receivedTime", TIME.format(dossier.receivedAt().atZone(Dossier.ZONE)));
        dossier.appointment().ifPresentOrElse(a -> {
            m.put("appointmentDate", DATE.format(a.current()));
            m.put("originalAppointmentDate", DATE.format(a.original()));
        }, () -> m.put("noFixedLimit", true));
        m.put("lookupUrl", lookupLink(dossier.code()));
        m.put("deskName", desk.nameVi());
        m.put("deskAddress", desk.addressVi());
        m.put("deskPhone", desk.phone());
        m.put("deskHours", desk.openingHours().inVietnamese());
        m.put("atDesk", !dossier.resultReturn().byPost());
        m.put("byPost", dossier.resultReturn().byPost());
        dossier.resultReturn().postalAddress().ifPresent(a -> m.put("postalAddress", a));
        return m;
    }

    /** The supplement request this event made (same time), else the latest one. */
    private static Optional<SupplementRequest> supplementOf(Dossier dossier, HistoryEntry entry) {
        var all = dossier.supplements();
        return all.stream().filter(s -> s.requestedAt().equals(entry.at())).findFirst()
                .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1)));
    }

    public static String date(Instant at) { return DATE.format(at.atZone(Dossier.ZONE)); }

    public static String date(LocalDate day) { return DATE.format(day); }

    /** 1500000 -> "1.500.000 đồng", as Vietnamese write amounts. */
    public static String money(long vnd) {
        var symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator('.');
        return new DecimalFormat("#,##0", symbols).format(vnd) + " đồng";
    }

    static List<String> noticeNames() { return List.copyOf(NOTICES.values()); }
}
