package io.liaison.core;

import io.liaison.core.gate.Answer;
import io.liaison.core.gate.GateDecision;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.core.gate.ResponseRecord;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The use cases of answers: a contact point responds, the gate decides, a data-protection officer
 * reviews what the gate held, the requester reads what was released, and every read is recorded.
 */
public final class ResponseService {
    /** How often a write that lost a race with a read or review is tried again on a fresh copy. */
    static final int ATTEMPTS = 5;
    private static final Set<String> ISO_3166_ALPHA2 = Set.of(java.util.Locale.getISOCountries());

    private final RequestStore requests;
    private final ResponseStore responses;
    private final Supplier<ReleaseGate> gates;
    private final Clock clock;

    /** {@code gates} gives the gate of the current policy, so a replaced policy applies to the next answer. */
    public ResponseService(RequestStore requests, ResponseStore responses, Supplier<ReleaseGate> gates, Clock clock) {
        this.requests = requests;
        this.responses = responses;
        this.gates = gates;
        this.clock = clock;
    }

    /** What a party sees of one response: the response, and whether its payload is shown to this caller. */
    public record Seen(Response response, boolean payloadShown, String withheldBecause) {}

    public Outcome<Response> submit(Caller caller, String requestId, Answer answer) {
        return submit(caller, requestId, answer, Optional.empty());
    }

    /**
     * Answers a request. With an idempotency key, a retry of the same answer returns the response
     * the first try stored, and the same key for a different answer is refused.
     */
    public Outcome<Response> submit(Caller caller, String requestId, Answer answer, Optional<RequestStore.IdempotencyKey> key) {
        if (caller.role() != Role.CONTACT_POINT) {
            return new Outcome.Forbidden<>("only the contact point a request was routed to answers it");
        }
        Request disclosed = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Request> found = requests.find(requestId).filter(r -> Scope.canSee(caller, r));
            if (found.isEmpty()) return new Outcome.NotFound<>();
            Optional<ResponseStore.Keyed> earlier = key.flatMap(responses::keyed);
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(key.get().fingerprint())) {
                    return new Outcome.Invalid<>(List.of(new Violation(null,
                            "this Idempotency-Key was already used for a different answer; use a new key for a new answer")));
                }
                return responses.response(requestId, earlier.get().number())
                        .<Outcome<Response>>map(Outcome.Ok::new).orElseGet(Outcome.NotFound::new);
            }
            // The gate compares the answer with the identifiers the requester named: open the filing.
            Request request = disclosed = requests.disclose(found.get(), disclosed);
            List<Violation> violations = check(request, answer);
            if (!violations.isEmpty()) return new Outcome.Invalid<>(violations);
            Instant now = clock.instant();
            GateDecision decision = gates.get().evaluate(request, answer, notificationCleared(requestId), now);
            Lifecycle.Result result = Lifecycle.apply(request,
                    new Lifecycle.Respond(answer.isFinal(), decision.verdict().name(), decision.ruleIds()), Actor.of(caller), now);
            if (result instanceof Lifecycle.NotAllowed refused) return new Outcome.Conflict<>(refused.message());
            Lifecycle.Applied applied = (Lifecycle.Applied) result;
            Response.Status status = Response.statusOf(decision.verdict());
            Response response = new Response(requestId, applied.request().version(), caller.subject(),
                    caller.contactPointId(), answer, decision, status, null, now,
                    status == Response.Status.RELEASED ? decision.expiresAt() : null);
            if (responses.submit(applied.request(), applied.event().decidedBy(decision.policyVersion()), response,
                    key.orElse(null))) {
                return new Outcome.Ok<>(response);
            }
            if (attempt == ATTEMPTS) return new Outcome.Conflict<>("the request kept changing; try again");
        }
    }

    /**
     * The responses of a request as its parties see them. The requester gets released payloads
     * (TLP:RED only to the officer who filed), the contact point the decisions; each payload shown
     * is first recorded in the trail, and nothing is shown if that record cannot be written.
     */
    public Outcome<List<Seen>> read(Caller caller, String requestId) {
        Optional<Request> found = requests.find(requestId).filter(r -> Scope.canSee(caller, r));
        if (found.isEmpty()) return new Outcome.NotFound<>();
        Request request = found.get();
        List<Response> stored = responses.responses(requestId);
        Instant now = clock.instant(); // after the read: what expired while it ran counts as expired
        List<Seen> seen = new ArrayList<>();
        for (Response response : stored) {
            seen.add(seen(caller, request, response, now));
        }
        List<Long> shown = seen.stream().filter(Seen::payloadShown).map(s -> s.response().number()).toList();
        if (!shown.isEmpty() && !recordRead(caller, requestId, shown)) {
            return new Outcome.Conflict<>("the read could not be recorded in the trail, so nothing is shown; try again");
        }
        return new Outcome.Ok<>(seen);
    }

    private static Seen seen(Caller caller, Request request, Response response, Instant now) {
        if (caller.role() != Role.REQUESTER) return new Seen(response, false, "the contact point sees the decision, not the released view");
        if (response.status() != Response.Status.RELEASED) return new Seen(response, false, "not released");
        if (response.expired(now)) return new Seen(response, false, "purged: its retention period ended");
        if (response.decision().tlp() == io.liaison.core.Tlp.RED && !caller.subject().equals(request.requester().subject())) {
            return new Seen(response, false, "TLP:RED: readable only by the officer who filed the request");
        }
        return new Seen(response, true, null);
    }

    /** Many readers at once all contend for the next trail position: readers retry longer, with jitter. */
    static final int READ_ATTEMPTS = 40;

    private boolean recordRead(Caller caller, String requestId, List<Long> numbers) {
        String which = numbers.stream().map(String::valueOf).collect(Collectors.joining(","));
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Optional<Request> request = requests.find(requestId);
            if (request.isEmpty()) return false;
            Lifecycle.Applied applied = Lifecycle.record(request.get(), "RESPONSES_READ", Actor.of(caller), clock.instant(),
                    List.of(), "responses " + which);
            if (responses.record(applied.request(), applied.event())) return true;
            backOff(attempt);
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a read", e);
        }
    }

    static final String NOTIFICATION_CLEARED = "NOTIFICATION_CLEARED";

    /**
     * The enforcing State's contact point records that the notification of a European Production
     * Order (Reg. 2023/1543 Art. 8) raised no ground for refusal: from then on the gate lets the
     * order's traffic and content data through rule G3 (the other rules still apply).
     */
    public Outcome<Request> clearNotification(Caller caller, String requestId) {
        if (caller.role() != Role.CONTACT_POINT) {
            return new Outcome.Forbidden<>("the enforcing State's contact point records the notification as cleared");
        }
        Request disclosed = null;
        for (int attempt = 1; ; attempt++) {
            Optional<Request> found = requests.find(requestId).filter(r -> Scope.canSee(caller, r));
            if (found.isEmpty()) return new Outcome.NotFound<>();
            Request request = found.get();
            if (request.filing().legalBasis().instrument() != Instrument.E_EVIDENCE_REGULATION) {
                return new Outcome.Conflict<>("only a European Production Order has an enforcing-State notification to clear");
            }
            if (request.status() != Status.ACCEPTED) {
                return new Outcome.Conflict<>("a request that is " + request.status().code() + " takes no notification clearance");
            }
            if (notificationCleared(requestId)) return new Outcome.Conflict<>("the notification is already recorded as cleared");
            // The contact point is shown the request as it now stands, words included.
            disclosed = requests.disclose(request, disclosed);
            Lifecycle.Applied applied = Lifecycle.record(disclosed, NOTIFICATION_CLEARED, Actor.of(caller),
                    clock.instant(), List.of(ReleaseGate.NOTIFICATION), "Reg. 2023/1543 Art. 8");
            if (responses.record(applied.request(), applied.event())) return new Outcome.Ok<>(applied.request());
            if (attempt == ATTEMPTS) return new Outcome.Conflict<>("the request kept changing; try again");
        }
    }

    private boolean notificationCleared(String requestId) {
        return requests.events(requestId).stream().anyMatch(e -> e.action().equals(NOTIFICATION_CLEARED));
    }

    /**
     * Records that a response's payload left the table at the end of its retention period. Safe to
     * call again for the same payload (stream redelivery): the trail gets one entry.
     */
    public void recordPurge(String requestId, long number) {
        String ground = "response " + number;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Request> request = requests.find(requestId);
            if (request.isEmpty() || requests.events(requestId).stream()
                    .anyMatch(e -> e.action().equals("PAYLOAD_PURGED") && ground.equals(e.ground()))) {
                return;
            }
            Lifecycle.Applied applied = Lifecycle.record(request.get(), "PAYLOAD_PURGED", Actor.SYSTEM, clock.instant(),
                    List.of(ReleaseGate.RETENTION), ground);
            if (responses.record(applied.request(), applied.event())) return;
        }
        throw new IllegalStateException("the purge of response " + number + " of " + requestId + " could not be recorded");
    }

    /** The held responses a data-protection officer of the responding jurisdiction reviews. */
    public Outcome<Page<Response>> reviewQueue(Caller caller, String cursor, int limit) {
        if (caller.role() != Role.DATA_PROTECTION_OFFICER) {
            return new Outcome.Forbidden<>("the review queue is for data-protection officers");
        }
        return new Outcome.Ok<>(responses.held(caller.jurisdiction(), cursor, Math.clamp(limit, 1, RequestService.MAX_PAGE_SIZE)));
    }

    /**
     * One response with its answer as sent, for a data-protection officer of the responding
     * jurisdiction to judge; the read is recorded in the request's trail before it is shown.
     */
    public Outcome<Response> forReview(Caller caller, String requestId, long number) {
        if (caller.role() != Role.DATA_PROTECTION_OFFICER) {
            return new Outcome.Forbidden<>("only a data-protection officer reads a response for review");
        }
        Optional<Response> response = requests.find(requestId)
                .filter(r -> r.filing().targetJurisdiction().equals(caller.jurisdiction()))
                .flatMap(r -> responses.response(requestId, number));
        if (response.isEmpty()) return new Outcome.NotFound<>();
        if (!recordRead(caller, requestId, List.of(number))) {
            return new Outcome.Conflict<>("the read could not be recorded in the trail, so nothing is shown; try again");
        }
        return new Outcome.Ok<>(response.get());
    }

    /**
     * A data-protection officer of the responding jurisdiction approves (releases) or blocks a held
     * response. Four eyes: the person who wrote it cannot review it.
     */
    public Outcome<Response> review(Caller caller, String requestId, long number, boolean approve, String reason) {
        if (caller.role() != Role.DATA_PROTECTION_OFFICER) {
            return new Outcome.Forbidden<>("only a data-protection officer reviews held responses");
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Request> request = requests.find(requestId)
                    .filter(r -> r.filing().targetJurisdiction().equals(caller.jurisdiction()));
            Optional<Response> response = request.flatMap(r -> responses.response(requestId, number));
            if (response.isEmpty()) return new Outcome.NotFound<>();
            if (response.get().status() != Response.Status.HELD) {
                return new Outcome.Conflict<>("response " + number + " is " + response.get().status() + ", not held for review");
            }
            if (response.get().authorSubject().equals(caller.subject())) {
                return new Outcome.Forbidden<>("four eyes: the person who wrote a response cannot review it");
            }
            if (approve && request.get().status() == Status.WITHDRAWN) {
                return new Outcome.Conflict<>("the request was withdrawn: nothing more is released to it; block the response instead");
            }
            Instant now = clock.instant();
            List<String> ruleIds = response.get().decision().ruleIds();
            String ground = "response " + number;
            // Releasing a held final answer ends the request, unless it was withdrawn meanwhile.
            boolean closes = approve && response.get().answer().isFinal() && request.get().status() == Status.ACCEPTED;
            Lifecycle.Applied applied = closes
                    ? (Lifecycle.Applied) Lifecycle.apply(request.get(), new Lifecycle.ReleaseFinal(ruleIds, ground), Actor.of(caller), now)
                    : Lifecycle.record(request.get(), approve ? "RELEASE_APPROVED" : "RELEASE_BLOCKED", Actor.of(caller), now,
                            ruleIds, ground);
            Response reviewed = response.get().reviewed(
                    new Response.Review(caller.subject(), caller.jurisdiction(), approve, reason, now),
                    now.plus(gates.get().policy().retention()));
            if (responses.review(applied.request(), applied.event(), reviewed)) return new Outcome.Ok<>(reviewed);
            if (attempt == ATTEMPTS) return new Outcome.Conflict<>("the request kept changing; try again");
        }
    }

    private static List<Violation> check(Request request, Answer answer) {
        List<Violation> violations = new ArrayList<>();
        boolean preservation = request.filing().type() == RequestType.PRESERVATION;
        if (preservation && answer.confirmation() == null) {
            violations.add(new Violation("/confirmation",
                    "a preservation request is answered with a confirmation: what is preserved, and until when"));
        }
        if (!preservation && answer.records().isEmpty()) {
            violations.add(new Violation("/records", "an answer carries at least one record"));
        }
        if (answer.confirmation() != null && answer.confirmation().until()
                .isBefore(LocalDate.ofInstant(request.filedAt(), ZoneOffset.UTC))) {
            violations.add(new Violation("/confirmation/until", "data cannot be preserved until a day before the request"));
        }
        for (int i = 0; i < answer.records().size(); i++) {
            ResponseRecord record = answer.records().get(i);
            if (!ISO_3166_ALPHA2.contains(record.originJurisdiction())) {
                violations.add(new Violation("/records/" + i + "/originJurisdiction",
                        "'" + record.originJurisdiction() + "' is not an ISO 3166-1 alpha-2 country code"));
            }
            if (record.fields().isEmpty()) violations.add(new Violation("/records/" + i + "/fields", "a record has fields"));
        }
        return violations;
    }
}
