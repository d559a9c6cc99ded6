package io.liaison.testing;

import io.liaison.network.NetworkStore;
import io.liaison.network.Proposal;
import io.liaison.network.Revision;
import io.liaison.network.Trail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The two trails in memory, with the same conditions the table puts on an append. */
public final class InMemoryNetworkStore implements NetworkStore {
    private final Map<Trail, List<Revision>> trails = new EnumMap<>(Trail.class);
    private final Map<String, Proposal> proposals = new LinkedHashMap<>();

    public InMemoryNetworkStore() {
        for (Trail t : Trail.values()) trails.put(t, new ArrayList<>());
    }

    @Override
    public synchronized Optional<Head> head(Trail trail) {
        List<Revision> all = trails.get(trail);
        return all.isEmpty() ? Optional.empty() : Optional.of(new Head(all.getLast().number(), all.getLast().chainHash()));
    }

    @Override
    public synchronized List<Revision> revisions(Trail trail, long after) {
        return trails.get(trail).stream().filter(r -> r.number() > after).toList();
    }

    @Override
    public synchronized Optional<Revision> revision(Trail trail, long number) {
        return trails.get(trail).stream().filter(r -> r.number() == number).findFirst();
    }

    @Override
    public synchronized boolean append(Revision next, long expected) {
        List<Revision> all = trails.get(next.trail());
        if (all.size() != expected) return false;
        all.add(next);
        return true;
    }

    @Override
    public synchronized boolean propose(Proposal proposal) {
        if (versionProposed(proposal.version()) || proposals.containsKey(proposal.id())) return false;
        proposals.put(proposal.id(), proposal);
        return true;
    }

    @Override
    public synchronized Optional<Proposal> proposal(String id) {
        return Optional.ofNullable(proposals.get(id));
    }

    @Override
    public synchronized List<Proposal> proposals() {
        return List.copyOf(proposals.values());
    }

    @Override
    public synchronized boolean versionProposed(String version) {
        return proposals.values().stream().anyMatch(p -> p.version().equals(version));
    }

    @Override
    public synchronized boolean approve(Proposal approved, Revision next, long expected) {
        Proposal was = proposals.get(approved.id());
        if (was == null || was.status() != Proposal.Status.PENDING || !append(next, expected)) return false;
        proposals.put(approved.id(), approved);
        return true;
    }

    /** Replaces a stored revision as someone with write access to the table could (tests of tampering). */
    public synchronized void overwrite(Revision edited) {
        List<Revision> all = trails.get(edited.trail());
        all.set((int) edited.number() - 1, edited);
    }
}
