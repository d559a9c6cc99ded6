package io.liaison.core.gate;

/**
 * A rule that fired: its id, what it did to the response, and why, in words a data-protection
 * officer can check. {@code record} is the index of the record it concerns, or -1 for the whole response.
 */
public record Finding(String ruleId, Verdict effect, int record, String reason) {}
