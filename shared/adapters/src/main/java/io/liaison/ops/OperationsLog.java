package io.liaison.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.json.Json;

import java.time.Instant;
import java.util.Map;

/**
 * Writes Liaison's log lines: one JSON object per line on standard output, which Lambda's JSON
 * log format passes to CloudWatch Logs as it is and the local server prints. A line that counts
 * something carries CloudWatch's embedded metric format ({@code _aws}), so metrics cost no API call
 * and are searchable beside the ids of the invocation that produced them. Written with the JSON
 * library every function loads already (ADR 0022: a logging library's cold start measured 150-300 ms).
 */
public final class OperationsLog {
    /** The stack a line comes from, the metrics' dimension; {@code local} on the local server. */
    public static final String STACK = "LIAISON_STACK";

    private OperationsLog() {}

    static ObjectNode line(String level, String message) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        return line;
    }

    /** Adds the counts as metrics of the line (embedded metric format), when there are any. */
    static void metrics(ObjectNode line, Map<Metric, Integer> counts) {
        if (counts.isEmpty()) return;
        String stack = System.getenv().getOrDefault(STACK, "local");
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", Metric.NAMESPACE);
        directive.putArray("Dimensions").addArray().add(Metric.DIMENSION);
        var metrics = directive.putArray("Metrics");
        counts.forEach((metric, count) -> {
            metrics.addObject().put("Name", metric.metricName()).put("Unit", "Count");
            line.put(metric.metricName(), count);
        });
        line.put(Metric.DIMENSION, stack);
    }

    static void write(ObjectNode line) {
        String text = line.toString();
        // One println per line: lines of concurrent invocations (the local server) never interleave.
        System.out.println(text);
    }
}
