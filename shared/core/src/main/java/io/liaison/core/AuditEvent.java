package io.liaison.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One state change of a request, written in the same transaction as the change. Metadata
 * only: never any content of the request or of a response. {@code directoryRevision} names the
 * directory revision a routing or escalation used (null on every other event).
 */
public record AuditEvent(
        String requestId,
        long sequence,
        Instant at,
        String action,
        Status from,
        Status to,
        Actor actor,
        List<String> ruleIds,
        String ground,
        String reason,
        String policyVersion,
        Long directoryRevision) {

    public AuditEvent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
    }

    public AuditEvent(String requestId, long sequence, Instant at, String action, Status from, Status to, Actor actor,
                      List<String> ruleIds, String ground, String reason, String policyVersion) {
        this(requestId, sequence, at, action, from, to, actor, ruleIds, ground, reason, policyVersion, null);
    }

    /** The same event, naming the version of the policy whose rules decided it. */
    public AuditEvent decidedBy(String version) {
        return new AuditEvent(requestId, sequence, at, action, from, to, actor, ruleIds, ground, reason, version, directoryRevision);
    }

    /** The same event, naming the rules version and the directory revision that decided it (routing, escalation). */
    public AuditEvent decidedBy(String version, long directoryRevision) {
        return new AuditEvent(requestId, sequence, at, action, from, to, actor, ruleIds, ground, reason, version, directoryRevision);
    }
}
