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
                            List<DeadlineRule> deadlines, List<PreservationRule> preservation) {
    public RoutingPolicy {
        Objects.requireNonNull(version, "version");
        inForceFrom = Map.copyOf(inForceFrom);
        rules = List.copyOf(rules);
        deadlines = List.copyOf(deadlines);
        preservation = List.copyOf(preservation);
        if (deadlines.stream().noneMatch(d -> d.when().equals(Match.ANY))) {
            throw new IllegalArgumentException("the deadline rules need a last rule that matches every request");
        }
    }

    /** All instruments in force from the start of time: for policies that do not date them. */
    public RoutingPolicy(String version, List<RoutingRule> rules, List<DeadlineRule> deadlines) {
        this(version, Arrays.stream(Instrument.values()).collect(Collectors.toMap(i -> i, i -> LocalDate.MIN)),
                rules, deadlines, List.of());
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

    public record DeadlineRule(String id, String description, Match when, Duration acknowledge, Duration respond) {
        public DeadlineRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(acknowledge, "acknowledge");
            Objects.requireNonNull(respond, "respond");
        }
    }

    /**
     * How long data stay preserved from the contact point's acceptance, and by how much the
     * requester may extend that once (null: no extension).
     */
    public record PreservationRule(String id, String description, Match when, Duration preserveFor, Duration extendBy) {
        public PreservationRule {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(preserveFor, "preserveFor");
        }
    }

    /** The first preservation rule that matches the filing, if the filing asks for preservation at all. */
    public java.util.Optional<PreservationRule> preservationFor(Filing filing) {
        return preservation.stream().filter(p -> p.when().test(filing)).findFirst();
    }

    public java.util.Optional<DeadlineRule> deadline(String id) {
        return deadlines.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
