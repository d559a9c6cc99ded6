package io.liaison.core;

import java.time.Instant;
import java.util.List;

/**
 * The one state machine every request follows (docs/state-machine.md). A transition exists only
 * from the states listed for it; everything else is {@link NotAllowed}. Each applied transition
 * yields the next request (version + 1) and the audit event that records it.
 */
public final class Lifecycle {
    private Lifecycle() {}

    public sealed interface Action {}

    public record Route(ContactPoint contactPoint, String ruleId, String deadlineRuleId, String reason,
                        Instant acknowledgeBy, Instant respondBy)
            implements Action {}

    public record MarkUnroutable(String ruleId, String reason) implements Action {}

    public record Accept(String note) implements Action {}

    public record Reject(RejectionGround ground, String justification) implements Action {}

    public record Withdraw(String reason) implements Action {}

    /**
     * The contact point answers an accepted request; the final answer ends it. The gate's verdict
     * and rule ids go into the trail, never the answer's content.
     */
    public record Respond(boolean isFinal, String verdict, List<String> ruleIds) implements Action {
        /** Only a final answer that the gate released ends the request; a held one waits for review. */
        boolean closes() {
            return isFinal && (verdict.equals("RELEASE") || verdict.equals("RELEASE_REDACTED"));
        }
    }

    /** A data-protection officer releases a held final answer, which ends the request. */
    public record ReleaseFinal(List<String> ruleIds, String ground) implements Action {}

    public sealed interface Result {}

    public record Applied(Request request, AuditEvent event) implements Result {}

    public record NotAllowed(Status from, String action) implements Result {
        public String message() {
            return "a request that is " + from.code() + " cannot be " + action;
        }
    }

    /** The first event of every trail: the request was received and stored (e-CODEX: submission acceptance). */
    public static AuditEvent filingEvent(Request filed, Actor actor) {
        return new AuditEvent(filed.id(), filed.version(), filed.filedAt(), "FILED", null, Status.FILED, actor,
                List.of(), null, null, null);
    }

    public static Result apply(Request request, Action action, Actor actor, Instant now) {
        Status from = request.status();
        return switch (action) {
            case Route r -> from == Status.FILED
                    ? applied(request, Status.ROUTED, now, actor, "ROUTED",
                            new Assignment(r.contactPoint().id(), r.contactPoint().kind(), r.ruleId(), now,
                                    r.acknowledgeBy(), r.respondBy()),
                            new Request.StatusNote(r.ruleId(), r.reason()), List.of(r.ruleId(), r.deadlineRuleId()))
                    : new NotAllowed(from, "routed");
            case MarkUnroutable u -> from == Status.FILED
                    ? applied(request, Status.UNROUTABLE, now, actor, "UNROUTABLE", null,
                            new Request.StatusNote(u.ruleId(), u.reason()),
                            u.ruleId() == null ? List.of() : List.of(u.ruleId()))
                    : new NotAllowed(from, "marked unroutable");
            case Accept a -> from == Status.ROUTED
                    ? applied(request, Status.ACCEPTED, now, actor, "ACCEPTED", request.assignment(),
                            a.note() == null ? null : new Request.StatusNote(null, a.note()), List.of())
                    : new NotAllowed(from, "accepted");
            case Reject r -> from == Status.ROUTED
                    ? applied(request, Status.REJECTED, now, actor, "REJECTED", request.assignment(),
                            new Request.StatusNote(r.ground().code(), r.justification()), List.of())
                    : new NotAllowed(from, "rejected");
            case Respond r -> from == Status.ACCEPTED
                    ? applied(request, r.closes() ? Status.ANSWERED : Status.ACCEPTED, now, actor, "RESPONDED",
                            request.assignment(), r.closes() ? new Request.StatusNote("final_response", null) : request.outcome(),
                            r.ruleIds(), r.verdict())
                    : new NotAllowed(from, "answered; a contact point answers a request it has accepted");
            case ReleaseFinal f -> from == Status.ACCEPTED
                    ? applied(request, Status.ANSWERED, now, actor, "RELEASE_APPROVED", request.assignment(),
                            new Request.StatusNote("final_response", null), f.ruleIds(), f.ground())
                    : new NotAllowed(from, "closed by a released final answer");
            case Withdraw w -> from.isOpen()
                    ? applied(request, Status.WITHDRAWN, now, actor, "WITHDRAWN", request.assignment(),
                            new Request.StatusNote(null, w.reason()), List.of())
                    : new NotAllowed(from, "withdrawn");
        };
    }

    private static Applied applied(Request request, Status to, Instant now, Actor actor, String action,
                                   Assignment assignment, Request.StatusNote note, List<String> ruleIds) {
        return applied(request, to, now, actor, action, assignment, note, ruleIds, note == null ? null : note.ground());
    }

    private static Applied applied(Request request, Status to, Instant now, Actor actor, String action,
                                   Assignment assignment, Request.StatusNote note, List<String> ruleIds, String ground) {
        Request next = request.next(to, now, assignment, note);
        // The trail keeps metadata: a ground code and Liaison's own routing text, never what a person wrote.
        AuditEvent event = new AuditEvent(request.id(), next.version(), now, action, request.status(), to, actor,
                ruleIds, ground, note == null || !actor.equals(Actor.SYSTEM) ? null : note.text(), null);
        return new Applied(next, event);
    }

    /**
     * A trail entry that changes no state: a review, a read of a payload, a purge. It still takes
     * the next sequence number, so the request's version is the length of its trail.
     */
    public static Applied record(Request request, String action, Actor actor, Instant now, List<String> ruleIds,
                                 String ground) {
        Request next = new Request(request.id(), request.requester(), request.filing(), request.status(),
                request.version() + 1, request.filedAt(), request.updatedAt(), request.assignment(), request.outcome(),
                request.trailHead());
        return new Applied(next, new AuditEvent(request.id(), next.version(), now, action, request.status(),
                request.status(), actor, ruleIds, ground, null, null));
    }
}
