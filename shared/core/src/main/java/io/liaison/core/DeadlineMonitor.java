package io.liaison.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Acts on every deadline that has passed: escalation, overdue marks, expired preservations. Runs
 * every minute; what it did is written to each request's trail, and a second run at the same
 * moment finds nothing left to do, because every action moves the request's next due time.
 */
public final class DeadlineMonitor {
    /** Requests read per run; the rest wait a minute for the next run. */
    public static final int BATCH = 500;
    /** Actions on one request per run: a request can owe several things at once (overdue, then expired). */
    private static final int ACTIONS_PER_REQUEST = 3;

    private final RequestStore store;
    private final Network network;

    public DeadlineMonitor(RequestStore store, Directory directory, RoutingPolicy policy) {
        this(store, Network.fixed(directory, policy));
    }

    public DeadlineMonitor(RequestStore store, Network network) {
        this.store = store;
        this.network = network;
    }

    /** What one run did: one entry per action taken, and the requests it could not act on (tried again next run). */
    public record Run(Instant at, List<AuditEvent> actions, List<String> failed) {}

    public Run run(Instant now) {
        Network.Snapshot inForce = network.at(now);
        List<AuditEvent> actions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String requestId : store.due(now, BATCH)) {
            try {
                for (int i = 0; i < ACTIONS_PER_REQUEST; i++) {
                    Optional<AuditEvent> acted = actOn(requestId, inForce, now);
                    if (acted.isEmpty()) break;
                    actions.add(acted.get());
                }
            } catch (RuntimeException e) {
                // One request that cannot be read or written must not hold up every other deadline.
                failed.add(requestId + ": " + e.getClass().getSimpleName());
            }
        }
        return new Run(now, List.copyOf(actions), List.copyOf(failed));
    }

    /**
     * Takes the action due on one request. A write that loses to another change (an acknowledgement
     * at the same moment, a second monitor) is tried on a fresh read, which decides afresh.
     */
    private Optional<AuditEvent> actOn(String requestId, Network.Snapshot inForce, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Request> found = store.find(requestId);
            if (found.isEmpty()) return Optional.empty();
            Optional<Lifecycle.Action> action = Deadlines.due(found.get(), inForce, now);
            if (action.isEmpty()) return Optional.empty();
            if (Lifecycle.apply(found.get(), action.get(), Actor.SYSTEM, now) instanceof Lifecycle.Applied applied) {
                AuditEvent event = action.get() instanceof Lifecycle.Escalate
                        ? applied.event().decidedBy(inForce.rules().version(), inForce.directoryRevision())
                        : applied.event().decidedBy(inForce.rules().version());
                if (store.apply(applied.request(), event)) return Optional.of(event);
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
