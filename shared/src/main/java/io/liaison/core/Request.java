package io.liaison.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cross-border request as Liaison keeps it. {@code version} grows by one with every state
 * change; it doubles as the sequence number of the audit event that change wrote.
 * {@code assignment} is set once the request is routed; {@code outcome} says why it ended
 * UNROUTABLE, REJECTED or WITHDRAWN, or what the contact point said on acceptance.
 * {@code trailHead} is the hash at the head of the request's audit chain, as the store keeps it:
 * the core carries it unchanged so that the store can link the next event to it.
 * {@code preservation} is set when a preservation request is accepted; {@code clarifications}
 * are the rounds of questions and answers, oldest first.
 */
public record Request(
        String id,
        Requester requester,
        Filing filing,
        Status status,
        long version,
        Instant filedAt,
        Instant updatedAt,
        Assignment assignment,
        StatusNote outcome,
        String trailHead,
        Preservation preservation,
        List<Clarification> clarifications) {

    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(filing, "filing");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filedAt, "filedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        clarifications = clarifications == null ? List.of() : List.copyOf(clarifications);
    }

    public Request(String id, Requester requester, Filing filing, Status status, long version, Instant filedAt,
                   Instant updatedAt, Assignment assignment, StatusNote outcome, String trailHead) {
        this(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead, null, List.of());
    }

    public static Request filed(String id, Requester requester, Filing filing, Instant now) {
        return new Request(id, requester, filing, Status.FILED, 1, now, now, null, null, null);
    }

    Request next(Status status, Instant now, Assignment assignment, StatusNote outcome) {
        return new Request(id, requester, filing, status, version + 1, filedAt, now, assignment, outcome, trailHead,
                preservation, clarifications);
    }

    /** The next version with the same status: a trail entry that changes no state. */
    Request recorded() {
        return new Request(id, requester, filing, status, version + 1, filedAt, updatedAt, assignment, outcome, trailHead,
                preservation, clarifications);
    }

    Request with(Preservation changed) {
        return new Request(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead,
                changed, clarifications);
    }

    Request with(List<Clarification> changed) {
        return new Request(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead,
                preservation, changed);
    }

    /** The open round of questions, if the contact point is waiting for an answer. */
    public Clarification openClarification() {
        return clarifications.isEmpty() || clarifications.getLast().answer() != null ? null : clarifications.getLast();
    }

    List<Clarification> withAnswer(String answer, Instant now) {
        List<Clarification> rounds = new ArrayList<>(clarifications);
        rounds.set(rounds.size() - 1, rounds.getLast().answered(answer, now));
        return rounds;
    }

    /** The same request with its audit chain's new head, as the store sets it when it writes an event. */
    public Request withTrailHead(String head) {
        return new Request(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, head,
                preservation, clarifications);
    }

    /**
     * Why a request is where it is, in words the other party can read.
     * {@code ground} is a code (a rejection ground, a routing rule id), {@code text} the explanation.
     */
    public record StatusNote(String ground, String text) {}
}
