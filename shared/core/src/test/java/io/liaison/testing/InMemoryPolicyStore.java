package io.liaison.testing;

import io.liaison.core.gate.PolicyStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link PolicyStore} in a map, with the DynamoDB store's conditions: versions are never overwritten. */
public final class InMemoryPolicyStore implements PolicyStore {
    private final Map<String, StoredPolicy> versions = new LinkedHashMap<>();
    private StoredPolicy current;

    @Override
    public synchronized Optional<StoredPolicy> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public synchronized Optional<StoredPolicy> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    @Override
    public synchronized boolean replace(StoredPolicy next, long expectedRevision) {
        long revision = current == null ? 0 : current.revision();
        if (revision != expectedRevision || versions.containsKey(next.version())) return false;
        versions.put(next.version(), next);
        current = next;
        return true;
    }
}
