package io.liaison.core;

import java.util.List;
import java.util.Optional;

/**
 * Where responses live, beside their request. Each write also advances the request's trail:
 * the request item (conditional on its version) and the audit event commit with the response.
 */
public interface ResponseStore {

    /**
     * Stores a new response with the request change and event that record it, and the
     * idempotency key if given; false when the request moved on or the key was taken meanwhile.
     */
    boolean submit(Request next, AuditEvent event, Response response, RequestStore.IdempotencyKey key);

    /** The number of the response a live idempotency key stored, with the fingerprint it was stored for. */
    Optional<Keyed> keyed(RequestStore.IdempotencyKey key);

    record Keyed(long number, String fingerprint) {}

    /** Stores a reviewed response (it must still be HELD) with its trail event; false on a lost race. */
    boolean review(Request next, AuditEvent event, Response reviewed);

    /** Appends a trail event that changes no state (a read, a purge); false when the request moved on. */
    boolean record(Request next, AuditEvent event);

    /** A request's responses, payloads included; an expired payload reads as absent. */
    List<Response> responses(String requestId);

    Optional<Response> response(String requestId, long number);

    /** Held responses to requests whose target is {@code jurisdiction}, oldest first. */
    Page<Response> held(String jurisdiction, String cursor, int limit);
}
