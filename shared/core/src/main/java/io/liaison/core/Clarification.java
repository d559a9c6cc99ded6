package io.liaison.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One round of questions: the contact point asks, the requester answers (null until then). In a
 * request whose words were withheld ({@link Sealing.Withheld}) both texts are null; the times stay.
 */
public record Clarification(String question, Instant askedAt, String answer, Instant answeredAt) {
    public static final int MAX_ROUNDS = 10;

    public Clarification {
        Objects.requireNonNull(askedAt, "askedAt");
    }

    Clarification withheld() {
        return new Clarification(null, askedAt, null, answeredAt);
    }

    Clarification with(Words.Exchange texts) {
        return new Clarification(texts.question(), askedAt, texts.answer(), answeredAt);
    }

    Clarification answered(String text, Instant now) {
        return new Clarification(question, askedAt, text, now);
    }
}
