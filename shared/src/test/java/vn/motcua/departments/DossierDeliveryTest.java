package vn.motcua.departments;

import org.junit.jupiter.api.Test;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.domain.dossier.Dossier;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.EventKind;
import vn.motcua.domain.dossier.Lifecycle;
import vn.motcua.edge.Json;
import vn.motcua.wiring.Rehearsal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Callbacks to the departments on in-memory ports: signed, judged by the answer, refusals recorded on the dossier. */
class DossierDeliveryTest {

    private final Rehearsal world = Rehearsal.create();

    private static DepartmentDispatch dispatchOf(Dossier d) {
        return DepartmentDispatch.first("dispatch-route-" + d.code().value() + "-received", d.code(), d.agencyId(), Rehearsal.NOW);
    }

    /** The delivery, its endpoint answering {@code status} and keeping what it was sent. */
    private DossierDelivery answering(int status, List<Map<String, String>> sent) {
        var ports = world.ports();
        var reference = ports.reference();
        var links = ports.documentLinks();
        return new DossierDelivery(ports.dossiers(), () -> reference.get().catalog(), ports.departmentSecrets(),
                (document, expiresAt) -> DossierDelivery.link(document, links, expiresAt), (url, headers, body, timeout) -> {
                    var seen = new java.util.LinkedHashMap<>(headers);
                    seen.put("url", url.toString());
                    seen.put("body", new String(body, StandardCharsets.UTF_8));
                    sent.add(seen);
                    return new DossierDelivery.Answer(status, status >= 400 ? "{\"error\":\"no\"}" : "{}");
                }, Lifecycle.standard());
    }

    @Test
    void a_callback_is_signed_with_the_departments_secret_and_carries_fresh_links_to_the_documents() throws Exception {
        var d = world.transferred();
        world.registered(d, "Đơn đề nghị.pdf");
        var sent = new ArrayList<Map<String, String>>();

        var result = answering(200, sent).deliver(dispatchOf(d), Rehearsal.AGENCY, 1, Rehearsal.NOW);

        assertThat(result).isEqualTo(new DossierDelivery.Result.Delivered(200));
        var call = sent.get(0);
        assertThat(URI.create(call.get("url")).getHost()).endsWith(".invalid");
        assertThat(call.get(DossierDelivery.IDEMPOTENCY_HEADER)).isEqualTo(dispatchOf(d).dispatchId());
        var verdict = RequestSignature.verify(Rehearsal.DEPARTMENT_SECRET.getBytes(StandardCharsets.UTF_8), call.get(RequestSignature.TIMESTAMP_HEADER),
                call.get(RequestSignature.SIGNATURE_HEADER), call.get("body").getBytes(StandardCharsets.UTF_8), Rehearsal.NOW);
        assertThat(verdict.valid()).isTrue();
        var documents = Json.tree(call.get("body")).path("dossier").path("documents");
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).path("url").asText()).contains("X-Amz-Signature=");
    }

    @Test
    void a_busy_department_is_tried_again_later_and_a_refusing_one_is_recorded_on_the_dossier() {
        var d = world.transferred();

        var busy = answering(503, new ArrayList<>()).deliver(dispatchOf(d), Rehearsal.AGENCY, 3, Rehearsal.NOW);
        var refused = answering(422, new ArrayList<>()).deliver(dispatchOf(d), Rehearsal.AGENCY, 1, Rehearsal.NOW);

        assertThat(busy).isEqualTo(new DossierDelivery.Result.RetryLater(Duration.ofMinutes(8), "HTTP 503"));
        assertThat(refused).isEqualTo(new DossierDelivery.Result.Refused(422, true));
        assertThat(world.ports().dossiers().find(d.code()).orElseThrow().history()).last()
                .satisfies(h -> assertThat(h.kind()).isEqualTo(EventKind.DELIVERY_FAILED));
    }

    @Test
    void a_closed_dossier_is_skipped_and_a_dispatch_through_another_departments_queue_is_never_sent() {
        var d = world.transferred();
        var sent = new ArrayList<Map<String, String>>();
        world.then(d, new DossierEvent.WithdrawalRequested("w", Rehearsal.CLERK, Rehearsal.NOW, "Không còn nhu cầu"));

        assertThatThrownBy(() -> answering(200, sent).deliver(dispatchOf(d), "so-giao-duc-dao-tao", 1, Rehearsal.NOW))
                .isInstanceOf(IllegalArgumentException.class);
        var result = answering(200, sent).deliver(dispatchOf(d), Rehearsal.AGENCY, 1, Rehearsal.NOW);

        assertThat(result).isInstanceOf(DossierDelivery.Result.Skipped.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void a_withdrawal_goes_to_the_department_signed_without_documents_while_the_dossier_awaits_it() throws Exception {
        var d = world.transferred();
        world.registered(d, "Đơn đề nghị.pdf");
        var withdrawn = world.then(world.ports().dossiers().find(d.code()).orElseThrow(),
                new DossierEvent.WithdrawalRequested("w", Rehearsal.CLERK, Rehearsal.NOW, "Không còn nhu cầu"));
        var dispatch = DepartmentDispatch.withdrawn("dispatch-route-" + d.code().value() + "-withdrawn", d.code(), d.agencyId(), Rehearsal.NOW);
        var sent = new ArrayList<Map<String, String>>();

        var result = answering(200, sent).deliver(dispatch, Rehearsal.AGENCY, 1, Rehearsal.NOW);

        assertThat(result).isEqualTo(new DossierDelivery.Result.Delivered(200));
        var body = sent.get(0).get("body");
        var callback = Json.tree(body); // the sample events/messages/department-callback-withdrawn.json is checked against the schema
        assertThat(callback.path("reason").asText()).isEqualTo("withdrawn");
        assertThat(callback.path("withdrawal").path("reason").asText()).isEqualTo("Không còn nhu cầu");
        assertThat(callback.path("withdrawal").path("requestedAt").asText()).isEqualTo(Rehearsal.NOW.toString());
        assertThat(callback.path("dossier").path("documents")).isEmpty();
        assertThat(body).doesNotContain("X-Amz-Signature");
        assertThat(RequestSignature.verify(Rehearsal.DEPARTMENT_SECRET.getBytes(StandardCharsets.UTF_8), sent.get(0).get(RequestSignature.TIMESTAMP_HEADER),
                sent.get(0).get(RequestSignature.SIGNATURE_HEADER), body.getBytes(StandardCharsets.UTF_8), Rehearsal.NOW).valid()).isTrue();

        // stopped since: nothing more to say
        world.then(withdrawn, new DossierEvent.Stopped("s", vn.motcua.domain.dossier.Actor.department(d.agencyId()), Rehearsal.NOW, java.util.Optional.empty()));
        assertThat(answering(200, sent).deliver(dispatch, Rehearsal.AGENCY, 1, Rehearsal.NOW)).isInstanceOf(DossierDelivery.Result.Skipped.class);
        assertThat(sent).hasSize(1);
    }
}
