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
 * A new function needs nothing here; a "typical developer" twin is found by name when the bench has one.
 */
record Targets(List<Target> all, List<String> skipped) {

    /**
     * @param typicalHandler the typical-developer twin's {@code Class::handleRequest}, or null if the bench has none
     */
    record Target(String logicalId, String handler, Path artifact, int memoryMb, Map<String, String> environment,
                  String eventFile, JsonNode sample, String typicalHandler) {
        String name() {
            String n = logicalId.endsWith("Function") ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
            return n.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }
    }

    static Targets discover(List<FunctionSpec> specs, TemplateResources resources, Path eventsDir) {
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
            targets.add(new Target(spec.logicalId(), spec.handler(), spec.artifact(), spec.memoryMb(), spec.environment(),
                    sample.get().getKey(), sample.get().getValue(), typicalTwin(spec.handler())));
        }
        return new Targets(List.copyOf(targets), List.copyOf(skipped));
    }

    private static Optional<Map.Entry<String, JsonNode>> match(FunctionSpec.EventSpec event, TemplateResources resources,
                                                              Map<String, JsonNode> samples) {
        Map<String, Object> p = event.properties();
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

    /** {@code pkg.FooHandler::handleRequest} → {@code pkg.TypicalFooHandler::handleRequest}, when the bench holds that class. */
    static String typicalTwin(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        int dot = className.lastIndexOf('.');
        String twin = className.substring(0, dot + 1) + "Typical" + className.substring(dot + 1);
        try {
            Class.forName(twin, false, Targets.class.getClassLoader());
            return twin + "::handleRequest";
        } catch (ClassNotFoundException e) {
            return null;
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
