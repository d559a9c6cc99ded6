package io.liaison.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The contact points Liaison can route to, by jurisdiction. */
public record Directory(String version, List<ContactPoint> contactPoints) {
    public Directory {
        contactPoints = List.copyOf(contactPoints);
        Map<String, ContactPoint> byId = contactPoints.stream()
                .collect(Collectors.toMap(ContactPoint::id, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("duplicate contact point id " + a.id());
                }));
        if (byId.size() != contactPoints.size()) {
            throw new IllegalArgumentException("duplicate contact point ids");
        }
        for (ContactPoint cp : contactPoints) {
            if (cp.backup() == null) continue;
            ContactPoint backup = byId.get(cp.backup());
            if (backup == null || !backup.jurisdiction().equals(cp.jurisdiction())) {
                throw new IllegalArgumentException("the backup of " + cp.id() + " must be a contact point of " + cp.jurisdiction());
            }
        }
    }

    /** The contact point that takes over when {@code contactPointId} misses its acknowledgement deadline. */
    public Optional<ContactPoint> backupOf(String contactPointId) {
        return byId(contactPointId).map(ContactPoint::backup).flatMap(this::byId);
    }

    public boolean serves(String jurisdiction) {
        return contactPoints.stream().anyMatch(cp -> cp.jurisdiction().equals(jurisdiction));
    }

    public Optional<ContactPoint> find(String jurisdiction, ContactPointKind kind) {
        return contactPoints.stream()
                .filter(cp -> cp.jurisdiction().equals(jurisdiction) && cp.kind() == kind)
                .findFirst();
    }

    public Optional<ContactPoint> byId(String id) {
        return contactPoints.stream().filter(cp -> cp.id().equals(id)).findFirst();
    }

    /** Whether {@code jurisdiction} has a contact point that exists at {@code at}. */
    public boolean serves(String jurisdiction, java.time.Instant at) {
        return contactPoints.stream().anyMatch(cp -> cp.jurisdiction().equals(jurisdiction) && cp.validAt(at));
    }

    /** The contact point of this kind in {@code jurisdiction} that exists at {@code at} and handles the filing. */
    public Optional<ContactPoint> find(String jurisdiction, ContactPointKind kind, java.time.Instant at, Filing filing) {
        return contactPoints.stream()
                .filter(cp -> cp.jurisdiction().equals(jurisdiction) && cp.kind() == kind && cp.validAt(at) && cp.handles(filing))
                .findFirst();
    }

    /** A contact point passed over because it was unavailable at the time. */
    public record Skipped(ContactPoint contactPoint, ContactPoint.Unavailability period) {
        /** Liaison's timestamps, with milliseconds, as the API writes them. */
        private static final java.time.format.DateTimeFormatter MILLIS =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

        public String text() {
            return contactPoint.id() + " is unavailable until " + MILLIS.format(period.to())
                    + (period.reason() == null ? "" : " (" + period.reason() + ")");
        }
    }

    /** Who takes a request meant for {@code first} at {@code at}: it, or the first available backup down its chain. */
    public record Taker(ContactPoint contactPoint, List<Skipped> skipped) {
        public Taker {
            skipped = List.copyOf(skipped);
        }

        /** What the trail says about the choice: empty when the first choice was available. */
        public String text() {
            if (skipped.isEmpty()) return "";
            String passed = skipped.stream().map(Skipped::text).collect(Collectors.joining("; "));
            return skipped.getFirst().contactPoint().equals(contactPoint)
                    ? passed + ", and no backup is available; it takes the request nonetheless"
                    : passed + "; its backup " + contactPoint.id() + " takes the request";
        }
    }

    /**
     * Follows the backup chain from {@code first} past every contact point unavailable at {@code at}
     * (a backup must exist at {@code at}; a chain that comes back on itself stops). When nobody on
     * the chain is available the request stays with {@code first}: it is delivered, and the
     * acknowledgement deadline escalates it as usual.
     */
    public Taker taker(ContactPoint first, java.time.Instant at) {
        List<Skipped> skipped = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        ContactPoint candidate = first;
        while (candidate != null && seen.add(candidate.id())) {
            Optional<ContactPoint.Unavailability> away = candidate.unavailableAt(at);
            if (away.isEmpty()) return new Taker(candidate, skipped);
            skipped.add(new Skipped(candidate, away.get()));
            candidate = candidate.backup() == null ? null
                    : byId(candidate.backup()).filter(b -> b.validAt(at)).orElse(null);
        }
        return new Taker(first, skipped);
    }
}
