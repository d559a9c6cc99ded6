package io.liaison.core;

import java.util.List;

/** The business outcome of a use case: a value, or why there is none. Never an exception. */
public sealed interface Outcome<T> {
    record Ok<T>(T value) implements Outcome<T> {}

    /** Absent, or outside the caller's scope: the two are indistinguishable on purpose. */
    record NotFound<T>() implements Outcome<T> {}

    /** The caller's role may not do this at all. */
    record Forbidden<T>(String reason) implements Outcome<T> {}

    /** The request has moved on: a transition its state does not allow, or a lost race. */
    record Conflict<T>(String reason) implements Outcome<T> {}

    /** The input breaks a rule; nothing was written. */
    record Invalid<T>(List<Violation> violations) implements Outcome<T> {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
