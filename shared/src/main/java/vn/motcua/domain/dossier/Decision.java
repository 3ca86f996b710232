package vn.motcua.domain.dossier;

/**
 * What the lifecycle made of an event: the dossier after it ({@link Applied}), or a
 * {@link Refusal} that changed nothing.
 */
public sealed interface Decision permits Decision.Applied, Refusal {

    /**
     * The dossier after the event. {@code duplicate} says the event's id was already applied:
     * the dossier is returned unchanged, and the caller should answer as it did the first time.
     */
    record Applied(Dossier dossier, boolean duplicate) implements Decision {
        public Applied {
            if (dossier == null) throw new IllegalArgumentException("applied to which dossier?");
        }
    }

    default boolean applied() { return this instanceof Applied; }
}
