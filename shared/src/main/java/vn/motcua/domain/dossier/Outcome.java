package vn.motcua.domain.dossier;

import java.util.List;

/**
 * The department's decision. A refusal after review is a result too: it goes back through the
 * desk like an approval, and it always says why.
 */
public sealed interface Outcome {

    /** References to the result documents (stored objects), such as the signed licence. */
    List<String> documentRefs();

    record Approved(List<String> documentRefs) implements Outcome {
        public Approved { documentRefs = List.copyOf(documentRefs); }
    }

    record Refused(List<String> reasons, List<String> documentRefs) implements Outcome {
        public Refused {
            reasons = List.copyOf(reasons);
            documentRefs = List.copyOf(documentRefs);
        }
    }

    static Outcome approved(String... documentRefs) { return new Approved(List.of(documentRefs)); }

    static Outcome refused(List<String> reasons, String... documentRefs) { return new Refused(reasons, List.of(documentRefs)); }
}
