package vn.motcua.portal;

import vn.motcua.domain.dossier.DossierCode;

import java.util.List;

/**
 * The national public service portal [Cổng dịch vụ công quốc gia], as the sync and the reconciliation see it: the
 * adapter's interface (HTTP in {@link HttpNationalPortal}, a simulator locally). The domain never sees HTTP: the
 * portal's real specification is not public, so only the adapter changes when it is known.
 */
public interface NationalPortal {

    /** The portal's answer to one record: it took it (with its own receipt text) or refused it for good. */
    sealed interface Answer {
        String text();

        record Accepted(String text) implements Answer {}

        record Rejected(String text) implements Answer {}
    }

    /** What the portal holds of one change of a dossier. */
    record Held(int seq, int status) {}

    /** The portal could not be reached, was too slow or failed (5xx): try again later. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) { super(message, cause); }
    }

    Answer send(PortalRecord record) throws Unavailable;

    /** Every change of the dossier the portal holds, by sequence number (empty when it knows none). */
    List<Held> holdings(DossierCode code) throws Unavailable;
}
