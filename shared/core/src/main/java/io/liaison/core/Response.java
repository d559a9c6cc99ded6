package io.liaison.core;

import io.liaison.core.gate.Answer;
import io.liaison.core.gate.GateDecision;
import io.liaison.core.gate.Verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * A contact point's answer to a request, with the gate's decision on it. {@code number} is the
 * trail sequence of the event that recorded it, so responses are numbered in trail order.
 * {@code answer} is what the contact point sent and reaches nobody but the reviewing officer;
 * the requester sees {@code decision.released()} once the response is released.
 */
public record Response(
        String requestId,
        long number,
        String authorSubject,
        String contactPointId,
        Answer answer,
        GateDecision decision,
        Status status,
        Review review,
        Instant submittedAt,
        Instant expiresAt) {

    public enum Status { RELEASED, HELD, BLOCKED }

    /** A data-protection officer's decision on a held response. */
    public record Review(String reviewerSubject, String jurisdiction, boolean approved, String reason, Instant at) {}

    public Response {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
    }

    public static Status statusOf(Verdict verdict) {
        return switch (verdict) {
            case RELEASE, RELEASE_REDACTED -> Status.RELEASED;
            case HOLD -> Status.HELD;
            case BLOCK -> Status.BLOCKED;
        };
    }

    /** Released data expire; after that the payload is gone even where TTL has not deleted it yet. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Response reviewed(Review review, Instant releasedUntil) {
        return new Response(requestId, number, authorSubject, contactPointId, answer, decision,
                review.approved() ? Status.RELEASED : Status.BLOCKED, review, submittedAt,
                review.approved() ? releasedUntil : null);
    }
}
