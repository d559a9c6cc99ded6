package io.liaison.core;

import java.time.Instant;
import java.util.Objects;

public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
