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
}
