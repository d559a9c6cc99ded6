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
 * are the rounds of questions and answers, oldest first. {@code sealing} says whether this copy
 * carries what people wrote on the request ({@link Words}) or the store withheld it: like
 * {@code trailHead}, the core carries it unchanged for the store.
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
        List<Clarification> clarifications,
        Sealing sealing) {

    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(filing, "filing");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filedAt, "filedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        clarifications = clarifications == null ? List.of() : List.copyOf(clarifications);
        Objects.requireNonNull(sealing, "sealing");
    }

    public Request(String id, Requester requester, Filing filing, Status status, long version, Instant filedAt,
                   Instant updatedAt, Assignment assignment, StatusNote outcome, String trailHead,
                   Preservation preservation, List<Clarification> clarifications) {
        this(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead, preservation,
                clarifications, new Sealing.Unsealed());
    }

    public Request(String id, Requester requester, Filing filing, Status status, long version, Instant filedAt,
                   Instant updatedAt, Assignment assignment, StatusNote outcome, String trailHead) {
        this(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead, null, List.of(),
                new Sealing.Unsealed());
    }

    public static Request filed(String id, Requester requester, Filing filing, Instant now) {
        return new Request(id, requester, filing, Status.FILED, 1, now, now, null, null, null);
    }

    Request next(Status status, Instant now, Assignment assignment, StatusNote outcome) {
        return new Request(id, requester, filing, status, version + 1, filedAt, now, assignment, outcome, trailHead,
                preservation, clarifications, sealing);
    }

    /** The next version with the same status: a trail entry that changes no state. */
    Request recorded() {
        return new Request(id, requester, filing, status, version + 1, filedAt, updatedAt, assignment, outcome, trailHead,
                preservation, clarifications, sealing);
    }

    Request with(Preservation changed) {
        return new Request(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead,
                changed, clarifications, sealing);
    }

    Request with(List<Clarification> changed) {
        return new Request(id, requester, filing, status, version, filedAt, updatedAt, assignment, outcome, trailHead,
                preservation, changed, sealing);
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
                preservation, clarifications, sealing);
    }

    /** Whether this copy lacks what people wrote on the request (see {@link Sealing.Withheld}). */
    public boolean wordsWithheld() {
        return sealing instanceof Sealing.Withheld;
    }

    /** What people wrote on this request; only a copy whose words were not withheld has them. */
    public Words words() {
        if (wordsWithheld()) throw new IllegalStateException("the words of request " + id + " were withheld from this copy");
        return new Words(filing.caseReference(), filing.offence(), filing.summaryOfFacts(), filing.identifiers(),
                filing.necessityStatement(),
                clarifications.stream().map(c -> new Words.Exchange(c.question(), c.answer())).toList(),
                outcome != null && outcome.byParty() ? outcome.text() : null);
    }

    /** This request without what people wrote on it, as the store hands it over with {@code sealed} kept aside. */
    public Request withheld(Sealing.Withheld sealed) {
        return new Request(id, requester, filing.withheld(), status, version, filedAt, updatedAt, assignment,
                outcome == null || !outcome.byParty() ? outcome : new StatusNote(outcome.ground(), null, true),
                trailHead, preservation, clarifications.stream().map(Clarification::withheld).toList(), sealed);
    }

    /** This request with its words put back, as the store opened them from the sealed copy {@code sealed}. */
    public Request disclosed(Words words, Sealing sealed) {
        if (words.rounds().size() != clarifications.size()) {
            throw new IllegalArgumentException("the sealed words of request " + id + " hold " + words.rounds().size()
                    + " rounds of questions, the request " + clarifications.size());
        }
        List<Clarification> rounds = new ArrayList<>();
        for (int i = 0; i < clarifications.size(); i++) rounds.add(clarifications.get(i).with(words.rounds().get(i)));
        StatusNote note = outcome == null || !outcome.byParty() ? outcome : new StatusNote(outcome.ground(), words.note(), true);
        return new Request(id, requester, filing.with(words), status, version, filedAt, updatedAt, assignment, note,
                trailHead, preservation, rounds, sealed);
    }

    /**
     * Why a request is where it is, in words the other party can read.
     * {@code ground} is a code (a rejection ground, a routing rule id), {@code text} the explanation:
     * Liaison's own words, or, when {@code byParty}, what a party wrote (an accept note, a rejection's
     * justification, a withdrawal's reason), which is sealed with the request's other words.
     */
    public record StatusNote(String ground, String text, boolean byParty) {
        /** A note in Liaison's own words. */
        public StatusNote(String ground, String text) {
            this(ground, text, false);
        }

        public static StatusNote byParty(String ground, String text) {
            return new StatusNote(ground, text, true);
        }
    }
}
