package vn.motcua.store;

import java.time.Instant;
import java.util.Optional;

/**
 * What the updates endpoint has seen of each department's messages, by agency and message id: a message
 * id is claimed once per agency, so a replay is told from a new message and from an id used for another
 * body. The port of {@code UpdateInbox}; {@link DepartmentMessages} keeps them in the dossier table,
 * {@link InMemorySeenMessages} in memory.
 */
public interface SeenMessages {

    /** How long the door remembers a message id (the dossier's applied event ids guard forever). */
    java.time.Duration RETENTION = java.time.Duration.ofDays(90);

    /** What the claim found. */
    sealed interface Claim {
        /** First time: queue it. */
        record New() implements Claim {}
        /** Sent before with this very body but not queued (the first try failed): queue it now, with the first receipt time. */
        record NotYetQueued(Instant firstReceivedAt) implements Claim {}
        /** Sent before with this very body and queued: a replay, nothing to do. */
        record AlreadyQueued(Instant firstReceivedAt) implements Claim {}
        /** The id was used before for another body. */
        record Reused(Instant firstReceivedAt) implements Claim {}
    }

    /** A message as the door saw it: which dossier, when it came, when it was queued (empty: not yet). */
    record Seen(String dossierCode, Instant receivedAt, Optional<Instant> queuedAt) {}

    Claim claim(String agencyId, String messageId, String dossierCode, String bodyHash, Instant receivedAt);

    /** The message reached the updates queue. */
    void markQueued(String agencyId, String messageId, Instant at);

    /** The message {@code messageId} of {@code agencyId}, if the door has seen it. */
    Optional<Seen> find(String agencyId, String messageId);
}
