package io.liaison.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Routing and deadline rules as data. Rules are tried in order; the first whose {@link Match}
 * fits decides. A routing rule lists contact-point kinds in order of preference; a deadline rule
 * sets how long the contact point has to acknowledge and to respond.
 */
public record RoutingPolicy(String version, List<RoutingRule> rules, List<DeadlineRule> deadlines) {
    public RoutingPolicy {
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
        deadlines = List.copyOf(deadlines);
        if (deadlines.stream().noneMatch(d -> d.when().equals(Match.ANY))) {
            throw new IllegalArgumentException("the deadline rules need a last rule that matches every request");
        }
    }

    public record RoutingRule(String id, String description, Match when, List<ContactPointKind> to) {
        public RoutingRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            to = List.copyOf(to);
            if (to.isEmpty()) throw new IllegalArgumentException("rule " + id + " routes to no contact point kind");
        }
    }

    public record DeadlineRule(String id, String description, Match when, Duration acknowledge, Duration respond) {
        public DeadlineRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(acknowledge, "acknowledge");
            Objects.requireNonNull(respond, "respond");
        }
    }
}
