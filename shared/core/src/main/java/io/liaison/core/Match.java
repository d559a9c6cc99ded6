package io.liaison.core;

import java.util.Set;

/** Which filings a policy rule applies to; an empty set matches every value. */
public record Match(Set<RequestType> types, Set<Urgency> urgencies, Set<Instrument> instruments) {
    public static final Match ANY = new Match(Set.of(), Set.of(), Set.of());

    public Match {
        types = Set.copyOf(types);
        urgencies = Set.copyOf(urgencies);
        instruments = Set.copyOf(instruments);
    }

    public boolean test(Filing filing) {
        return (types.isEmpty() || types.contains(filing.type()))
                && (urgencies.isEmpty() || urgencies.contains(filing.urgency()))
                && (instruments.isEmpty() || instruments.contains(filing.legalBasis().instrument()));
    }
}
