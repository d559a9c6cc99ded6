package io.liaison.core;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Objects;

/**
 * Routing and deadline rules as data. Rules are tried in order; the first whose {@link Match}
 * fits decides. A routing rule lists contact-point kinds in order of preference; a deadline rule
 * sets how long the contact point has to acknowledge and to respond.
 */
public record RoutingPolicy(String version, Map<Instrument, LocalDate> inForceFrom, List<RoutingRule> rules,
                            List<DeadlineRule> deadlines) {
    public RoutingPolicy {
        Objects.requireNonNull(version, "version");
        inForceFrom = Map.copyOf(inForceFrom);
        rules = List.copyOf(rules);
        deadlines = List.copyOf(deadlines);
        if (deadlines.stream().noneMatch(d -> d.when().equals(Match.ANY))) {
            throw new IllegalArgumentException("the deadline rules need a last rule that matches every request");
        }
    }

    /** All instruments in force from the start of time: for policies that do not date them. */
    public RoutingPolicy(String version, List<RoutingRule> rules, List<DeadlineRule> deadlines) {
        this(version, Arrays.stream(Instrument.values()).collect(Collectors.toMap(i -> i, i -> LocalDate.MIN)),
                rules, deadlines);
    }

    /**
     * Whether a request may rest on the instrument on {@code date}. An instrument the policy does
     * not date (CETS 224 until it enters into force) is not in force.
     */
    public boolean inForce(Instrument instrument, LocalDate date) {
        LocalDate from = inForceFrom.get(instrument);
        return from != null && !date.isBefore(from);
    }

    public record RoutingRule(String id, String description, Match when, List<ContactPointKind> to) {
        public RoutingRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            to = List.copyOf(to);
            if (to.isEmpty()) throw new IllegalArgumentException("rule " + id + " routes to no contact point kind");
        }
    }

    /**
     * How long a contact point has to acknowledge and to respond; for preservation, how long the
     * data stay preserved from acceptance ({@code preserveFor}) and by how much the requester may
     * extend that once ({@code extendBy}). Both are null for rules that do not preserve.
     */
    public record DeadlineRule(String id, String description, Match when, Duration acknowledge, Duration respond,
                               Duration preserveFor, Duration extendBy) {
        public DeadlineRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(acknowledge, "acknowledge");
            Objects.requireNonNull(respond, "respond");
            if (extendBy != null && preserveFor == null) {
                throw new IllegalArgumentException("rule " + id + " extends a preservation it does not set");
            }
        }

        public DeadlineRule(String id, String description, Match when, Duration acknowledge, Duration respond) {
            this(id, description, when, acknowledge, respond, null, null);
        }
    }

    public java.util.Optional<DeadlineRule> deadline(String id) {
        return deadlines.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
