package io.liaison.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which contact point a request was routed to, by which rules, and what it owes by when.
 * {@code escalatedFrom} names the contact point that let the acknowledgement deadline pass;
 * the overdue flags say a deadline passed and was acted on; {@code pausedAt} is set while the
 * response clock stands still for a clarification.
 */
public record Assignment(
        String contactPointId,
        ContactPointKind kind,
        String routingRule,
        Instant routedAt,
        Instant acknowledgeBy,
        Instant respondBy,
        String deadlineRule,
        String escalatedFrom,
        boolean acknowledgementOverdue,
        boolean responseOverdue,
        Instant pausedAt) {
    public Assignment {
        Objects.requireNonNull(contactPointId, "contactPointId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(routingRule, "routingRule");
        Objects.requireNonNull(routedAt, "routedAt");
        Objects.requireNonNull(acknowledgeBy, "acknowledgeBy");
        Objects.requireNonNull(respondBy, "respondBy");
    }

    public Assignment(String contactPointId, ContactPointKind kind, String routingRule, Instant routedAt,
                      Instant acknowledgeBy, Instant respondBy) {
        this(contactPointId, kind, routingRule, routedAt, acknowledgeBy, respondBy, null, null, false, false, null);
    }

    /** The backup contact point takes over, with a fresh acknowledgement deadline; the response deadline stands. */
    Assignment escalateTo(ContactPoint backup, Instant now, Instant newAcknowledgeBy) {
        return new Assignment(backup.id(), backup.kind(), routingRule, now, newAcknowledgeBy, respondBy, deadlineRule,
                contactPointId, false, responseOverdue, pausedAt);
    }

    Assignment markAcknowledgementOverdue() {
        return new Assignment(contactPointId, kind, routingRule, routedAt, acknowledgeBy, respondBy, deadlineRule,
                escalatedFrom, true, responseOverdue, pausedAt);
    }

    Assignment markResponseOverdue() {
        return new Assignment(contactPointId, kind, routingRule, routedAt, acknowledgeBy, respondBy, deadlineRule,
                escalatedFrom, acknowledgementOverdue, true, pausedAt);
    }

    Assignment paused(Instant now) {
        return new Assignment(contactPointId, kind, routingRule, routedAt, acknowledgeBy, respondBy, deadlineRule,
                escalatedFrom, acknowledgementOverdue, responseOverdue, now);
    }

    /** The clock runs again: the response deadline moves by as long as it stood still. */
    Assignment resumed(Instant now) {
        Instant moved = pausedAt == null ? respondBy : respondBy.plus(Duration.between(pausedAt, now));
        return new Assignment(contactPointId, kind, routingRule, routedAt, acknowledgeBy, moved, deadlineRule,
                escalatedFrom, acknowledgementOverdue, responseOverdue && !moved.isAfter(now), null);
    }
}
