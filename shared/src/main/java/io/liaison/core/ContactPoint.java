package io.liaison.core;

import java.util.Objects;

/**
 * One national contact point of the directory. {@code backup} is the contact point of the same
 * jurisdiction that takes over a request this one leaves unacknowledged past its deadline;
 * {@code email} is where notices go unless an administrator registered another channel.
 */
public record ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source,
                           String backup, String email) {
    public ContactPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (id.equals(backup)) throw new IllegalArgumentException(id + " cannot be its own backup");
    }

    public ContactPoint(String id, String jurisdiction, ContactPointKind kind, String name, String source) {
        this(id, jurisdiction, kind, name, source, null, null);
    }
}
