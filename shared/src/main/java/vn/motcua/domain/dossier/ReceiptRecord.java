package vn.motcua.domain.dossier;

import java.util.List;
import java.util.Objects;

/**
 * What the receipt (form 01) printed that the dossier itself does not hold: the documents the clerk
 * ticked on the checklist (name, form brought, how many), the number of sets, and the receiving clerk
 * by name. Kept once at intake beside the dossier, so the server can print the same form 01 again at
 * any time, from any tab, after a new sign-in.
 */
public record ReceiptRecord(List<Line> documents, int sets, String receiverName) {

    /** One document received, as printed: the checklist's name, the form brought in Vietnamese, the count. */
    public record Line(String name, String form, int count) {
        public Line {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(form, "form");
            if (count < 1) throw new IllegalArgumentException("a document line counts at least 1, got " + count);
        }
    }

    public ReceiptRecord {
        documents = List.copyOf(documents);
        if (sets < 1) throw new IllegalArgumentException("at least one set, got " + sets);
        if (receiverName == null || receiverName.isBlank()) throw new IllegalArgumentException("who received it?");
    }
}
