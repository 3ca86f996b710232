package vn.motcua.departments;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentUpdate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The departments' integration document (contracts/DEPARTMENTS.md) shows a worked signing example
 * with openssl: the signature it prints must be the one {@link RequestSignature} computes for the
 * secret, timestamp and body it shows, and that body must be a valid DepartmentUpdate.
 */
class IntegrationDocumentTest {

    @Test
    void the_worked_example_prints_the_signature_the_code_computes() throws Exception {
        String doc = document();
        String secret = group(doc, "SECRET='([^']+)'");
        long timestamp = Long.parseLong(group(doc, "\nTS=(\\d+)"));
        String body = group(doc, "printf '%s' '([^']+)' > body.json");
        String printed = group(doc, "# (v1=[0-9a-f]{64})");

        assertThat(RequestSignature.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body)).isEqualTo(printed);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Integer.parseInt(group(doc, "`body.json` is (\\d+) bytes")));
        assertThat(DepartmentUpdate.parse(body).messageId()).isEqualTo("skhcn-2020-000412");
    }

    @Test
    void every_refusal_code_the_endpoint_answers_is_in_the_document() throws Exception {
        String doc = document();
        for (String code : new String[] {"MALFORMED_JSON", "EMPTY_BODY", "UNKNOWN_AGENCY", "MISSING_SIGNATURE", "MALFORMED_SIGNATURE",
                "BAD_SIGNATURE", "STALE_TIMESTAMP", "WRONG_AGENCY", "UNKNOWN_DOSSIER", "DUPLICATE_MESSAGE", "MESSAGE_ID_REUSED",
                "SCHEMA_VIOLATION"}) {
            assertThat(doc).as(code).contains("`" + code + "`");
        }
    }

    private static String document() throws IOException {
        try (var in = IntegrationDocumentTest.class.getResourceAsStream("/contracts/DEPARTMENTS.md")) {
            assertThat(in).as("contracts/DEPARTMENTS.md on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String group(String text, String regex) {
        var m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("the document has %s", regex).isTrue();
        return m.group(1);
    }
}
