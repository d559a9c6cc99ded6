package io.liaison.core;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a request owes next and what Liaison does when that moment passes. The store keys the
 * request in its due index by {@link #nextDue}; the deadline monitor asks {@link #due} for the
 * action. Every action moves or clears the next due time, so acting twice is not possible.
 */
public final class Deadlines {
    private Deadlines() {}

    /** When something about this request falls due next, if anything ever does. */
    public static Optional<Instant> nextDue(Request request) {
        Assignment a = request.assignment();
        Instant preservationEnds = request.preservation() == null ? null : request.preservation().until();
        return switch (request.status()) {
            case ROUTED -> a.acknowledgementOverdue() ? Optional.empty() : Optional.of(a.acknowledgeBy());
            case ACCEPTED -> Stream.of(a.responseOverdue() ? null : a.respondBy(), preservationEnds)
                    .filter(java.util.Objects::nonNull).min(Instant::compareTo);
            // The response clock stands still; only a preservation period keeps running.
            case AWAITING_CLARIFICATION, ANSWERED -> Optional.ofNullable(preservationEnds);
            case FILED, UNROUTABLE, REJECTED, WITHDRAWN, EXPIRED -> Optional.empty();
        };
    }

    /** The action due at {@code now}, if any: escalate, mark overdue, or expire a preservation. */
    public static Optional<Lifecycle.Action> due(Request request, Directory directory, RoutingPolicy policy, Instant now) {
        return due(request, new Network.Snapshot(1, directory, 1, policy), now);
    }

    /**
     * The same, by the directory and rules in force at {@code now}: an escalation goes to whoever
     * covers for the contact point now, past a backup that is unavailable at the moment.
     */
    public static Optional<Lifecycle.Action> due(Request request, Network.Snapshot network, Instant now) {
        Directory directory = network.directory();
        RoutingPolicy policy = network.rules();
        Optional<Instant> next = nextDue(request);
        if (next.isEmpty() || now.isBefore(next.get())) return Optional.empty();
        Assignment a = request.assignment();
        if (request.status() == Status.ROUTED) {
            Optional<ContactPoint> named = a.escalatedFrom() != null ? Optional.empty()
                    : directory.backupOf(a.contactPointId()).filter(b -> b.validAt(now));
            Optional<Directory.Taker> chain = named.map(b -> directory.taker(b, now));
            // A chain that leads back to the contact point itself leaves nobody to escalate to.
            Optional<Directory.Taker> backup = chain.filter(t -> !t.contactPoint().id().equals(a.contactPointId()));
            if (backup.isPresent()) {
                var acknowledge = policy.deadline(a.deadlineRule())
                        .map(RoutingPolicy.DeadlineRule::acknowledge).orElse(java.time.Duration.between(a.routedAt(), a.acknowledgeBy()));
                ContactPoint to = backup.get().contactPoint();
                return Optional.of(new Lifecycle.Escalate(to, now.plus(acknowledge),
                        a.contactPointId() + " did not acknowledge by " + a.acknowledgeBy() + "; escalated to its backup "
                                + to.id() + (backup.get().skipped().isEmpty() ? "" : " (" + backup.get().text() + ")")));
            }
            return Optional.of(new Lifecycle.MarkAcknowledgementOverdue(a.contactPointId() + " did not acknowledge by "
                    + a.acknowledgeBy() + (a.escalatedFrom() != null ? " after escalation from " + a.escalatedFrom()
                    : chain.isEmpty() ? " and has no backup"
                    : "; its backup " + named.get().id() + " cannot take it ("
                            + chain.get().skipped().stream().map(Directory.Skipped::text).collect(java.util.stream.Collectors.joining("; "))
                            + "), and nobody else is on the chain")));
        }
        Preservation p = request.preservation();
        if (p != null && !now.isBefore(p.until())) {
            return Optional.of(new Lifecycle.ExpirePreservation("the preservation period ended on " + p.until()
                    + (p.extended() ? " after its extension" : " without an extension"),
                    policy.preservationFor(request.filing()).map(RoutingPolicy.PreservationRule::id).orElse(null)));
        }
        return Optional.of(new Lifecycle.MarkResponseOverdue(a.contactPointId() + " did not respond by " + a.respondBy()));
    }
}
