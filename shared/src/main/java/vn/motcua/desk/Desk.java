package vn.motcua.desk;

import vn.motcua.domain.calendar.OpeningHours;
import vn.motcua.reference.DeskFile;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The desk that receives: its id (kept on every dossier as the hand-over party on the desk's side),
 * what the printed forms and the emails say about it, and when it is open. Operator data:
 * {@code infra/seed/desk/desk.json} ({@link DeskFile}). One desk for the pilot; a second one is a second file.
 *
 * @param hostVi the body the desk sits in: the forms name it in the header and in the body alike
 * @param placeVi the place of the forms' place-and-date line
 */
public record Desk(String id, String nameVi, String hostVi, String addressVi, String provinceVi, String placeVi,
                   String phone, OpeningHours openingHours, LocalTime sameDayCutOff) {

    /** The pilot's desk, as the shipped desk file describes it. */
    public static final Desk QUANG_NGAI_POST = DeskFile.bundled();

    public Desk {
        if (id == null || id.isBlank() || nameVi == null || hostVi == null || addressVi == null || provinceVi == null
                || placeVi == null || phone == null) {
            throw new IllegalArgumentException("a desk needs its id, name, host, address, province, place and phone");
        }
        Objects.requireNonNull(openingHours, "openingHours");
        Objects.requireNonNull(sameDayCutOff, "sameDayCutOff");
    }
}
