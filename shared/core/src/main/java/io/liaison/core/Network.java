package io.liaison.core;

import java.time.Instant;

/**
 * The two inputs routing decides by, the directory of contact points and the routing rules, as
 * the revisions of their trails say they stood at a given instant (ADR 0019). A decision names
 * both revisions, so that it can be explained afterwards however both have changed since.
 */
public interface Network {

    /** The directory revision and the rules revision valid at one instant. */
    record Snapshot(long directoryRevision, Directory directory, long rulesRevision, RoutingPolicy rules) {}

    /** The revisions valid at {@code at}, as of the latest change: what a decision made now must use. */
    Snapshot at(Instant at);

    /** A recent snapshot (up to a few seconds old): for names in views, never for a decision. */
    Snapshot recent();

    /** One directory and one policy, never changing (tests, and functions that only show names). */
    static Network fixed(Directory directory, RoutingPolicy rules) {
        Snapshot only = new Snapshot(1, directory, 1, rules);
        return new Network() {
            @Override public Snapshot at(Instant at) { return only; }

            @Override public Snapshot recent() { return only; }
        };
    }
}
