package io.liaison.audit;

import io.liaison.core.AuditEvent;

import java.util.List;

/**
 * Checks a request's trail as the table holds it: each event's entry hash over its content, each
 * chain hash over the one before, the sequence without gaps, and the head the request item names.
 * Pure: it names the first broken sequence number and the kind of damage, or says the trail is valid.
 */
public final class TrailVerifier {
    private TrailVerifier() {}

    /** An event with the hashes stored beside it. */
    public record StoredEvent(AuditEvent event, Hash entryHash, Hash chainHash) {}

    public enum Damage { ALTERED, MISSING, REORDERED, INSERTED, HEAD_MISMATCH, DIGEST_MISMATCH }

    /** Whether the event's stored hashes chain it directly onto {@code previous}. */
    private static boolean linksFrom(Hash previous, StoredEvent next) {
        return next.chainHash().equals(EventHashes.link(previous, next.entryHash()));
    }

    public sealed interface Verification {}

    public record Valid(long length, Hash head) implements Verification {}

    public record Broken(long sequence, Damage damage, String detail) implements Verification {}

    /**
     * @param events     the trail in the order of its keys
     * @param head       the head hash the request item holds
     * @param headLength the request's version: how many events the trail should have
     */
    public static Verification verify(List<StoredEvent> events, Hash head, long headLength) {
        Hash previous = Hash.GENESIS;
        long expected = 1;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent stored = events.get(i);
            long sequence = stored.event().sequence();
            if (sequence < expected) {
                return new Broken(sequence, Damage.INSERTED, "a second event numbered " + sequence + " stands after " + (expected - 1));
            }
            if (sequence > expected) {
                long wanted = expected;
                boolean later = events.stream().skip(i + 1).anyMatch(e -> e.event().sequence() == wanted);
                return later
                        ? new Broken(expected, Damage.REORDERED, "event " + expected + " stands after event " + sequence)
                        : new Broken(expected, Damage.MISSING, "event " + expected + " is missing; the next one is " + sequence);
            }
            if (i + 1 < events.size() && linksFrom(previous, events.get(i + 1))) {
                // The next event was chained straight onto the one before this: this one came in later.
                return new Broken(sequence, Damage.INSERTED, "event " + sequence + " was put between two events that were chained to each other");
            }
            Hash entry = EventHashes.entry(stored.event());
            if (!entry.equals(stored.entryHash())) {
                return new Broken(sequence, Damage.ALTERED, "the content of event " + sequence + " no longer matches its entry hash");
            }
            Hash chain = EventHashes.link(previous, entry);
            if (!chain.equals(stored.chainHash())) {
                return new Broken(sequence, Damage.ALTERED, "the chain hash of event " + sequence + " does not link to event " + (sequence - 1));
            }
            previous = chain;
            expected++;
        }
        if (expected - 1 < headLength) {
            return new Broken(expected, Damage.MISSING, "the trail ends at " + (expected - 1) + " but the request has " + headLength + " events");
        }
        if (!previous.equals(head)) {
            return new Broken(expected - 1, Damage.HEAD_MISMATCH, "the last event does not lead to the head the request holds");
        }
        return new Valid(expected - 1, previous);
    }
}
