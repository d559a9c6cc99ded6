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
            case Withdraw w -> from.isOpen()
                    ? applied(request, Status.WITHDRAWN, now, actor, "WITHDRAWN", request.assignment(),
                            new Request.StatusNote(null, w.reason()), List.of())
                    : new NotAllowed(from, "withdrawn");
        };
    }

    private static Applied applied(Request request, Status to, Instant now, Actor actor, String action,
                                   Assignment assignment, Request.StatusNote note, List<String> ruleIds) {
        Request next = request.next(to, now, assignment, note);
        // The trail keeps metadata: a ground code and Liaison's own routing text, never what a person wrote.
        boolean systemText = actor.equals(Actor.SYSTEM);
        AuditEvent event = new AuditEvent(request.id(), next.version(), now, action, request.status(), to, actor,
                ruleIds, note == null ? null : note.ground(), note == null || !systemText ? null : note.text(), null);
        return new Applied(next, event);
    }
}
