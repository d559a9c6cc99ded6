package io.liaison.core.webhook;

import java.util.Objects;

/** A refused webhook URL or address: the ground, and a sentence for the administrator or the trail. */
public record Refusal(Ground ground, String detail) {
    public Refusal {
        Objects.requireNonNull(ground, "ground");
        Objects.requireNonNull(detail, "detail");
    }
}
