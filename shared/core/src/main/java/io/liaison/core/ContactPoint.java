package io.liaison.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One national contact point of the directory, as the jurisdiction that owns it keeps it.
 * {@code backup} is the contact point of the same jurisdiction that takes over when this one is
 * unavailable or leaves a request unacknowledged past its deadline; {@code email} is where notices
 * go unless an administrator registered another channel. Empty {@code instruments} or
 * {@code requestTypes} mean it handles every one; {@code hours} null means always open (a 24/7
 * point). {@code validFrom}/{@code validTo} bound when it exists (null: open-ended; validTo
 * exclusive); {@code version} is the directory revision it last changed in (0 before it is stored).
 */
public record ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source,
                           String backup, String email, Set<Instrument> instruments, Set<RequestType> requestTypes,
                           List<String> languages, WorkingHours hours, Instant validFrom, Instant validTo,
                           List<Unavailability> unavailable, long version) {
    public ContactPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        instruments = instruments == null ? Set.of() : Set.copyOf(instruments);
        requestTypes = requestTypes == null ? Set.of() : Set.copyOf(requestTypes);
        languages = languages == null ? List.of() : List.copyOf(languages);
        unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    }

    public ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source,
                        String backup, String email) {
        this(id, jurisdiction, kind, name, source, backup, email, Set.of(), Set.of(), List.of(), null, null, null, List.of(), 0);
    }

    public ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source) {
        this(id, jurisdiction, kind, name, source, null, null);
    }

    /** A period in which a contact point cannot take requests (a holiday, an outage); {@code to} exclusive. */
    public record Unavailability(Instant from, Instant to, String reason) {
        public Unavailability {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        public boolean covers(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    /** Whether the entry exists at {@code at}: inside its validity period. */
    public boolean validAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
    }

    /** The unavailability covering {@code at}, if there is one. */
    public Optional<Unavailability> unavailableAt(Instant at) {
        return unavailable.stream().filter(u -> u.covers(at)).findFirst();
    }

    /** Whether it takes requests of this type under this instrument (empty lists take every one). */
    public boolean handles(Filing filing) {
        return (instruments.isEmpty() || instruments.contains(filing.legalBasis().instrument()))
                && (requestTypes.isEmpty() || requestTypes.contains(filing.type()));
    }

    /** The same entry as stored in {@code revision}. */
    public ContactPoint inVersion(long revision) {
        return new ContactPoint(id, jurisdiction, kind, name, source, backup, email, instruments, requestTypes, languages,
                hours, validFrom, validTo, unavailable, revision);
    }

    /** The same entry with one more period of unavailability. */
    public ContactPoint withUnavailability(Unavailability period) {
        List<Unavailability> periods = new java.util.ArrayList<>(unavailable);
        periods.add(period);
        return new ContactPoint(id, jurisdiction, kind, name, source, backup, email, instruments, requestTypes, languages,
                hours, validFrom, validTo, periods, version);
    }
}
