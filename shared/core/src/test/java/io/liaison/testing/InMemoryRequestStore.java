package io.liaison.testing;

import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestStore;
import io.liaison.core.Response;
import io.liaison.core.ResponseStore;
import io.liaison.core.Sealing;
import io.liaison.core.Status;
import io.liaison.core.Words;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link RequestStore} in a map, for tests of the core and of the handlers. It keeps the
 * contract the DynamoDB store keeps: {@link #apply} writes only over the version the change was
 * computed from; a reused Idempotency-Key replays the stored request or reports the reuse; lists
 * are newest first, with a cursor that only the list that handed it out can read. Like it, it hands
 * requests over with their words withheld and keeps them aside, so a use case that shows or changes
 * words must disclose them, and one that does not (routing, deadlines, lists) works without them.
 */
public final class InMemoryRequestStore implements RequestStore, ResponseStore {
    private boolean cancelNextApply;
    private record StoredKey(String requestId, String fingerprint) {}


    /**
     * Every request as stored, with its words withheld; the words are kept aside under their
     * "envelope", which changes whenever the words were written anew, as a new seal does.
     */
    private final Map<String, Request> requests = new LinkedHashMap<>();
    private final Map<String, Words> words = new HashMap<>();
    private final Map<String, List<AuditEvent>> trails = new HashMap<>();
    private final Map<String, StoredKey> keys = new HashMap<>();
    private final Map<String, List<Response>> answers = new HashMap<>();
    private final Map<String, Keyed> responseKeys = new HashMap<>();
    private Runnable beforeNextApply;
    private int disclosures;

    /**
     * Runs {@code otherWriter} once, inside the next {@link #apply}, after the caller has read the
     * request and before its conditional write: the way another operator's change lands first.
     */
    public synchronized void interleaveBeforeNextApply(Runnable otherWriter) {
        this.beforeNextApply = otherWriter;
    }

    /** The next apply() is cancelled as DynamoDB cancels a transaction in conflict: nothing changes, false. */
    public synchronized void cancelNextApply() {
        cancelNextApply = true;
    }

    /** How many requests are stored. */
    public synchronized int size() {
        return requests.size();
    }

    /** How many audit events are stored, over every trail. */
    public synchronized int eventCount() {
        return trails.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public synchronized FileResult file(Request request, AuditEvent event, IdempotencyKey key) {
        if (key != null) {
            StoredKey stored = keys.get(key.scope() + "#" + key.key());
            if (stored != null) {
                return stored.fingerprint().equals(key.fingerprint())
                        ? new Replayed(disclose(requests.get(stored.requestId())))
                        : new KeyReused(stored.requestId());
            }
        }
        if (requests.containsKey(request.id())) {
            throw new IllegalStateException("request " + request.id() + " is stored already");
        }
        requireSequence(request, event);
        keep(request);
        trails.put(request.id(), new ArrayList<>(List.of(event)));
        if (key != null) keys.put(key.scope() + "#" + key.key(), new StoredKey(request.id(), key.fingerprint()));
        return new Stored();
    }

    @Override
    public synchronized Optional<Request> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public boolean apply(Request next, AuditEvent event) {
        Runnable otherWriter;
        synchronized (this) {
            otherWriter = beforeNextApply;
            beforeNextApply = null;
        }
        if (otherWriter != null) otherWriter.run();
        synchronized (this) {
            if (cancelNextApply) {
                cancelNextApply = false;
                return false;
            }
            Request current = requests.get(next.id());
            if (current == null || current.version() != next.version() - 1) return false;
            requireSequence(next, event);
            keep(next);
            trails.get(next.id()).add(event);
            return true;
        }
    }

    @Override
    public synchronized Request disclose(Request request) {
        if (!(request.sealing() instanceof Sealing.Withheld withheld)) return request;
        Words kept = words.get(withheld.envelope());
        if (kept == null) throw new IllegalStateException("no words kept for " + request.id() + " under " + withheld.envelope());
        disclosures++;
        return request.disclosed(kept, new Sealing.Disclosed(withheld.envelope(), "in-memory"));
    }

    /** How many times words were opened (each a KMS Decrypt on AWS). */
    public synchronized int disclosures() {
        return disclosures;
    }

    /** Stores the request withheld, and its words (unless withheld) under a new envelope. */
    private void keep(Request request) {
        if (request.wordsWithheld()) {
            requests.put(request.id(), request);
            return;
        }
        String envelope = "in-memory:" + request.id() + "#" + request.version();
        words.put(envelope, request.words());
        requests.put(request.id(), request.withheld(new Sealing.Withheld(envelope)));
    }

    /** The request as stored, with its words: what a test that looks inside the store sees. */
    public synchronized Optional<Request> stored(String requestId) {
        return Optional.ofNullable(requests.get(requestId)).map(this::disclose);
    }

    @Override
    public synchronized Page<Request> byAgency(String jurisdiction, String agency, Status status, String cursor, int limit) {
        return page("a", r -> r.requester().jurisdiction().equals(jurisdiction) && r.requester().agency().equals(agency),
                Comparator.comparing(Request::filedAt), status, cursor, limit);
    }

    @Override
    public synchronized Page<Request> byContactPoint(String contactPointId, Status status, String cursor, int limit) {
        return page("c", r -> r.assignment() != null && r.assignment().contactPointId().equals(contactPointId),
                Comparator.comparing(r -> r.assignment().routedAt()), status, cursor, limit);
    }

    @Override
    public synchronized List<String> due(java.time.Instant now, int limit) {
        return requests.values().stream()
                .filter(r -> io.liaison.core.Deadlines.nextDue(r).filter(d -> !d.isAfter(now)).isPresent())
                .map(Request::id).limit(limit).toList();
    }

    @Override
    public synchronized List<AuditEvent> events(String requestId) {
        return List.copyOf(trails.getOrDefault(requestId, List.of()));
    }

    private Page<Request> page(String list, Predicate<Request> inList, Comparator<Request> oldestFirst,
                               Status status, String cursor, int limit) {
        List<Request> all = requests.values().stream().filter(inList)
                .filter(r -> status == null || r.status() == status)
                .sorted(oldestFirst.thenComparing(Request::id).reversed())
                .toList();
        int start = 0;
        if (cursor != null) {
            String after = decode(list, cursor);
            int at = all.stream().map(Request::id).toList().indexOf(after);
            if (at < 0) throw new BadCursor("the cursor is not one this list handed out");
            start = at + 1;
        }
        int end = Math.min(all.size(), start + limit);
        List<Request> items = all.subList(start, end);
        String next = end < all.size() ? encode(list, items.getLast().id()) : null;
        return new Page<>(items, next);
    }

    private static String encode(String list, String requestId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + ":" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String list, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCursor("the cursor is not one this list handed out");
        }
        if (!text.startsWith(list + ":")) throw new BadCursor("the cursor is not one this list handed out");
        return text.substring(list.length() + 1);
    }

    private static void requireSequence(Request request, AuditEvent event) {
        if (event.sequence() != request.version() || !event.requestId().equals(request.id())) {
            throw new IllegalArgumentException("event " + event.requestId() + "/" + event.sequence()
                    + " does not record version " + request.version() + " of " + request.id());
        }
    }

    @Override
    public synchronized boolean submit(Request next, AuditEvent event, Response response, IdempotencyKey key) {
        if (key != null && responseKeys.containsKey(key.scope() + "#" + key.key())) return false;
        if (!apply(next, event)) return false;
        answers.computeIfAbsent(next.id(), k -> new ArrayList<>()).add(response);
        if (key != null) responseKeys.put(key.scope() + "#" + key.key(), new Keyed(response.number(), key.fingerprint()));
        return true;
    }

    @Override
    public synchronized Optional<Keyed> keyed(IdempotencyKey key) {
        return Optional.ofNullable(responseKeys.get(key.scope() + "#" + key.key()));
    }

    @Override
    public synchronized boolean review(Request next, AuditEvent event, Response reviewed) {
        Optional<Response> current = response(reviewed.requestId(), reviewed.number());
        if (current.isEmpty() || current.get().status() != Response.Status.HELD || !apply(next, event)) return false;
        List<Response> list = answers.get(reviewed.requestId());
        list.set(list.indexOf(current.get()), reviewed);
        return true;
    }

    @Override
    public boolean record(Request next, AuditEvent event) {
        return apply(next, event);
    }

    @Override
    public synchronized List<Response> responses(String requestId) {
        return List.copyOf(answers.getOrDefault(requestId, List.of()));
    }

    @Override
    public synchronized Optional<Response> response(String requestId, long number) {
        return answers.getOrDefault(requestId, List.of()).stream().filter(r -> r.number() == number).findFirst();
    }

    @Override
    public synchronized Page<Response> held(String jurisdiction, String cursor, int limit) {
        List<Response> held = answers.values().stream().flatMap(List::stream)
                .filter(r -> r.status() == Response.Status.HELD)
                .filter(r -> requests.get(r.requestId()).filing().targetJurisdiction().equals(jurisdiction))
                .sorted(Comparator.comparing(Response::submittedAt)).limit(limit).toList();
        return new Page<>(held, null);
    }
}
