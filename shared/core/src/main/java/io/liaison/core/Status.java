package io.liaison.core;

/** Where a request stands. docs/state-machine.md draws the transitions {@link Lifecycle} allows. */
public enum Status implements Coded {
    FILED("FILED"),
    ROUTED("ROUTED"),
    UNROUTABLE("UNROUTABLE"),
    ACCEPTED("ACCEPTED"),
    /** The contact point asked the requester a question; the response clock stands still. */
    AWAITING_CLARIFICATION("AWAITING_CLARIFICATION"),
    /** The contact point sent its final response. */
    ANSWERED("ANSWERED"),
    REJECTED("REJECTED"),
    WITHDRAWN("WITHDRAWN"),
    /** A preservation whose period ended without an extension: the data need no longer be kept. */
    EXPIRED("EXPIRED");

    private final String code;

    Status(String code) { this.code = code; }

    @Override public String code() { return code; }

    /** Open requests can still change; the others are final. */
    public boolean isOpen() {
        return switch (this) {
            case FILED, ROUTED, ACCEPTED, AWAITING_CLARIFICATION -> true;
            case UNROUTABLE, REJECTED, WITHDRAWN, ANSWERED, EXPIRED -> false;
        };
    }
}
