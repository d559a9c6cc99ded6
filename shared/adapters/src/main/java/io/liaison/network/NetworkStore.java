package io.liaison.network;

import java.util.List;
import java.util.Optional;

/** The revisions of the two trails and the pending rule proposals. Revisions are never changed or deleted. */
public interface NetworkStore {

    /** The latest revision's number and chain hash. */
    record Head(long number, io.liaison.audit.Hash chainHash) {}

    Optional<Head> head(Trail trail);

    /** Revisions after {@code after}, oldest first. */
    List<Revision> revisions(Trail trail, long after);

    Optional<Revision> revision(Trail trail, long number);

    /**
     * Appends {@code next} (chained already) if the head is still {@code expected} (0: the trail is
     * empty); false when someone else appended first.
     */
    boolean append(Revision next, long expected);

    /** Stores a new proposal; false when one with its id or version name exists. */
    boolean propose(Proposal proposal);

    Optional<Proposal> proposal(String id);

    List<Proposal> proposals();

    /** Whether a rules version of this name was ever proposed. */
    boolean versionProposed(String version);

    /**
     * Appends the rules revision and marks the proposal approved, in one transaction, if the head is
     * still {@code expected} and the proposal still pending; false otherwise.
     */
    boolean approve(Proposal approved, Revision next, long expected);
}
