package io.liaison.network;

import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Actor;
import io.liaison.core.ContactPoint;
import io.liaison.core.Directory;
import io.liaison.core.Network;
import io.liaison.core.RoutingPolicy;
import io.liaison.json.DirectoryJson;
import io.liaison.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The network as its two trails in the table say it stands. {@link #at} reads each trail's head
 * (one small consistent read) and loads only revisions it has not seen, so a decision always uses
 * the latest change; a function keeps the parsed revisions for its lifetime. Until the packaged
 * files are stored as revision 1 ({@link #seed}), they are revision 1 in memory.
 */
public final class StoredNetwork implements Network {
    /** How old a {@link #recent} snapshot may be. */
    static final Duration RECENT = Duration.ofSeconds(5);

    private final NetworkStore store;
    private final Clock clock;
    private final Loaded<Directory> directory;
    private final Loaded<RoutingPolicy> rules;
    private volatile Snapshot recent;
    private volatile Instant recentAt = Instant.MIN;

    public StoredNetwork(NetworkStore store, Directory packagedDirectory, String packagedRules, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.directory = new Loaded<>(Trail.DIRECTORY, firstDirectory(packagedDirectory), StoredNetwork::directoryOf);
        this.rules = new Loaded<>(Trail.ROUTING_RULES, firstRules(packagedRules), StoredNetwork::rulesOf);
    }

    /** Revision 1 of the directory: the packaged file, valid since ever, each entry in version 1. */
    static Revision firstDirectory(Directory packaged) {
        Directory versioned = new Directory(packaged.version(), packaged.contactPoints().stream().map(cp -> cp.inVersion(1)).toList());
        return new Revision(Trail.DIRECTORY, 1, Instant.EPOCH, Instant.EPOCH, Actor.SYSTEM, null,
                "the packaged demo directory (" + packaged.version() + "), loaded at first start", "loaded " + packaged.contactPoints().size()
                        + " contact points", null, EventHashes.canonicalJson(DirectoryJson.state(versioned).toString()), null, null);
    }

    /** Revision 1 of the routing rules: the packaged document. */
    static Revision firstRules(String document) {
        RoutingPolicy policy = rulesOf(EventHashes.canonicalJson(document));
        return new Revision(Trail.ROUTING_RULES, 1, Instant.EPOCH, Instant.EPOCH, Actor.SYSTEM, null,
                "the packaged routing rules (" + policy.version() + "), loaded at first start", "loaded " + policy.version(),
                policy.version(), EventHashes.canonicalJson(document), null, null);
    }

    /** Stores the packaged revision 1 of each trail that is still empty, stamped now (the directory function, the local server). */
    public void seed() {
        for (Loaded<?> trail : List.of(directory, rules)) {
            if (store.head(trail.trail).isPresent()) continue;
            Revision first = trail.first;
            Revision stamped = new Revision(first.trail(), 1, clock.instant(), first.validFrom(), first.author(), null,
                    first.reason(), first.change(), first.version(), first.state(), null, null).chainedOnto(Hash.GENESIS);
            store.append(stamped, 0); // a second seeder at the same moment loses, and its revision 1 is the same state
        }
    }

    @Override
    public Snapshot at(Instant at) {
        Snapshot snapshot = snapshot(at);
        recent = snapshot;
        recentAt = clock.instant();
        return snapshot;
    }

    @Override
    public Snapshot recent() {
        Snapshot known = recent;
        if (known != null && clock.instant().isBefore(recentAt.plus(RECENT))) return known;
        return at(clock.instant());
    }

    private Snapshot snapshot(Instant at) {
        Parsed<Directory> d = directory.at(at);
        Parsed<RoutingPolicy> r = rules.at(at);
        return new Snapshot(d.revision().number(), d.value(), r.revision().number(), r.value());
    }

    /** The directory revision in force at {@code at}, with its own record (number, validFrom): one head read. */
    public Parsed<Directory> directoryAt(Instant at) {
        return directory.at(at);
    }

    /** The latest revision of a trail (what a change is made onto), parsed. */
    Parsed<Directory> latestDirectory() {
        return directory.latest();
    }

    Parsed<RoutingPolicy> latestRules() {
        return rules.latest();
    }

    /** A revision with the state it holds, read once. */
    public record Parsed<T>(Revision revision, T value) {}

    static Directory directoryOf(String state) {
        try {
            List<ContactPoint> entries = DirectoryJson.entries(Json.MAPPER.readTree(state));
            return new Directory("directory", entries);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored directory is JSON", e);
        }
    }

    static RoutingPolicy rulesOf(String document) {
        try {
            return PolicyFiles.routingPolicy(Json.MAPPER.readTree(document));
        } catch (IOException e) {
            throw new UncheckedIOException("stored routing rules are JSON", e);
        }
    }

    /** One trail's revisions as far as this container has read them. */
    private final class Loaded<T> {
        private final Trail trail;
        private final Revision first;
        private final Function<String, T> parse;
        private volatile List<Parsed<T>> known = List.of();

        Loaded(Trail trail, Revision first, Function<String, T> parse) {
            this.trail = trail;
            this.first = first;
            this.parse = parse;
        }

        /** Every revision up to the current head. */
        synchronized List<Parsed<T>> fresh() {
            long head = store.head(trail).map(NetworkStore.Head::number).orElse(0L);
            if (head == 0) {
                if (known.isEmpty()) known = List.of(new Parsed<>(first, parse.apply(first.state())));
                return known;
            }
            long have = known.isEmpty() || known.getFirst().revision().at().equals(Instant.EPOCH) ? 0 : known.getLast().revision().number();
            if (have < head) {
                List<Parsed<T>> all = new ArrayList<>(have == 0 ? List.of() : known);
                for (Revision r : store.revisions(trail, have)) all.add(new Parsed<>(r, parse.apply(r.state())));
                known = List.copyOf(all);
            }
            return known;
        }

        /** The revision in force at {@code at}: the last one valid from then or earlier. */
        Parsed<T> at(Instant at) {
            List<Parsed<T>> all = fresh();
            Parsed<T> inForce = all.getFirst();
            for (Parsed<T> p : all) {
                if (!p.revision().validFrom().isAfter(at)) inForce = p;
            }
            return inForce;
        }

        Parsed<T> latest() {
            return fresh().getLast();
        }
    }
}
