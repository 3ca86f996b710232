package vn.motcua.edge;

import java.time.Clock;
import java.util.Map;

/**
 * A count as a CloudWatch metric, through the embedded metric format (EMF): one JSON line on stdout that CloudWatch
 * Logs turns into a metric, with no call and no permission. Written by hand: EMF is one documented JSON shape
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * and AWS's Java library for it is not among the packages this build may use. Dimensions take values from a fixed set
 * only (codes, route names): never a value the caller chose, which would make one metric per attacker's string.
 */
public final class Metrics {

    public static final String NAMESPACE = "MotCua";

    private Metrics() {}

    /** One occurrence of {@code metric} with {@code dimensions}. */
    public static void count(String metric, Map<String, String> dimensions, Clock clock) {
        var line = Json.object();
        var aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        var directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        var names = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(names::add);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        dimensions.forEach(line::put);
        line.put(metric, 1);
        Log.raw(line);
    }
}
