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

    /**
     * One link of a hash chain as stored: its place, when it was written, the two stored hashes, and
     * the entry hash its content has now. Request trails chain audit events; the directory's and the
     * routing rules' trails chain revisions; both verify the same way.
     */
    public interface Link {
        long sequence();

        java.time.Instant at();

        Hash entryHash();

        Hash chainHash();

        /** The entry hash of the content as it stands now. */
        Hash contentHash();
    }

    /** An event with the hashes stored beside it. */
    public record StoredEvent(AuditEvent event, Hash entryHash, Hash chainHash) implements Link {
        @Override public long sequence() { return event.sequence(); }

        @Override public java.time.Instant at() { return event.at(); }

        @Override public Hash contentHash() { return EventHashes.entry(event); }
    }

    public enum Damage { ALTERED, MISSING, REORDERED, INSERTED, HEAD_MISMATCH, DIGEST_MISMATCH }

    /** Whether the event's stored hashes chain it directly onto {@code previous}. */
    private static boolean linksFrom(Hash previous, Link next) {
        return next.chainHash().equals(EventHashes.link(previous, next.entryHash()));
    }

    public sealed interface Verification {}

    public record Valid(long length, Hash head) implements Verification {}

    public record Broken(long sequence, Damage damage, String detail) implements Verification {}

    /**
     * A request's trail: its state item holds the head and length at its last change of state, and
     * entries that change no state (deliveries, reads) may follow it, each chained onto the one before.
     *
     * @param events     the trail in the order of its keys
     * @param head       the head hash the request's state item holds
     * @param headLength the length it holds it at: the trail must have at least so many events
     */
    public static Verification verify(List<? extends Link> events, Hash head, long headLength) {
        return verify(events, head, headLength, "event", true);
    }

    /** A trail whose head is its last link (an export's, a directory's): @param noun what a link is called in the details */
    public static Verification verify(List<? extends Link> events, Hash head, long headLength, String noun) {
        return verify(events, head, headLength, noun, false);
    }

    /** @param linksMayFollow whether links after the head are part of the trail (a request's evidence) or damage */
    public static Verification verify(List<? extends Link> events, Hash head, long headLength, String noun,
                                      boolean linksMayFollow) {
        Hash previous = Hash.GENESIS;
        Hash atHead = headLength == 0 ? Hash.GENESIS : null;
        long expected = 1;
        for (int i = 0; i < events.size(); i++) {
            Link stored = events.get(i);
            long sequence = stored.sequence();
            if (sequence < expected) {
                return new Broken(sequence, Damage.INSERTED, "a second " + noun + " numbered " + sequence + " stands after " + (expected - 1));
            }
            if (sequence > expected) {
                long wanted = expected;
                boolean later = events.stream().skip(i + 1).anyMatch(e -> e.sequence() == wanted);
                return later
                        ? new Broken(expected, Damage.REORDERED, noun + " " + expected + " stands after " + noun + " " + sequence)
                        : new Broken(expected, Damage.MISSING, noun + " " + expected + " is missing; the next one is " + sequence);
            }
            if (i + 1 < events.size() && linksFrom(previous, events.get(i + 1))) {
                // The next event was chained straight onto the one before this: this one came in later.
                return new Broken(sequence, Damage.INSERTED, noun + " " + sequence + " was put between two " + noun + "s that were chained to each other");
            }
            Hash entry = stored.contentHash();
            if (!entry.equals(stored.entryHash())) {
                return new Broken(sequence, Damage.ALTERED, "the content of " + noun + " " + sequence + " no longer matches its entry hash");
            }
            Hash chain = EventHashes.link(previous, entry);
            if (!chain.equals(stored.chainHash())) {
                return new Broken(sequence, Damage.ALTERED, "the chain hash of " + noun + " " + sequence + " does not link to " + noun + " " + (sequence - 1));
            }
            previous = chain;
            if (sequence == headLength) atHead = chain;
            expected++;
        }
        if (expected - 1 < headLength) {
            return new Broken(expected, Damage.MISSING, "the trail ends at " + (expected - 1) + (noun.equals("event") ? " but the request has " + headLength + " events" : " but its head says " + headLength));
        }
        if (!(linksMayFollow ? head.equals(atHead) : previous.equals(head))) {
            return new Broken(linksMayFollow ? headLength : expected - 1, Damage.HEAD_MISMATCH, (linksMayFollow ? noun + " " + headLength : "the last " + noun)
                    + " does not lead to the head the " + (noun.equals("event") ? "request" : "trail") + " holds");
        }
        return new Valid(expected - 1, previous);
    }
}
