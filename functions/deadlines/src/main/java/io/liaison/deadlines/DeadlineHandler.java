package io.liaison.deadlines;

import io.liaison.ops.Invocation;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.liaison.config.BatchEvents;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.core.AuditEvent;
import io.liaison.core.DeadlineMonitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs every minute (EventBridge): escalates, marks overdue and expires what the due index says has
 * fallen due. "Now" is the scheduled event's time, so a run retried by Lambda acts as the original
 * would have, and a second run at the same moment finds nothing to do.
 */
public final class DeadlineHandler implements RequestHandler<Map<String, Object>, String>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final DeadlineMonitor monitor;
    private final Clock clock;

    public DeadlineHandler() {
        this(Environment.system());
    }

    public DeadlineHandler(Environment env) {
        this(Wiring.from(env).deadlines(), Clock.systemUTC());
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: a run "at" 2000-01-01, when nothing was due (nothing written). */
    public void prime() {
        handleRequest(Map.of("time", "2000-01-01T00:00:00Z"), Priming.CONTEXT);
    }

    DeadlineHandler(DeadlineMonitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Lambda's entry (template.yaml names the class): the event read and the result written by Liaison (docs/decisions/0027). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BatchEvents.result(output, handleRequest(BatchEvents.scheduled(input), context));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Invocation.run(context, () -> watch(event));
    }

    private String watch(Map<String, Object> event) {
        DeadlineMonitor.Run run = monitor.run(scheduledTime(event));
        run.failed().forEach(f -> Invocation.log("ERROR", "deadline of request " + f + " not acted on (tried again next run)"));
        Map<String, Integer> counts = new TreeMap<>();
        for (AuditEvent action : run.actions()) counts.merge(action.action(), 1, Integer::sum);
        return run.actions().size() + " actions at " + run.at() + (counts.isEmpty() ? "" : ": " + counts);
    }

    private Instant scheduledTime(Map<String, Object> event) {
        Object time = event == null ? null : event.get("time");
        if (time instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                Invocation.log("WARN", "scheduled event time does not parse; using the clock");
            }
        }
        return clock.instant();
    }
}
