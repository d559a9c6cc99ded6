package io.liaison.core.gate;

/** Turns a third party's value into a token that is the same within one request and unlinkable across requests. */
@FunctionalInterface
public interface Pseudonyms {
    String of(String requestId, String value);
}
