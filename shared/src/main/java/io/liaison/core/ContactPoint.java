package io.liaison.core;

import java.util.Objects;

/** One national contact point of the directory. */
public record ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source) {
    public ContactPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
