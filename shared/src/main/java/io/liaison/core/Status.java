package io.liaison.core;

/** Where a request stands. docs/state-machine.md draws the transitions {@link Lifecycle} allows. */
public enum Status implements Coded {
    FILED("FILED"),
    ROUTED("ROUTED"),
    UNROUTABLE("UNROUTABLE"),
    ACCEPTED("ACCEPTED"),
    /** The contact point sent its final response. */
    ANSWERED("ANSWERED"),
    REJECTED("REJECTED"),
    WITHDRAWN("WITHDRAWN");

    private final String code;

    Status(String code) { this.code = code; }

    @Override public String code() { return code; }

    /** Open requests can still change; the others are final. */
    public boolean isOpen() {
        return switch (this) {
            case FILED, ROUTED, ACCEPTED -> true;
            case UNROUTABLE, REJECTED, WITHDRAWN, ANSWERED -> false;
        };
    }
}
