package io.liaison.core;

/**
 * Where a request's {@link Words} stand with respect to the store's sealed copy of them. The store
 * hands a request over with its words {@link Withheld}; a use case that shows or changes them asks
 * the store to disclose them ({@link RequestStore#disclose}). Every other use case (routing,
 * deadlines, notices, lists, records of access) works without them, and the store writes the sealed
 * copy back unchanged. The core carries this value as it got it, like the trail head.
 */
public sealed interface Sealing {

    /** A request not stored yet: its words are here, and nothing is sealed. */
    record Unsealed() implements Sealing {}

    /**
     * Sealed, and not opened: this copy of the request lacks the words (no identifiers, the
     * particulars, questions, answers and a party's note null). {@code envelope} is the sealed copy
     * as the store keeps it, opaque to the core.
     */
    record Withheld(String envelope) implements Sealing {}

    /** Sealed, and opened for this use case; {@code fingerprint} identifies the words the envelope holds. */
    record Disclosed(String envelope, String fingerprint) implements Sealing {}

    /**
     * Stored in clear, before filings were sealed: the words are here. Written back as it was until a
     * use case that may seal discloses it, or until the store's re-seal command runs.
     */
    record Clear() implements Sealing {}
}
