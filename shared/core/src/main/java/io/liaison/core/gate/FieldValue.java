package io.liaison.core.gate;

/** A field as the requester receives it: in clear, as a pseudonym, or redacted. Each is marked as such. */
public sealed interface FieldValue {
    record Clear(String value) implements FieldValue {}

    /** A keyed HMAC of the value, stable within one request so that records can still be linked. */
    record Pseudonym(String token, String ruleId) implements FieldValue {}

    record Redacted(String ruleId) implements FieldValue {}
}
