package vn.motcua.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.HttpRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The files in events/: every message sample and every queue or HTTP event that carries one. */
class SamplesTest {

    private static final Map<String, Contract> QUEUE_EVENTS = Map.of(
            "routing-queue.json", Contract.ROUTING_JOB,
            "department-dispatch-queue.json", Contract.DEPARTMENT_DISPATCH,
            "department-updates-queue.json", Contract.DEPARTMENT_UPDATE,
            "notification-queue.json", Contract.NOTIFICATION_JOB);

    @Test
    void every_message_sample_validates_and_round_trips() throws BadInput {
        List<Path> samples = Samples.files(Samples.events().resolve("messages"), ".json");
        assertThat(samples).hasSizeGreaterThanOrEqualTo(Contract.values().length);
        var covered = new ArrayList<Contract>();
        for (Path sample : samples) {
            Contract contract = Samples.contractOf(sample);
            Object message = Samples.parse(contract, Samples.read(sample));
            String written = Samples.toJson(message);
            assertThat(Samples.parse(contract, written)).as(sample.getFileName().toString()).isEqualTo(message);
            covered.add(contract);
        }
        assertThat(covered).containsAll(List.of(Contract.values()));
    }

    @Test
    void every_department_update_kind_has_a_sample() throws BadInput {
        var keys = new ArrayList<String>();
        for (Path sample : Samples.files(Samples.events().resolve("messages"), ".json")) {
            if (Samples.contractOf(sample) == Contract.DEPARTMENT_UPDATE) {
                keys.add(DepartmentUpdate.parse(Samples.read(sample)).answer().key());
            }
        }
        assertThat(keys).contains("accepted", "supplementRequired", "feeRequired", "resultReady", "delayed");
    }

    @Test
    void every_queue_event_carries_valid_messages_that_are_also_samples() throws BadInput {
        var samples = new ArrayList<Object>();
        for (Path sample : Samples.files(Samples.events().resolve("messages"), ".json")) {
            samples.add(Samples.parse(Samples.contractOf(sample), Samples.read(sample)));
        }
        for (var entry : QUEUE_EVENTS.entrySet()) {
            JsonNode event = Samples.json(Samples.events().resolve(entry.getKey()));
            assertThat(event.path("Records").size()).as(entry.getKey()).isPositive();
            for (JsonNode record : event.path("Records")) {
                assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
                Object message = Samples.parse(entry.getValue(), record.path("body").asText());
                assertThat(samples).as(entry.getKey() + " " + record.path("messageId").asText()).contains(message);
            }
        }
    }

    @Test
    void the_updates_queue_says_which_agency_sent_each_update_outside_the_body() {
        for (JsonNode record : Samples.json(Samples.events().resolve("department-updates-queue.json")).path("Records")) {
            assertThat(record.at("/messageAttributes/" + DepartmentUpdate.AGENCY_ATTRIBUTE + "/stringValue").asText())
                    .isEqualTo("so-khoa-hoc-cong-nghe");
        }
    }

    @Test
    void the_department_http_call_carries_a_valid_update_and_the_signature_headers_but_no_claims() throws BadInput {
        var request = HttpRequest.from(Samples.json(Samples.events().resolve("department-update-post.json")));

        assertThat(request.routeKey()).isEqualTo("POST /departments/{agencyId}/updates");
        assertThat(request.pathParameter("agencyId")).isEqualTo("so-khoa-hoc-cong-nghe");
        assertThat(request.header("x-motcua-timestamp")).hasValueSatisfying(t -> assertThat(t).matches("\\d{10}"));
        assertThat(request.header("x-motcua-signature")).isPresent();
        assertThat(request.claims()).isEmpty();
        var update = DepartmentUpdate.parse(request.body());
        assertThat(update.answer()).isInstanceOf(DepartmentUpdate.Answer.SupplementRequired.class);
    }
}
