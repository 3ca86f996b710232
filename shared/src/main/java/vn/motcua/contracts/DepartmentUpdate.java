package vn.motcua.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.domain.dossier.Actor;
import vn.motcua.domain.dossier.DossierCode;
import vn.motcua.domain.dossier.DossierEvent;
import vn.motcua.domain.dossier.Outcome;
import vn.motcua.edge.BadInput;
import vn.motcua.edge.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Department -> {@code POST /departments/{agencyId}/updates} -> updates queue -> updates function:
 * the department's answer about one of its dossiers. The department is not in the body: it is
 * whoever signed the request, and reaches {@link #toEvent} as the {@link Actor}.
 * Idempotency: {@link #messageId}, unique among the department's messages.
 */
public record DepartmentUpdate(String messageId, DossierCode dossierCode, Instant sentAt, Answer answer) {

    /**
     * The SQS message attribute that carries the sending agency on the updates queue: set by the
     * endpoint from the verified signature key (and path), read by the updates function. Only the
     * endpoint may send to that queue, so the attribute is as trustworthy as the signature was.
     */
    public static final String AGENCY_ATTRIBUTE = "agencyId";

    /** What the department says: exactly one of these, each under its own key in the JSON. */
    public sealed interface Answer {
        /** The JSON key that carries it. */
        String key();

        /** The matching dossier event. */
        DossierEvent event(String eventId, Actor actor, Instant at);

        /** Writes the fields under {@link #key()}. */
        void write(ObjectNode body);

        /** The department received the dossier and started work on it. */
        record Accepted() implements Answer {
            @Override public String key() { return "accepted"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) { return new DossierEvent.Accepted(id, actor, at); }
            @Override public void write(ObjectNode body) { }
        }

        /** The department stopped work on a dossier the applicant withdrew: the dossier stops (portal status 8). */
        record WithdrawalAcknowledged(Optional<String> note) implements Answer {
            public WithdrawalAcknowledged { note = note == null ? Optional.empty() : note.filter(n -> !n.isBlank()); }
            @Override public String key() { return "withdrawalAcknowledged"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) {
                return new DossierEvent.Stopped(id, actor, at, Optional.of("Cơ quan giải quyết xác nhận dừng xử lý theo đề nghị rút hồ sơ"
                        + note.map(n -> ": " + n).orElse(".")));
            }
            @Override public void write(ObjectNode body) { note.ifPresent(n -> body.put("note", n)); }
        }

        /** Form 02: what to supplement and why; the clock pauses. */
        record SupplementRequired(List<String> items, String reason) implements Answer {
            public SupplementRequired {
                items = Wire.texts(items, "items");
                Wire.text(reason, "reason");
            }
            @Override public String key() { return "supplementRequired"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) {
                return new DossierEvent.SupplementRequested(id, actor, at, items, reason);
            }
            @Override public void write(ObjectNode body) {
                Wire.strings(body, "items", items);
                body.put("reason", reason);
            }
        }

        record FeeRequired(long amountVnd, Optional<String> note) implements Answer {
            public FeeRequired {
                if (amountVnd < 1) throw new IllegalArgumentException("a fee is at least 1 đồng: " + amountVnd);
                note = note == null ? Optional.empty() : note;
            }
            @Override public String key() { return "feeRequired"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) {
                return new DossierEvent.FeeRequested(id, actor, at, amountVnd, note);
            }
            @Override public void write(ObjectNode body) {
                body.put("amountVnd", amountVnd);
                note.ifPresent(n -> body.put("note", n));
            }
        }

        /** The decision: approved, or refused with reasons (the domain's {@link Outcome}). */
        record ResultReady(Outcome outcome) implements Answer {
            public ResultReady {
                Wire.required(outcome, "outcome");
                if (outcome instanceof Outcome.Refused r) Wire.texts(r.reasons(), "refusal reasons");
            }
            @Override public String key() { return "resultReady"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) { return new DossierEvent.ResultReady(id, actor, at, outcome); }
            @Override public void write(ObjectNode body) {
                if (outcome instanceof Outcome.Refused refused) {
                    body.put("outcome", "refused");
                    Wire.strings(body, "reasons", refused.reasons());
                } else {
                    body.put("outcome", "approved");
                }
                Wire.strings(body, "documents", outcome.documentRefs());
            }
        }

        /** Form 04: the result will be late; why, and the one new appointment date. */
        record Delayed(String reason, LocalDate newAppointment) implements Answer {
            public Delayed {
                Wire.text(reason, "reason");
                Wire.required(newAppointment, "newAppointment");
            }
            @Override public String key() { return "delayed"; }
            @Override public DossierEvent event(String id, Actor actor, Instant at) {
                return new DossierEvent.Delayed(id, actor, at, reason, newAppointment);
            }
            @Override public void write(ObjectNode body) { body.put("reason", reason).put("newAppointment", newAppointment.toString()); }
        }
    }

    public DepartmentUpdate {
        if (messageId == null || messageId.length() > 100) throw new IllegalArgumentException("messageId is 1-100 characters: " + messageId);
        Wire.id(messageId, "messageId");
        Wire.required(dossierCode, "dossierCode");
        Wire.required(sentAt, "sentAt");
        Wire.required(answer, "answer");
    }

    /**
     * The id the dossier records for this message. It is scoped by the department, so a
     * department's choice of messageId can never collide with the desk's own event ids (nor with
     * another department's): the same message from the same department is the same event.
     */
    public static String eventId(String agencyId, String messageId) { return "department:" + agencyId + ":" + messageId; }

    /**
     * The dossier event this update asks for. {@code actor} is the department that signed it;
     * {@code receivedAt} is when the desk received it (the request or the queue's sent time),
     * not {@link #sentAt}: the department's clock must not decide, say, whether a delay was
     * announced before the due date.
     */
    public DossierEvent toEvent(Actor actor, Instant receivedAt) {
        return answer.event(eventId(actor.id(), messageId), actor, receivedAt);
    }

    /** The message as it is written (department-update.schema.json): exactly one answer is present. */
    record OnWire(String messageId, String dossierCode, String sentAt, Map<String, Object> accepted,
                  SupplementOnWire supplementRequired, FeeOnWire feeRequired, ResultOnWire resultReady, DelayOnWire delayed,
                  WithdrawalOnWire withdrawalAcknowledged) {}
    record WithdrawalOnWire(String note) {}
    record SupplementOnWire(List<String> items, String reason) {}
    record FeeOnWire(Long amountVnd, String note) {}
    record ResultOnWire(String outcome, List<String> reasons, List<String> documents) {}
    record DelayOnWire(String reason, String newAppointment) {}

    public static DepartmentUpdate parse(String json) throws BadInput {
        var w = Contract.DEPARTMENT_UPDATE.read(json, OnWire.class);
        Answer answer;
        if (w.accepted() != null) {
            answer = new Answer.Accepted();
        } else if (w.supplementRequired() != null) {
            answer = new Answer.SupplementRequired(Wire.list(w.supplementRequired().items()), w.supplementRequired().reason());
        } else if (w.feeRequired() != null) {
            answer = new Answer.FeeRequired(w.feeRequired().amountVnd(), Optional.ofNullable(w.feeRequired().note()));
        } else if (w.resultReady() != null) {
            var r = w.resultReady();
            List<String> documents = Wire.list(r.documents());
            answer = new Answer.ResultReady(r.outcome().equals("refused")
                    ? new Outcome.Refused(Wire.list(r.reasons()), documents) : new Outcome.Approved(documents));
        } else if (w.withdrawalAcknowledged() != null) {
            answer = new Answer.WithdrawalAcknowledged(Optional.ofNullable(w.withdrawalAcknowledged().note()));
        } else {
            answer = new Answer.Delayed(w.delayed().reason(), Wire.date(w.delayed().newAppointment(), "delayed.newAppointment"));
        }
        return new DepartmentUpdate(w.messageId(), new DossierCode(w.dossierCode()), Wire.instant(w.sentAt(), "sentAt"), answer);
    }

    public String toJson() {
        ObjectNode n = Json.object()
                .put("messageId", messageId)
                .put("dossierCode", dossierCode.value())
                .put("sentAt", sentAt.toString());
        answer.write(n.putObject(answer.key()));
        return Json.write(n);
    }
}
