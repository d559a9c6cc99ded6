package io.liaison.core.gate;

import java.time.Instant;
import java.util.Optional;

/**
 * The versions of the release policy. Versions are never changed or deleted, so every decision
 * can name the version it was taken under; one of them is current.
 */
public interface PolicyStore {

    /** A stored version: its name (the document's "version"), its place in the sequence, and the document. */
    record StoredPolicy(String version, long revision, String document, String author, Instant storedAt) {}

    Optional<StoredPolicy> current();

    Optional<StoredPolicy> version(String version);

    /**
     * Stores {@code next} as the new current version, if the current one is still
     * {@code expectedRevision} (0: none yet) and no version has {@code next.version()} as its name.
     */
    boolean replace(StoredPolicy next, long expectedRevision);
}
