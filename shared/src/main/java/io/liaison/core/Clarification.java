package io.liaison.core;

import java.time.Instant;
import java.util.Objects;

/** One round of questions: the contact point asks, the requester answers (null until then). */
public record Clarification(String question, Instant askedAt, String answer, Instant answeredAt) {
    public static final int MAX_ROUNDS = 10;

    public Clarification {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(askedAt, "askedAt");
    }

    Clarification answered(String text, Instant now) {
        return new Clarification(question, askedAt, text, now);
    }
}
