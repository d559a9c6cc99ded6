package io.liaison.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether an instrument binds both sides of a request (the requesting and the target jurisdiction)
 * on a date under a routing policy, with the facts the policy records either way. It comes from
 * {@link RoutingPolicy#binding} and {@link RoutingPolicy#bindings}, and nothing else decides it:
 * filing refuses what does not bind ({@link RequestService#file}), the router re-asks for requests
 * stored before filing asked ({@link Routing#decide}), and a preview can list it for any pair.
 */
public sealed interface Binding {
    /** The rule id filing and routing record when an instrument does not bind both sides. */
    String RULE_ID = "L1-BINDS-BOTH-SIDES";

    Instrument instrument();

    String requesting();

    String target();

    LocalDate date();

    String policyVersion();

    default boolean bindsBothSides() {
        return this instanceof Binds;
    }

    /** It binds both sides: the requesting side first, each with the fact the policy records. */
    record Binds(Instrument instrument, String requesting, String target, LocalDate date, String policyVersion,
                 List<Bound> sides) implements Binding {
        public Binds {
            sides = List.copyOf(sides);
        }
    }

    /**
     * It does not: the gaps, either the instrument's own (not in force) or those of each side that
     * is not bound, the requesting side first. Never empty.
     */
    record DoesNotBind(Instrument instrument, String requesting, String target, LocalDate date, String policyVersion,
                       List<Gap> gaps) implements Binding {
        public DoesNotBind {
            gaps = List.copyOf(gaps);
            if (gaps.isEmpty()) throw new IllegalArgumentException("an instrument that does not bind has a gap");
        }

        /** The gaps as sentences, for a 422 detail or an UNROUTABLE reason. */
        public String reason() {
            return gaps.stream().map(Gap::text).collect(Collectors.joining("; "));
        }
    }

    /**
     * A side the instrument binds on the date, and why: {@code since} null is a party whose date the
     * sources do not confirm (it counts as a party); {@code until} null is bound with no end. An
     * instrument open to every jurisdiction (a bilateral treaty names its own) binds with neither.
     */
    record Bound(String jurisdiction, LocalDate since, LocalDate until, String source) implements Fact {
        public Bound {
            Objects.requireNonNull(jurisdiction, "jurisdiction");
        }
    }

    /** What the policy records about one side: it is bound, or the gap. */
    sealed interface Fact permits Bound, Gap {}

    /** Why an instrument does not bind; {@link #text()} is what a requester reads. */
    sealed interface Gap extends Fact {
        /** The side that is not bound, or null when the instrument binds nobody (not in force). */
        String jurisdiction();

        String text();
    }

    /**
     * The instrument is not in force on the date: {@code from} null when the policy gives it no date
     * (CETS 224 until it enters into force), or the later date it applies from.
     */
    record NotInForce(Instrument instrument, LocalDate from, String source, String policyVersion) implements Gap {
        @Override public String jurisdiction() { return null; }

        // The words filing has answered with since the instrument dates were first checked (README, clients).
        @Override public String text() {
            return instrument.code() + " is not in force today under policy " + policyVersion
                    + "; no request can rest on it yet" + (from == null ? "" : " (it applies from " + from + ")");
        }
    }

    /** The side is not a party: the policy's reason, and its source (null for a jurisdiction the policy does not list). */
    record NotAParty(String jurisdiction, String instrumentName, String reason, String source) implements Gap {
        @Override public String text() {
            return jurisdiction + " is not bound by " + instrumentName + ": " + reason + sourced(source);
        }
    }

    /** The side is a party only from a date after the one asked about. */
    record NotYetBound(String jurisdiction, String instrumentName, LocalDate since, String source) implements Gap {
        @Override public String text() {
            return capitalised(instrumentName) + " binds " + jurisdiction + " only from " + since + sourced(source);
        }
    }

    /** The side was a party only until a date before the one asked about (it left, or denounced it). */
    record NoLongerBound(String jurisdiction, String instrumentName, LocalDate until, String source) implements Gap {
        @Override public String text() {
            return capitalised(instrumentName) + " bound " + jurisdiction + " only until " + until + sourced(source);
        }
    }

    private static String sourced(String source) {
        return source == null || source.isBlank() ? "" : " (" + source + ")";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
