package io.liaison.core;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Routing and deadline rules as data. Rules are tried in order; the first whose {@link Match}
 * fits decides. A routing rule lists contact-point kinds in order of preference; a deadline rule
 * sets how long the contact point has to acknowledge and to respond. The instruments say who each
 * one binds and from when: a request rests only on one that binds both its sides ({@link #binding}).
 */
public record RoutingPolicy(String version, Map<Instrument, InstrumentTerms> instruments, List<RoutingRule> rules,
                            List<DeadlineRule> deadlines, List<PreservationRule> preservation) {
    public RoutingPolicy {
        Objects.requireNonNull(version, "version");
        instruments = Map.copyOf(instruments);
        instruments.forEach((code, terms) -> {
            if (terms.instrument() != code) throw new IllegalArgumentException("the terms of " + terms.instrument() + " filed under " + code);
        });
        rules = List.copyOf(rules);
        deadlines = List.copyOf(deadlines);
        preservation = List.copyOf(preservation);
        if (deadlines.stream().noneMatch(d -> d.when().equals(Match.ANY))) {
            throw new IllegalArgumentException("the deadline rules need a last rule that matches every request");
        }
    }

    /** Every instrument in force from the start of time and open to every jurisdiction: for policies made by hand in tests. */
    public RoutingPolicy(String version, List<RoutingRule> rules, List<DeadlineRule> deadlines) {
        this(version, Arrays.stream(Instrument.values()).collect(Collectors.toMap(Function.identity(),
                        i -> new InstrumentTerms(i, i.code(), LocalDate.MIN, null, new Parties.Any("a policy that lists no parties")))),
                rules, deadlines, List.of());
    }

    /**
     * Whether {@code instrument} binds both the requesting and the target jurisdiction on
     * {@code date}, and the facts either way. Pure: the same answer for filing, routing and any
     * preview. An instrument the policy does not name binds nobody.
     */
    public Binding binding(Instrument instrument, String requesting, String target, LocalDate date) {
        InstrumentTerms terms = instruments.get(instrument);
        if (terms == null) {
            return new Binding.DoesNotBind(instrument, requesting, target, date, version,
                    List.of(new Binding.NotInForce(instrument, null, "not in the policy", version)));
        }
        return terms.binding(requesting, target, date, version);
    }

    /** {@link #binding} for every instrument, in the order of {@link Instrument}: what a form or a preview offers. */
    public List<Binding> bindings(String requesting, String target, LocalDate date) {
        return Arrays.stream(Instrument.values()).map(i -> binding(i, requesting, target, date)).toList();
    }

    /**
     * An instrument as the policy knows it: a readable name, from when it is in force at all (null:
     * not in force), the source of that date, and its parties.
     */
    public record InstrumentTerms(Instrument instrument, String name, LocalDate inForceFrom, String source, Parties parties) {
        public InstrumentTerms {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parties, "parties");
        }

        public boolean inForce(LocalDate date) {
            return inForceFrom != null && !date.isBefore(inForceFrom);
        }

        Binding binding(String requesting, String target, LocalDate date, String version) {
            if (!inForce(date)) {
                // Who would be bound is moot while nobody is.
                LocalDate later = inForceFrom != null && inForceFrom.isAfter(date) ? inForceFrom : null;
                return new Binding.DoesNotBind(instrument, requesting, target, date, version,
                        List.of(new Binding.NotInForce(instrument, later, source, version)));
            }
            List<Binding.Bound> bound = new ArrayList<>();
            List<Binding.Gap> gaps = new ArrayList<>();
            for (String side : List.of(requesting, target)) {
                switch (parties.side(side, date, name)) {
                    case Binding.Bound b -> bound.add(b);
                    case Binding.Gap g -> gaps.add(g);
                }
            }
            return gaps.isEmpty()
                    ? new Binding.Binds(instrument, requesting, target, date, version, bound)
                    : new Binding.DoesNotBind(instrument, requesting, target, date, version, gaps);
        }
    }

    /** Who an instrument binds. */
    public sealed interface Parties {
        /** What the policy records for one side on {@code date}: bound, or the gap. */
        Binding.Fact side(String jurisdiction, LocalDate date, String instrumentName);

        /**
         * Every jurisdiction, for the reason given: a bilateral treaty names its own parties, which
         * the release gate checks against the treaties it knows.
         */
        record Any(String reason) implements Parties {
            public Any {
                Objects.requireNonNull(reason, "reason");
            }

            @Override public Binding.Fact side(String jurisdiction, LocalDate date, String instrumentName) {
                return new Binding.Bound(jurisdiction, null, null, reason);
            }
        }

        /**
         * The listed parties, each for its dates; the listed non-parties, each with its reason; and
         * for any jurisdiction in neither list, {@code unlisted} (the policy lists the demo
         * jurisdictions, not the world, so it says so rather than claim a fact).
         */
        record Listed(List<Party> parties, List<NonParty> nonParties, String unlisted) implements Parties {
            public Listed {
                parties = List.copyOf(parties);
                nonParties = List.copyOf(nonParties);
                Objects.requireNonNull(unlisted, "unlisted");
                Set<String> seen = new HashSet<>();
                for (String j : parties.stream().map(Party::jurisdiction).toList()) {
                    if (!seen.add(j)) throw new IllegalArgumentException(j + " is listed twice as a party");
                }
                for (String j : nonParties.stream().map(NonParty::jurisdiction).toList()) {
                    if (!seen.add(j)) throw new IllegalArgumentException(j + " is listed twice, or as a party and a non-party");
                }
            }

            @Override public Binding.Fact side(String jurisdiction, LocalDate date, String instrumentName) {
                for (Party p : parties) {
                    if (!p.jurisdiction().equals(jurisdiction)) continue;
                    if (p.since() != null && date.isBefore(p.since())) {
                        return new Binding.NotYetBound(jurisdiction, instrumentName, p.since(), p.source());
                    }
                    if (p.until() != null && date.isAfter(p.until())) {
                        return new Binding.NoLongerBound(jurisdiction, instrumentName, p.until(), p.source());
                    }
                    return new Binding.Bound(jurisdiction, p.since(), p.until(), p.source());
                }
                for (NonParty n : nonParties) {
                    if (n.jurisdiction().equals(jurisdiction)) {
                        return new Binding.NotAParty(jurisdiction, instrumentName, n.reason(), n.source());
                    }
                }
                return new Binding.NotAParty(jurisdiction, instrumentName, unlisted, null);
            }
        }
    }

    /**
     * A party from {@code since} (null: the sources do not confirm the date, and it counts as a
     * party, as in the release policy) until {@code until} inclusive (null: no end).
     */
    public record Party(String jurisdiction, LocalDate since, LocalDate until, String source) {
        public Party {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
            if (since != null && until != null && until.isBefore(since)) {
                throw new IllegalArgumentException(jurisdiction + " is a party until " + until + ", before " + since);
            }
        }
    }

    /** A jurisdiction the instrument does not bind, why, and the source of that fact. */
    public record NonParty(String jurisdiction, String reason, String source) {
        public NonParty {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
            Objects.requireNonNull(reason, "reason");
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
