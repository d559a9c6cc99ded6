package io.liaison.core;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the e-CODEX evidence of every notice in the request's trail: DELIVERY when the recipient's
 * channel took it, NON_DELIVERY when the last attempt failed. One entry per notice, however often
 * the queue delivers it.
 */
public final class NotificationService {
    private static final int ATTEMPTS = 20;

    private final RequestStore store;
    private final Clock clock;

    public NotificationService(RequestStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<Request> request(String requestId) {
        return store.find(requestId);
    }

    /**
     * When the event a notice is about happened ({@code otherwise} if the trail lacks it), read with
     * the rest of the trail in one query; empty when the trail already says how the notice ended
     * (a redelivered message) and nothing is left to send.
     */
    public Optional<java.time.Instant> unsettled(Notification notification, java.time.Instant otherwise) {
        List<AuditEvent> trail = store.events(notification.requestId());
        if (settled(trail, notification)) return Optional.empty();
        return Optional.of(trail.stream().filter(e -> e.sequence() == notification.sequence()).findFirst()
                .map(AuditEvent::at).orElse(otherwise));
    }

    private static boolean settled(List<AuditEvent> trail, Notification notification) {
        return trail.stream().anyMatch(e ->
                (e.action().equals(Notification.DELIVERY) || e.action().equals(Notification.NON_DELIVERY))
                        && notification.ground().equals(e.ground()));
    }

    /**
     * Records the outcome ({@code detail} is Liaison's own words: channel and status, never a secret
     * or a URL path), first over {@code readBefore}: the request as read before
     * {@link #unsettled} found the notice unsettled. Safe without reading again (ADR 0023): the entry
     * is written at the sequence after {@code readBefore}'s last, so an entry anyone appended since
     * (another delivery of the same notice among them) takes that place first and this one is
     * computed again on a fresh read.
     */
    public void record(Notification notification, Request readBefore, boolean delivered, String detail) {
        String action = delivered ? Notification.DELIVERY : Notification.NON_DELIVERY;
        String reason = "notice of event " + notification.sequence() + " (" + notification.action() + ") to "
                + notification.recipient().key() + ": " + detail;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // The first attempt writes over the read the sender made; a retry reads again, and stops
            // if another delivery of the notice settled it meanwhile.
            Optional<Request> request = attempt == 0 ? Optional.of(readBefore) : store.find(notification.requestId());
            if (request.isEmpty() || (attempt > 0 && settled(store.events(notification.requestId()), notification))) return;
            Lifecycle.Applied applied = Lifecycle.record(request.get(), action, Actor.SYSTEM, clock.instant(), List.of(),
                    notification.ground(), reason);
            if (store.apply(applied.request(), applied.event())) return;
            pause(attempt);
        }
        throw new IllegalStateException("the " + action + " of " + notification.ground() + " could not be recorded");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a notice", e);
        }
    }
}
