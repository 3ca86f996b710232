package vn.motcua.domain.dossier;

import java.util.Optional;

/**
 * Who took the result at the desk: the applicant, or someone else on the applicant's behalf (an
 * authorised person, a relative), identified by name and ID number as the desk checks them.
 *
 * @param onBehalfOf empty when the applicant collected in person; else whose behalf, as the clerk wrote it
 */
public record Collector(String name, String idNumber, Optional<String> onBehalfOf) {
    public Collector {
        if (name == null || name.isBlank() || idNumber == null || idNumber.isBlank()) {
            throw new IllegalArgumentException("who collected the result: a name and an ID number");
        }
        onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf.filter(x -> !x.isBlank());
    }

    /** The form 05 note: "Người nhận: Trần Văn B, CCCD 051…, nhận thay Nguyễn Văn A". */
    public String note() {
        return "Người nhận: " + name + ", giấy tờ tùy thân số " + idNumber + onBehalfOf.map(x -> ", nhận thay " + x).orElse("");
    }
}
