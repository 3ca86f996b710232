package vn.motcua.desk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.edge.Json;

import java.util.Optional;

/** What the desk's printed forms (01 receipt, 02 guidance, 03 refusal) have in common as JSON. */
final class FormJson {

    private FormJson() {}

    /** {@code {"form": "01", "title": ..., "desk": ...}}: the number of the form in Circular 01/2018, its title, the desk. */
    static ObjectNode form(String number, String title, Desk desk) {
        return Json.object().put("form", number).put("title", title).put("desk", desk.nameVi());
    }

    /** The applicant as the form prints them: name, id number, address, phone, and the email when there is one. */
    static void applicant(ObjectNode form, String name, String idNumber, String address, String phone, Optional<String> email) {
        ObjectNode applicant = form.putObject("applicant");
        applicant.put("name", name).put("idNumber", idNumber).put("address", address).put("phone", phone);
        email.ifPresent(e -> applicant.put("email", e));
    }
}
