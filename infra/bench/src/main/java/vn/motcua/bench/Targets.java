package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.edge.Json;
import vn.motcua.local.runner.FunctionSpec;
import vn.motcua.local.template.TemplateResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The functions to measure, discovered from template.yaml (handler, memory, environment, artifact) and
 * matched to a sample event of {@code events/} by their trigger: an HttpApi route by its route key,
 * an S3 notification by its key prefix, an SQS source by its queue's name, a schedule by its source.
 * A new function needs nothing here. A schedule with an {@code Input} delivers that input, not the
 * EventBridge event, so its sample is the input itself (as Lambda would receive it).
 */
record Targets(List<Target> all, List<String> skipped) {

    /**
     * @param signedArtifact the same function's zip built from the hand-signed commit (the baseline), or null
     */
    record Target(String logicalId, String handler, Path artifact, int memoryMb, int timeoutSeconds, Map<String, String> environment,
                  String eventFile, JsonNode sample, Path signedArtifact) {
        String name() {
            String n = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
            return n.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    }

    /** @param baselineProject the hand-signed commit's worktree (its zips at the same paths), or null */
    static Targets discover(List<FunctionSpec> specs, TemplateResources resources, Path project, Path eventsDir, Path baselineProject) {
        Map<String, JsonNode> samples = samples(eventsDir);
        var targets = new ArrayList<Target>();
        var skipped = new ArrayList<String>();
        for (FunctionSpec spec : specs) {
            Optional<Map.Entry<String, JsonNode>> sample = spec.events().stream()
                    .map(e -> match(e, resources, samples)).flatMap(Optional::stream).findFirst();
            if (sample.isEmpty()) {
                skipped.add(spec.logicalId() + ": no sample event in events/ matches its triggers");
                continue;
            }
            Path signed = baselineProject == null ? null : baselineProject.resolve(project.relativize(spec.artifact()));
            targets.add(new Target(spec.logicalId(), spec.handler(), spec.artifact(), spec.memoryMb(), spec.timeoutSeconds(), spec.environment(),
                    sample.get().getKey(), sample.get().getValue(), signed != null && Files.exists(signed) ? signed : null));
        }
        return new Targets(List.copyOf(targets), List.copyOf(skipped));
    }

    private static Optional<Map.Entry<String, JsonNode>> match(FunctionSpec.EventSpec event, TemplateResources resources,
                                                              Map<String, JsonNode> samples) {
        Map<String, Object> p = event.properties();
        if ((event.type().equals("Schedule") || event.type().equals("ScheduleV2")) && p.get("Input") != null) {
            String input = resources.resolveString(p.get("Input"), event.path() + ".Properties.Input");
            try {
                return Optional.of(Map.entry("Input of " + event.name(), Json.mapper().readTree(input)));
            } catch (IOException e) {
                throw new UncheckedIOException("the schedule's Input is not JSON: " + event.path(), e);
            }
        }
        for (var s : samples.entrySet()) {
            JsonNode e = s.getValue();
            JsonNode record = e.path("Records").path(0);
            boolean matches = switch (event.type()) {
                case "HttpApi" -> (String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT) + " " + p.get("Path"))
                        .equals(e.path("routeKey").asText());
                case "S3" -> "aws:s3".equals(record.path("eventSource").asText())
                        && URLDecoder.decode(record.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8)
                        .startsWith(prefixFilter(p));
                case "SQS" -> "aws:sqs".equals(record.path("eventSource").asText())
                        && record.path("eventSourceARN").asText().endsWith(":" + queueName(p.get("Queue"), resources, event.path()));
                case "Schedule", "ScheduleV2" -> "aws.events".equals(e.path("source").asText());
                default -> false;
            };
            if (matches) return Optional.of(s);
        }
        return Optional.empty();
    }

    private static String prefixFilter(Map<String, Object> properties) {
        Object filter = properties.get("Filter");
        if (filter instanceof Map<?, ?> f && f.get("S3Key") instanceof Map<?, ?> k && k.get("Rules") instanceof List<?> rules) {
            for (Object r : rules) {
                if (r instanceof Map<?, ?> rule && "prefix".equalsIgnoreCase(String.valueOf(rule.get("Name")))) {
                    return String.valueOf(rule.get("Value"));
                }
            }
        }
        return "";
    }

    private static String queueName(Object queue, TemplateResources resources, String path) {
        try {
            String arn = resources.resolveString(queue, path + ".Properties.Queue");
            return arn.substring(arn.lastIndexOf(':') + 1);
        } catch (RuntimeException e) {
            return "\u0000"; // unresolvable: matches nothing
        }
    }

    private static Map<String, JsonNode> samples(Path dir) {
        var samples = new TreeMap<String, JsonNode>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                samples.put(f.getFileName().toString(), Json.mapper().readTree(Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample events in " + dir, e);
        }
        return samples;
    }
}
