package io.liaison.core;

import java.time.Instant;
import java.util.Objects;

/**
 * How long data a contact point preserved stays preserved: from acceptance for the period the
 * deadline rule sets (60 days), extendable once at the requester's request.
 */
public record Preservation(Instant until, boolean extended) {
    public Preservation {
        Objects.requireNonNull(until, "until");
    }
}
