package vn.motcua.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's own account of one invocation, the {@code REPORT} line it writes to the function's log group:
 * <pre>
 * REPORT RequestId: ID	Duration: 45.00 ms	Billed Duration: 563 ms	Memory Size: 1024 MB	Max Memory Used: 210 MB	Restore Duration: 518.37 ms	Billed Restore Duration: 519 ms
 * </pre>
 * A new execution environment adds {@code Init Duration} (on-demand), or {@code Restore Duration} and
 * {@code Billed Restore Duration} (SnapStart: the init ran when the version was published). Lambda's
 * cold start is then Init (or Restore) Duration + Duration.
 */
public record ReportLine(String requestId, double durationMs, long billedDurationMs, int memoryMb, int maxMemoryUsedMb,
                         OptionalDouble initMs, OptionalDouble restoreMs, OptionalDouble billedRestoreMs) {

    private static final Pattern REQUEST = Pattern.compile("^REPORT RequestId: (\\S+)");
    /** {@code Label Words: 12.34 ms} (or MB): the fields, however they are separated (tabs in CloudWatch, spaces elsewhere). */
    private static final Pattern FIELD = Pattern.compile("((?:[A-Z][a-z]+ )*[A-Z][a-z]+): ([0-9]+(?:\\.[0-9]+)?) (?:ms|MB)");

    public static Optional<ReportLine> parse(String message) {
        Matcher request = REQUEST.matcher(message.strip());
        if (!request.find()) return Optional.empty();
        var fields = new HashMap<String, Double>();
        Matcher m = FIELD.matcher(message);
        while (m.find()) fields.putIfAbsent(m.group(1), Double.parseDouble(m.group(2)));
        for (String required : List.of("Duration", "Billed Duration", "Memory Size", "Max Memory Used")) {
            if (!fields.containsKey(required)) return Optional.empty();
        }
        return Optional.of(new ReportLine(request.group(1), fields.get("Duration"), fields.get("Billed Duration").longValue(),
                fields.get("Memory Size").intValue(), fields.get("Max Memory Used").intValue(), optional(fields, "Init Duration"),
                optional(fields, "Restore Duration"), optional(fields, "Billed Restore Duration")));
    }

    private static OptionalDouble optional(Map<String, Double> fields, String name) {
        return fields.containsKey(name) ? OptionalDouble.of(fields.get(name)) : OptionalDouble.empty();
    }

    /** A new execution environment: on-demand init or a SnapStart restore. */
    public boolean cold() { return initMs.isPresent() || restoreMs.isPresent(); }

    /** What Lambda counts as the cold start: Init (or Restore) Duration + Duration; the Duration alone when warm. */
    public double coldStartMs() {
        return initMs.orElse(0) + restoreMs.orElse(0) + durationMs;
    }
}
