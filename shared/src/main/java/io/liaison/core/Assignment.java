package io.liaison.core;

import java.time.Instant;
import java.util.Objects;

/** Which contact point a request was routed to, by which rule, and what it owes by when. */
public record Assignment(
        String contactPointId,
        ContactPointKind kind,
        String routingRule,
        Instant routedAt,
        Instant acknowledgeBy,
        Instant respondBy) {
    public Assignment {
        Objects.requireNonNull(contactPointId, "contactPointId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(routingRule, "routingRule");
        Objects.requireNonNull(routedAt, "routedAt");
        Objects.requireNonNull(acknowledgeBy, "acknowledgeBy");
        Objects.requireNonNull(respondBy, "respondBy");
    }
}
