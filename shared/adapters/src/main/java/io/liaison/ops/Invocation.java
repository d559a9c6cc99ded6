package io.liaison.ops;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.AuditEvent;
import io.liaison.core.Caller;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What one invocation of a function did, told to the operator in one JSON line when it ends: the
 * ids an operator searches by (Lambda's request id, the trace id, the Liaison request ids it
 * touched, the caller's role and organisation), the route and status, the audit actions it
 * recorded, and the counts of {@link Metric} as an embedded-metric-format document in the same line.
 * Never a subject, a name, a body or a payload: only identifiers Liaison issues and codes.
 *
 * <p>Held per thread, because the local server runs many functions in one JVM at once.
 */
public final class Invocation {
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    /** What a Liaison request id, an organisation or a role code may look like in a log line; anything else is left out. */
    private static final Pattern LOGGABLE = Pattern.compile("[A-Za-z0-9._:@/-]{1,80}");

    private final String function;
    private final String awsRequestId;
    private final String traceId;
    private final long startNanos = System.nanoTime();
    private String route;
    private Integer status;
    private String role;
    private String organisation;
    private final Map<String, List<String>> requests = new LinkedHashMap<>();
    private final Map<Metric, Integer> counts = new EnumMap<>(Metric.class);

    private Invocation(String function, String awsRequestId, String traceId) {
        this.function = function;
        this.awsRequestId = awsRequestId;
        this.traceId = traceId;
    }

    /**
     * Runs {@code body} as one invocation of the function {@code context} names and writes its line
     * when it returns or throws. Inside another invocation (a handler calling a handler), it simply runs.
     */
    public static <T> T run(Context context, Supplier<T> body) {
        if (CURRENT.get() != null) return body.get();
        Invocation invocation = new Invocation(
                context == null ? System.getenv("AWS_LAMBDA_FUNCTION_NAME") : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), traceRoot());
        CURRENT.set(invocation);
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            invocation.status = invocation.status == null ? 500 : invocation.status;
            failed("invocation failed", e);
            throw e;
        } finally {
            CURRENT.remove();
            invocation.end();
        }
    }

    public static void route(String routeKey) {
        with(i -> i.route = routeKey);
    }

    public static void status(int status) {
        with(i -> i.status = status);
    }

    /** The caller's role and organisation (its agency or contact point), never its subject. */
    public static void caller(Caller caller) {
        with(i -> {
            i.role = loggable(caller.role().code());
            i.organisation = loggable(caller.organisation());
        });
    }

    /** A Liaison request this invocation read or changed. */
    public static void touched(String requestId) {
        String id = loggable(requestId);
        if (id != null) with(i -> i.requests.computeIfAbsent(id, k -> new ArrayList<>()));
    }

    /** An audit event this invocation wrote (its transaction committed), and the count it adds to. */
    public static void recorded(AuditEvent event) {
        String id = loggable(event.requestId());
        with(i -> {
            if (id != null) i.requests.computeIfAbsent(id, k -> new ArrayList<>()).add(event.action());
            Metric.of(event).ifPresent(i::add);
        });
    }

    public static void count(Metric metric) {
        with(i -> i.add(metric));
    }

    /**
     * An ERROR line now, with the invocation's ids: the failure's type and where it happened, not its
     * message, which may quote what a caller sent.
     */
    public static void failed(String what, Throwable e) {
        Invocation current = CURRENT.get();
        ObjectNode line = OperationsLog.line("ERROR", what);
        if (current != null) current.identify(line);
        line.put("errorType", e.getClass().getName());
        var frames = line.putArray("stackTrace");
        StackTraceElement[] trace = e.getStackTrace();
        for (int n = 0; n < Math.min(trace.length, 12); n++) frames.add(trace[n].toString());
        OperationsLog.write(line);
    }

    /** A line now, with the invocation's ids; {@code message} is Liaison's own words and identifiers, never what a caller sent. */
    public static void log(String level, String message) {
        Invocation current = CURRENT.get();
        ObjectNode line = OperationsLog.line(level, message);
        if (current != null) current.identify(line);
        OperationsLog.write(line);
    }

    private void add(Metric metric) {
        counts.merge(metric, 1, Integer::sum);
    }

    private void end() {
        // A poll that found nothing (an empty batch, a quiet monitor run) is not worth a line.
        if (route == null && requests.isEmpty() && counts.isEmpty()) return;
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        String message = route == null ? function + " invocation" : route + (status == null ? "" : " " + status);
        if (requests.size() > 1) {
            // A batch (stream records, queued notices, a monitor run): one line per request, then the summary.
            requests.forEach((id, actions) -> {
                ObjectNode line = OperationsLog.line("INFO", "request handled");
                identify(line);
                line.put("liaisonRequestId", id);
                if (!actions.isEmpty()) line.putPOJO("events", actions);
                OperationsLog.write(line);
            });
        }
        ObjectNode line = OperationsLog.line(status != null && status >= 500 ? "ERROR" : "INFO", message);
        identify(line);
        if (requests.size() == 1) {
            var only = requests.entrySet().iterator().next();
            line.put("liaisonRequestId", only.getKey());
            if (!only.getValue().isEmpty()) line.putPOJO("events", only.getValue());
        } else if (requests.size() > 1) {
            line.put("requests", requests.size());
        }
        if (route != null) line.put("route", route);
        if (status != null) line.put("status", status);
        line.put("durationMs", durationMs);
        OperationsLog.metrics(line, counts);
        OperationsLog.write(line);
    }

    private void identify(ObjectNode line) {
        if (function != null) line.put("function", function);
        if (awsRequestId != null) line.put("awsRequestId", awsRequestId);
        if (traceId != null) line.put("traceId", traceId);
        if (role != null) line.put("role", role);
        if (organisation != null) line.put("organisation", organisation);
    }

    private static void with(java.util.function.Consumer<Invocation> change) {
        Invocation current = CURRENT.get();
        if (current != null) change.accept(current);
    }

    static String loggable(String value) {
        return value != null && LOGGABLE.matcher(value).matches() ? value : null;
    }

    /** The X-Ray trace's root id: Lambda sets the header per invocation in this property (Java) or variable. */
    private static String traceRoot() {
        String header = System.getProperty("com.amazonaws.xray.traceHeader", System.getenv("_X_AMZN_TRACE_ID"));
        if (header == null) return null;
        for (String part : header.split(";")) {
            if (part.startsWith("Root=")) return loggable(part.substring(5));
        }
        return null;
    }
}
