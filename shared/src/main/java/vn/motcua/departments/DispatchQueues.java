package vn.motcua.departments;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.contracts.DepartmentDispatch;
import vn.motcua.domain.catalog.Agency;
import vn.motcua.edge.Json;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each department's own dispatch queue, by agency id: the router sends a {@link DepartmentDispatch} to
 * the queue of the dossier's agency, and the dispatcher tells from the queue a message came through
 * which department it is for. The template builds the map, one entry per {@code DepartmentIds} item,
 * as the JSON object {@code {"agency-id": "queue URL", ...}} in {@code DISPATCH_QUEUE_URLS}.
 */
public final class DispatchQueues {

    /** The queues themselves: a failure throws. */
    public interface Sender {
        /** Puts one dispatch on the queue at {@code queueUrl}. */
        void send(String queueUrl, DepartmentDispatch dispatch);

        /** Hides a received message for {@code delay}, after which the queue hands it out again. */
        void retryLater(String queueUrl, String receiptHandle, Duration delay);

        static Sender sqs(SqsClient sqs) {
            return new Sender() {
                @Override
                public void send(String url, DepartmentDispatch dispatch) {
                    sqs.sendMessage(m -> m.queueUrl(url).messageBody(dispatch.toJson()));
                }

                @Override
                public void retryLater(String url, String receiptHandle, Duration delay) {
                    sqs.changeMessageVisibility(v -> v.queueUrl(url).receiptHandle(receiptHandle).visibilityTimeout((int) delay.toSeconds()));
                }
            };
        }
    }

    private final Map<String, String> urls;
    private final Sender sender;

    public DispatchQueues(Map<String, String> urlsByAgency, Sender sender) {
        urlsByAgency.forEach((agency, url) -> {
            if (!Agency.ID.matcher(agency).matches()) throw new IllegalArgumentException("not an agency id: " + agency);
            if (url == null || url.isBlank()) throw new IllegalArgumentException("no queue URL for " + agency);
        });
        this.urls = Map.copyOf(urlsByAgency);
        this.sender = sender;
    }

    /** Reads {@code {"agency-id": "queue URL", ...}}, the value of {@code DISPATCH_QUEUE_URLS}. */
    public static Map<String, String> parse(String json) {
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("DISPATCH_QUEUE_URLS is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalStateException("DISPATCH_QUEUE_URLS must be a JSON object {\"agency-id\": \"queue URL\"} with one entry per department");
        }
        var urls = new LinkedHashMap<String, String>();
        root.fields().forEachRemaining(e -> urls.put(e.getKey(), e.getValue().asText()));
        return urls;
    }

    public Map<String, String> urls() { return urls; }

    /**
     * Puts the dispatch on its agency's queue. An agency without a queue (the catalog has it,
     * {@code DepartmentIds} not yet) throws: the routing job is retried and ends in the routing DLQ, whose
     * alarm tells an operator to add the agency to the template's parameter.
     */
    public void send(DepartmentDispatch dispatch) {
        String url = urls.get(dispatch.agencyId());
        if (url == null) {
            throw new NoDispatchQueueException(dispatch.agencyId(), urls.keySet());
        }
        sender.send(url, dispatch);
    }

    /** Hides a message received through {@code agencyId}'s queue for {@code delay} (a callback to try again later). */
    public void retryLater(String agencyId, String receiptHandle, Duration delay) {
        sender.retryLater(urlOf(agencyId).orElseThrow(() -> new NoDispatchQueueException(agencyId, urls.keySet())), receiptHandle, delay);
    }

    /** The agency whose queue has this name (the last part of its URL or ARN). */
    public Optional<String> agencyOfQueue(String queueName) {
        return urls.entrySet().stream().filter(e -> e.getValue().endsWith("/" + queueName)).map(Map.Entry::getKey).findFirst();
    }

    /** The URL of an agency's queue. */
    public Optional<String> urlOf(String agencyId) { return Optional.ofNullable(urls.get(agencyId)); }

    public static final class NoDispatchQueueException extends RuntimeException {
        public NoDispatchQueueException(String agency, java.util.Set<String> known) {
            super("no dispatch queue for agency " + agency + " (queues exist for " + known
                    + "): add it to the template's DepartmentIds parameter");
        }
    }
}
