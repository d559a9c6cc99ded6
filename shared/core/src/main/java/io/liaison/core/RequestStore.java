package io.liaison.core;

import java.util.List;
import java.util.Optional;

/**
 * Where requests and their audit trails live. Every write that changes a request writes its
 * audit event in the same transaction, conditional on the version the change was computed from.
 */
public interface RequestStore {

    /** Stores a new request with its first audit event, and the idempotency key if given. */
    FileResult file(Request request, AuditEvent event, IdempotencyKey key);

    sealed interface FileResult {}

    record Stored() implements FileResult {}

    /** The key was used before with the same filing: this is the request it stored. */
    record Replayed(Request request) implements FileResult {}

    /** The key was used before for a different filing. */
    record KeyReused(String requestId) implements FileResult {}

    /**
     * The request, with what people wrote on it withheld ({@link Sealing.Withheld}) once those words
     * are sealed: enough to route it, list it, act on its deadlines and record events.
     */
    Optional<Request> find(String requestId);

    /**
     * The same request with its words opened from the sealed copy, for a use case that shows or
     * changes them; only functions allowed to decrypt call it. A request whose words are here
     * already is returned as it is. A changed word is sealed anew when the request is written; an
     * unchanged request keeps its sealed copy.
     */
    Request disclose(Request request);

    /**
     * Discloses {@code fresh}, a copy read again on a retry, reusing the words {@code earlier} (the
     * copy disclosed on the attempt before) opened while the sealed copy is unchanged: a change that
     * lost to a trail entry pays one KMS Decrypt, not one per attempt.
     */
    default Request disclose(Request fresh, Request earlier) {
        if (earlier != null && fresh.sealing() instanceof Sealing.Withheld withheld
                && earlier.sealing() instanceof Sealing.Disclosed disclosed && withheld.envelope().equals(disclosed.envelope())) {
            return fresh.disclosed(earlier.words(), disclosed);
        }
        return disclose(fresh);
    }

    /**
     * Writes {@code next} and {@code event} if the stored request still has version
     * {@code next.version() - 1}. Returns false when another change got there first.
     */
    boolean apply(Request next, AuditEvent event);

    Page<Request> byAgency(String jurisdiction, String agency, Status status, String cursor, int limit);

    Page<Request> byContactPoint(String contactPointId, Status status, String cursor, int limit);

    List<AuditEvent> events(String requestId);

    /** Ids of requests with something due at or before {@code now} (the sparse due index), at most {@code limit}. */
    List<String> due(java.time.Instant now, int limit);

    /** A caller-chosen key that makes a retried filing safe, with a fingerprint of what was filed. */
    record IdempotencyKey(String scope, String key, String fingerprint) {}

    /** A cursor the store cannot read: tampered with, or from another list. */
    final class BadCursor extends RuntimeException {
        public BadCursor(String message) {
            super(message);
        }
    }
}
