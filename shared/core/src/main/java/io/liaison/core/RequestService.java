package io.liaison.core;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The use cases of the request path: file, follow, acknowledge, withdraw, route. */
public final class RequestService {
    public static final int MAX_PAGE_SIZE = 100;
    private static final String TARGET = "/targetJurisdiction";
    private static final String INSTRUMENT = "/legalBasis/instrument";

    private final RequestStore store;
    private final Network network;
    private final Clock clock;
    private final Supplier<String> ids;

    public RequestService(RequestStore store, Directory directory, RoutingPolicy policy, Clock clock, Supplier<String> ids) {
        this(store, Network.fixed(directory, policy), clock, ids);
    }

    public RequestService(RequestStore store, Network network, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.network = network;
        this.clock = clock;
        this.ids = ids;
    }

    public Outcome<Filed> file(Caller caller, Filing filing, Optional<RequestStore.IdempotencyKey> key) {
        if (caller.role() != Role.REQUESTER || caller.agency() == null) {
            return new Outcome.Forbidden<>("only a requester acting for an agency files requests");
        }
        Requester requester = new Requester(caller.jurisdiction(), caller.agency(), caller.subject());
        java.time.Instant now = clock.instant();
        List<Violation> violations = refusal(requester, filing, network.at(now), now);
        if (!violations.isEmpty()) return new Outcome.Invalid<>(violations);

        Request request = Request.filed(ids.get(), requester, filing, now);
        RequestStore.FileResult result = store.file(request, Lifecycle.filingEvent(request, Actor.of(caller)), key.orElse(null));
        return switch (result) {
            case RequestStore.Stored s -> new Outcome.Ok<>(new Filed(request, false));
            case RequestStore.Replayed r -> new Outcome.Ok<>(new Filed(r.request(), true));
            case RequestStore.KeyReused k -> new Outcome.Invalid<>(List.of(new Violation(null,
                    "this Idempotency-Key was already used for a different request; use a new key for a new request")));
        };
    }

    /**
     * Why filing would refuse this filing at {@code at}, or nothing: its rules, a target the
     * directory serves then, and an instrument that binds both sides on that day.
     */
    private static List<Violation> refusal(Requester requester, Filing filing, Network.Snapshot inForce, java.time.Instant at) {
        List<Violation> violations = new ArrayList<>(FilingRules.check(filing, requester, inForce.directory(), at));
        // A target already refused leaves no pair to ask about; the router asks the same question on the same date.
        if (violations.stream().noneMatch(v -> TARGET.equals(v.pointer()))
                && inForce.rules().binding(filing.legalBasis().instrument(), requester.jurisdiction(), filing.targetJurisdiction(),
                        LocalDate.ofInstant(at, ZoneOffset.UTC)) instanceof Binding.DoesNotBind refused) {
            violations.add(new Violation(INSTRUMENT, refused.reason()));
        }
        return violations;
    }

    /**
     * What filing this draft at {@code at} would lead to, storing nothing: the revisions in force,
     * the binding of its instrument, and the routing decision the router would take, made by the
     * same {@link #refusal} and {@link Routing#decide} as the real thing.
     */
    public record Preview(java.time.Instant at, Request draft, Network.Snapshot inForce, Binding binding,
                          Lifecycle.Action decision) {}

    public Outcome<Preview> preview(Caller caller, Filing filing, java.time.Instant at) {
        if (caller.role() != Role.REQUESTER || caller.agency() == null) {
            return new Outcome.Forbidden<>("only a requester acting for an agency previews a filing");
        }
        Requester requester = new Requester(caller.jurisdiction(), caller.agency(), caller.subject());
        Network.Snapshot inForce = network.at(at);
        List<Violation> violations = refusal(requester, filing, inForce, at);
        if (!violations.isEmpty()) return new Outcome.Invalid<>(violations);
        Request draft = Request.filed("preview", requester, filing, at);
        Binding binding = inForce.rules().binding(filing.legalBasis().instrument(), requester.jurisdiction(),
                filing.targetJurisdiction(), LocalDate.ofInstant(at, ZoneOffset.UTC));
        return new Outcome.Ok<>(new Preview(at, draft, inForce, binding, Routing.decide(draft, inForce, at)));
    }

    /**
     * What a requester may file to whom today: the jurisdictions the directory serves (its own
     * left out) and, for {@code target}, whether each instrument binds both sides and why not.
     * The same question filing asks, on the same date, so the form offers exactly what filing takes.
     */
    public record LegalBases(String requesting, String target, LocalDate date, String policyVersion, List<String> targets,
                             List<Binding> bindings) {
        public LegalBases {
            targets = List.copyOf(targets);
            bindings = List.copyOf(bindings);
        }
    }

    public Outcome<LegalBases> legalBases(Caller caller, Optional<String> target) {
        if (caller.role() != Role.REQUESTER) return new Outcome.Forbidden<>("only a requester files requests");
        java.time.Instant now = clock.instant();
        Network.Snapshot inForce = network.at(now);
        RoutingPolicy policy = inForce.rules();
        List<String> targets = inForce.directory().contactPoints().stream().filter(cp -> cp.validAt(now)).map(ContactPoint::jurisdiction)
                .filter(j -> !j.equals(caller.jurisdiction())).distinct().sorted().toList();
        if (target.isPresent() && !targets.contains(target.get())) {
            return new Outcome.Invalid<>(List.of(new Violation("/targetJurisdiction", target.get().equals(caller.jurisdiction())
                    ? "the target jurisdiction is the requester's own; Liaison brokers cross-border requests"
                    : "the directory has no contact point in " + target.get())));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Binding> bindings = target.map(t -> policy.bindings(caller.jurisdiction(), t, today)).orElse(List.of());
        return new Outcome.Ok<>(new LegalBases(caller.jurisdiction(), target.orElse(null), today, policy.version(), targets, bindings));
    }

    /** The request as its parties see it, with what people wrote on it. */
    public Outcome<Request> get(Caller caller, String requestId) {
        return visible(caller, requestId).map(store::disclose).<Outcome<Request>>map(Outcome.Ok::new)
                .orElseGet(Outcome.NotFound::new);
    }

    /** The request without what people wrote on it (withheld): for a use case that needs its state only. */
    public Outcome<Request> summary(Caller caller, String requestId) {
        return visible(caller, requestId).<Outcome<Request>>map(Outcome.Ok::new).orElseGet(Outcome.NotFound::new);
    }

    public Outcome<Page<Request>> list(Caller caller, Status status, String cursor, int limit) {
        int size = Math.clamp(limit, 1, MAX_PAGE_SIZE);
        return switch (caller.role()) {
            case REQUESTER -> caller.agency() == null
                    ? new Outcome.Forbidden<>("the token names no agency")
                    : new Outcome.Ok<>(store.byAgency(caller.jurisdiction(), caller.agency(), status, cursor, size));
            case CONTACT_POINT -> !operatesAContactPointOfItsJurisdiction(caller)
                    ? new Outcome.Forbidden<>("the token names no contact point of its jurisdiction")
                    : new Outcome.Ok<>(store.byContactPoint(caller.contactPointId(), status, cursor, size));
            case DATA_PROTECTION_OFFICER, AUDITOR, ADMINISTRATOR ->
                    new Outcome.Forbidden<>("requests are listed for requesters and contact points");
        };
    }

    public Outcome<List<AuditEvent>> events(Caller caller, String requestId) {
        return visible(caller, requestId).<Outcome<List<AuditEvent>>>map(r -> new Outcome.Ok<>(store.events(r.id())))
                .orElseGet(Outcome.NotFound::new);
    }

    /** The contact point's answer to a routed request: accept, or reject with a ground. */
    public Outcome<Request> acknowledge(Caller caller, String requestId, Lifecycle.Action acknowledgement) {
        if (caller.role() != Role.CONTACT_POINT) {
            return new Outcome.Forbidden<>("only the contact point a request was routed to acknowledges it");
        }
        if (!(acknowledgement instanceof Lifecycle.Accept || acknowledgement instanceof Lifecycle.Reject)) {
            throw new IllegalArgumentException("not an acknowledgement: " + acknowledgement);
        }
        return change(caller, requestId, request -> acknowledgement instanceof Lifecycle.Accept a
                ? new Lifecycle.Accept(a.note(), rulesOf(request).preservationFor(request.filing())
                        .map(RoutingPolicy.PreservationRule::preserveFor).orElse(null))
                : acknowledgement);
    }

    /** The contact point asks the requester a question about an accepted request. */
    public Outcome<Request> askForClarification(Caller caller, String requestId, String question) {
        if (caller.role() != Role.CONTACT_POINT) {
            return new Outcome.Forbidden<>("only the contact point handling a request asks for clarification");
        }
        return change(caller, requestId, request -> new Lifecycle.RequestClarification(question));
    }

    /** The requester answers the contact point's open question. */
    public Outcome<Request> clarify(Caller caller, String requestId, String answer) {
        if (caller.role() != Role.REQUESTER) {
            return new Outcome.Forbidden<>("only the requesting agency answers a request for clarification");
        }
        return change(caller, requestId, request -> new Lifecycle.Clarify(answer));
    }

    /** The requester extends the preservation of an accepted preservation request, once, as its preservation rule allows. */
    public Outcome<Request> extendPreservation(Caller caller, String requestId) {
        if (caller.role() != Role.REQUESTER) {
            return new Outcome.Forbidden<>("only the requesting agency extends a preservation");
        }
        return change(caller, requestId, request -> {
            var rule = rulesOf(request).preservationFor(request.filing());
            return new Lifecycle.ExtendPreservation(rule.map(RoutingPolicy.PreservationRule::extendBy).orElse(null),
                    rule.map(RoutingPolicy.PreservationRule::id).orElse(null));
        });
    }

    public Outcome<Request> withdraw(Caller caller, String requestId, String reason) {
        if (caller.role() != Role.REQUESTER) {
            return new Outcome.Forbidden<>("only the requesting agency withdraws a request");
        }
        return change(caller, requestId, request -> new Lifecycle.Withdraw(reason));
    }

    /**
     * Routes a filed request. Safe to call again for the same request (stream redelivery):
     * a request that is no longer FILED is left as it is.
     */
    public Optional<Request> route(String requestId) {
        Optional<Request> found = store.find(requestId);
        if (found.isEmpty() || found.get().status() != Status.FILED) return Optional.empty();
        Request request = found.get();
        // The directory and rules as they stood when the request was filed: a later change never reroutes it.
        Network.Snapshot inForce = network.at(request.filedAt());
        java.time.Instant now = clock.instant();
        Lifecycle.Action decision = Routing.decide(request, inForce, now);
        if (Lifecycle.apply(request, decision, Actor.SYSTEM, now) instanceof Lifecycle.Applied applied
                && store.apply(applied.request(), applied.event().decidedBy(inForce.rules().version(), inForce.directoryRevision()))) {
            return Optional.of(applied.request());
        }
        // Withdrawn or routed meanwhile: nothing left to do. Still FILED means the write was cancelled
        // (a transaction conflict): fail, so the stream delivers the record again.
        if (store.find(requestId).map(Request::status).orElse(null) == Status.FILED) {
            throw new IllegalStateException("routing " + requestId + " was cancelled; it stays FILED until retried");
        }
        return Optional.empty();
    }

    /**
     * Applies a transition to the current request. A write that lost to a trail entry that changed
     * no state (a read, a review) is tried again on a fresh copy; one that lost to another state
     * change then finds the transition refused, which is the 409 the loser gets. A party's change is
     * made on the disclosed request: it may add words (a note, a question, an answer), and the party
     * is shown the request as it then stands.
     */
    private Outcome<Request> change(Caller caller, String requestId, java.util.function.Function<Request, Lifecycle.Action> action) {
        Request earlier = null;
        for (int attempt = 1; ; attempt++) {
            Request previous = earlier;
            Optional<Request> found = visible(caller, requestId).map(fresh -> store.disclose(fresh, previous));
            if (found.isEmpty()) return new Outcome.NotFound<>();
            earlier = found.get();
            switch (Lifecycle.apply(found.get(), action.apply(found.get()), Actor.of(caller), clock.instant())) {
                case Lifecycle.NotAllowed refused -> {
                    return new Outcome.Conflict<>(refused.message());
                }
                case Lifecycle.Applied applied -> {
                    if (store.apply(applied.request(), applied.event())) return new Outcome.Ok<>(applied.request());
                    if (attempt == ResponseService.ATTEMPTS) {
                        return new Outcome.Conflict<>("the request was changed by someone else at the same moment; read it again");
                    }
                }
            }
        }
    }

    /** The rules a request was filed under: its preservation terms are theirs. */
    private RoutingPolicy rulesOf(Request request) {
        return network.at(request.filedAt()).rules();
    }

    /** A token's contact point must be in the directory, and in the token's own jurisdiction. */
    private boolean operatesAContactPointOfItsJurisdiction(Caller caller) {
        return caller.contactPointId() != null && network.recent().directory().byId(caller.contactPointId())
                .filter(cp -> cp.jurisdiction().equals(caller.jurisdiction())).isPresent();
    }

    private Optional<Request> visible(Caller caller, String requestId) {
        return store.find(requestId).filter(r -> Scope.canSee(caller, r));
    }
}
