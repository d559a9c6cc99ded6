package io.liaison.core.gate;

import io.liaison.core.DataCategory;
import io.liaison.core.Tlp;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gate's one decision on an answer: the verdict, every rule that fired with its reason, the
 * policy version it was taken under, and what the requester would receive if it is released.
 */
public record GateDecision(Verdict verdict, List<Finding> findings, String policyVersion, Tlp tlp,
                           Instant expiresAt, List<Released> released) {
    public GateDecision {
        findings = List.copyOf(findings);
        released = List.copyOf(released);
    }

    /** A record as the requester would see it; {@code redactedBy} names the rule that withheld it whole. */
    public record Released(int index, DataCategory category, ResponseRecord.Owner owner, String originJurisdiction,
                           String redactedBy, Map<String, FieldValue> fields) {
        public Released {
            fields = Map.copyOf(fields);
        }
    }

    public List<String> ruleIds() {
        return findings.stream().map(Finding::ruleId).distinct().toList();
    }
}
