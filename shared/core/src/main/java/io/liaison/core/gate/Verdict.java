package io.liaison.core.gate;

/** The gate's one decision on a response, in increasing order of restriction. */
public enum Verdict {
    RELEASE, RELEASE_REDACTED, HOLD, BLOCK;

    Verdict atLeast(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
