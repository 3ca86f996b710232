package vn.motcua.outbox;

import vn.motcua.contracts.NotificationJob;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.notices.NoticeModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the usual changes owe, built once for every service that applies events. */
public final class Owes {

    private Owes() {}

    /**
     * The applicant's notice an applied event owes: only when the notifier has a notice for its kind (a transfer or a
     * fee paid is no news to the applicant: nothing is owed, nothing written for it).
     */
    public static Optional<OwedWork> notice(DossierCode code, DossierEvent event, Instant now) {
        return NotificationJob.after(code, event, now).filter(Owes::isNews).map(OwedWork::notice);
    }

    public static boolean isNews(NotificationJob job) { return NoticeModel.noticeFor(job.eventKind()).isPresent(); }

    /** The change that owes {@code first} (if present) and {@code more}. */
    public static OutboxChange change(Optional<OwedWork> first, OwedWork... more) {
        var all = new ArrayList<OwedWork>();
        first.ifPresent(all::add);
        all.addAll(List.of(more));
        return OutboxChange.owing(all);
    }
}
