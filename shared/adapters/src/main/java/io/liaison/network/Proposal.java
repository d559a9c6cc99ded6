package io.liaison.network;

import io.liaison.core.Actor;

import java.time.Instant;

/**
 * A routing-rules change one network administrator proposed and another must approve. It applies
 * onto the revision it was proposed against ({@code baseRevision}), or not at all.
 *
 * @param validFrom when the rules apply from; null: from the moment of approval
 */
public record Proposal(String id, String version, String document, String reason, Instant validFrom, Actor proposedBy,
                       Instant proposedAt, long baseRevision, Status status, Actor decidedBy, Instant decidedAt) {
    public enum Status { PENDING, APPROVED }
}
