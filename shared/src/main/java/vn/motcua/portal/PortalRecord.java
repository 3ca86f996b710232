package vn.motcua.portal;

import vn.motcua.domain.dossier.Dossier;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * What is sent to the national portal for one change: the fields public descriptions of the provinces' sync
 * with Cổng DVC quốc gia name (dossier code, procedure code, agency code, status 1-10, channel, dates, fees,
 * result, rating). The portal's interface specification is not public: the JSON field names
 * ({@code MaHoSo}, {@code MaTTHC}...) and the channel numbers are ASSUMED (docs/portal-sync.md), kept in this one
 * class so that the real names replace them here alone. Times are {@code yyyyMMddHHmmss} in Vietnam time.
 */
public record PortalRecord(String dossierCode, int seq, String procedureCode, boolean procedureCodeConfirmed, String agencyCode,
                           int status, int channel, String receivedAt, String changedAt, String appointmentDate, Long feeVnd,
                           boolean feePaid, String result, Integer rating) {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(Dossier.ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The record of {@code change}; the agency code is the electronic id the dossier code begins with. */
    public static PortalRecord of(PortalChange change, boolean procedureCodeConfirmed) {
        String code = change.code().value();
        return new PortalRecord(code, change.seq(), change.procedureCode(), procedureCodeConfirmed, code.substring(0, code.indexOf('-')),
                change.status(), channel(change.channel()), time(change.receivedAt()), time(change.changedAt()),
                change.appointment().map(d -> d.format(DAY) + "170000").orElse(null), change.feeVnd().orElse(null), change.feePaid(),
                change.result().map(r -> r.equals("REFUSED") ? "2" : "1").orElse(null), change.rating().orElse(null));
    }

    public static String time(Instant at) { return TIME.format(at); }

    /** 1 at the desk, 2 online, 3 by post (assumed numbering). */
    static int channel(String channel) {
        return switch (channel) {
            case "ONLINE" -> 2;
            case "BY_POST" -> 3;
            default -> 1;
        };
    }

    public String toJson() {
        var o = Json.object();
        o.put("MaHoSo", dossierCode).put("SoThuTu", seq).put("MaTTHC", procedureCode).put("MaTTHCChinhThuc", procedureCodeConfirmed)
                .put("MaDonVi", agencyCode).put("TrangThaiHoSo", status).put("KenhThucHien", channel)
                .put("NgayTiepNhan", receivedAt).put("NgayCapNhat", changedAt);
        if (appointmentDate != null) o.put("NgayHenTra", appointmentDate);
        if (feeVnd != null) o.put("PhiLePhi", feeVnd).put("DaNopPhi", feePaid);
        if (result != null) o.put("KetQuaXuLy", result);
        if (rating != null) o.put("DanhGia", rating);
        return Json.write(o);
    }

    /** A day as the portal writes it, for tests and the simulator. */
    public static String day(LocalDate day) { return day.format(DAY); }
}
