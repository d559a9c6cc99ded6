package io.liaison.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** {@code preserveFor} starts the preservation period of a preservation request; null for others. */
    public record Accept(String note, Duration preserveFor) implements Action {
        public Accept(String note) {
            this(note, null);
        }
    }

    /** The acknowledgement deadline passed: the backup contact point takes the request over. */
    public record Escalate(ContactPoint backup, Instant acknowledgeBy, String reason) implements Action {}

    /** The acknowledgement deadline passed and nobody is left to escalate to. */
    public record MarkAcknowledgementOverdue(String reason) implements Action {}

    public record MarkResponseOverdue(String reason) implements Action {}

    /** The preservation period ended; {@code ruleId} is the preservation rule that set it. */
    public record ExpirePreservation(String reason, String ruleId) implements Action {}

    /** The requester extends the preservation, once, by what preservation rule {@code ruleId} allows. */
    public record ExtendPreservation(Duration by, String ruleId) implements Action {}

    /** The contact point asks the requester a question; the response clock stops. */
    public record RequestClarification(String question) implements Action {}

    /** The requester answers; the response clock runs again from where it stopped. */
    public record Clarify(String answer) implements Action {}

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
                                    r.acknowledgeBy(), r.respondBy(), r.deadlineRuleId(), null, false, false, null),
                            new Request.StatusNote(r.ruleId(), r.reason()), List.of(r.ruleId(), r.deadlineRuleId()))
                    : new NotAllowed(from, "routed");
            case MarkUnroutable u -> from == Status.FILED
                    ? applied(request, Status.UNROUTABLE, now, actor, "UNROUTABLE", null,
                            new Request.StatusNote(u.ruleId(), u.reason()),
                            u.ruleId() == null ? List.of() : List.of(u.ruleId()))
                    : new NotAllowed(from, "marked unroutable");
            case Accept a -> from == Status.ROUTED
                    ? applied(a.preserveFor() == null ? request : request.with(new Preservation(now.plus(a.preserveFor()), false)),
                            Status.ACCEPTED, now, actor, "ACCEPTED", request.assignment(),
                            a.note() == null ? null : Request.StatusNote.byParty(null, a.note()), List.of())
                    : new NotAllowed(from, "accepted");
            case Escalate e -> from == Status.ROUTED && !request.assignment().acknowledgementOverdue()
                    ? changed(request, request.next(Status.ROUTED, now,
                            request.assignment().escalateTo(e.backup(), now, e.acknowledgeBy()), request.outcome()),
                            now, actor, "ESCALATED", deadlineRule(request), e.backup().id(), e.reason())
                    : new NotAllowed(from, "escalated");
            case MarkAcknowledgementOverdue o -> from == Status.ROUTED && !request.assignment().acknowledgementOverdue()
                    ? changed(request, request.next(Status.ROUTED, now, request.assignment().markAcknowledgementOverdue(),
                            request.outcome()), now, actor, "ACKNOWLEDGEMENT_OVERDUE", deadlineRule(request), null, o.reason())
                    : new NotAllowed(from, "marked as not acknowledged in time");
            case MarkResponseOverdue o -> from == Status.ACCEPTED && !request.assignment().responseOverdue()
                    ? changed(request, request.next(Status.ACCEPTED, now, request.assignment().markResponseOverdue(),
                            request.outcome()), now, actor, "RESPONSE_OVERDUE", deadlineRule(request), null, o.reason())
                    : new NotAllowed(from, "marked as not answered in time");
            case ExpirePreservation x -> request.preservation() != null && preserving(from)
                    ? changed(request, request.next(Status.EXPIRED, now, request.assignment(),
                            new Request.StatusNote("preservation_expired", x.reason())),
                            now, actor, "PRESERVATION_EXPIRED", rule(x.ruleId()), "preservation_expired", x.reason())
                    : new NotAllowed(from, "expired; only a preservation in force expires");
            case ExtendPreservation x -> extend(request, x, actor, now);
            case RequestClarification c -> from != Status.ACCEPTED
                    ? new NotAllowed(from, "clarified; a contact point asks about a request it has accepted")
                    : request.clarifications().size() >= Clarification.MAX_ROUNDS
                    ? new NotAllowed(from, "asked more than " + Clarification.MAX_ROUNDS + " rounds of questions")
                    : changed(request, request.with(append(request.clarifications(), new Clarification(c.question(), now, null, null)))
                            .next(Status.AWAITING_CLARIFICATION, now, request.assignment().paused(now), request.outcome()),
                            now, actor, "CLARIFICATION_REQUESTED", List.of(), null, null);
            case Clarify c -> from == Status.AWAITING_CLARIFICATION
                    ? changed(request, request.with(request.withAnswer(c.answer(), now))
                            .next(Status.ACCEPTED, now, request.assignment().resumed(now), request.outcome()),
                            now, actor, "CLARIFIED", List.of(), null, null)
                    : new NotAllowed(from, "clarified; there is no open question");
            case Reject r -> from == Status.ROUTED
                    ? applied(request, Status.REJECTED, now, actor, "REJECTED", request.assignment(),
                            Request.StatusNote.byParty(r.ground().code(), r.justification()), List.of())
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
                            Request.StatusNote.byParty(null, w.reason()), List.of())
                    : new NotAllowed(from, "withdrawn");
        };
    }

    /** Requests whose preserved data may still be held: accepted, waiting for an answer, or answered. */
    private static boolean preserving(Status status) {
        return status == Status.ACCEPTED || status == Status.AWAITING_CLARIFICATION || status == Status.ANSWERED;
    }

    private static Result extend(Request request, ExtendPreservation x, Actor actor, Instant now) {
        Preservation p = request.preservation();
        if (p == null || !preserving(request.status())) {
            return new NotAllowed(request.status(), "extended; only an accepted preservation request is");
        }
        if (x.by() == null) return new NotAllowed(request.status(), "extended; its preservation rule allows no extension");
        if (p.extended()) return new NotAllowed(request.status(), "extended again; a preservation is extended once");
        if (!now.isBefore(p.until())) return new NotAllowed(request.status(), "extended; its preservation period has ended");
        Request next = request.with(new Preservation(p.until().plus(x.by()), true))
                .next(request.status(), now, request.assignment(), request.outcome());
        return changed(request, next, now, actor, "PRESERVATION_EXTENDED", rule(x.ruleId()), null, null);
    }

    private static List<String> rule(String id) {
        return id == null ? List.of() : List.of(id);
    }

    private static List<String> deadlineRule(Request request) {
        String rule = request.assignment() == null ? null : request.assignment().deadlineRule();
        return rule == null ? List.of() : List.of(rule);
    }

    private static List<Clarification> append(List<Clarification> rounds, Clarification round) {
        List<Clarification> all = new ArrayList<>(rounds);
        all.add(round);
        return all;
    }

    /**
     * A change the deadline monitor or a party made. Only Liaison's own words ({@code reason} of a
     * SYSTEM action) go into the trail; questions and answers stay out of it.
     */
    private static Applied changed(Request request, Request next, Instant now, Actor actor, String action,
                                   List<String> ruleIds, String ground, String reason) {
        AuditEvent event = new AuditEvent(request.id(), next.version(), now, action, request.status(), next.status(),
                actor, ruleIds, ground, actor.equals(Actor.SYSTEM) ? reason : null, null);
        return new Applied(next, event);
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
        return record(request, action, actor, now, ruleIds, ground, null);
    }

    /** A trail entry of Liaison's own, with its explanation (a SYSTEM actor's reason). */
    public static Applied record(Request request, String action, Actor actor, Instant now, List<String> ruleIds,
                                 String ground, String reason) {
        Request next = request.recorded();
        return new Applied(next, new AuditEvent(request.id(), next.version(), now, action, request.status(),
                request.status(), actor, ruleIds, ground, actor.equals(Actor.SYSTEM) ? reason : null, null));
    }

    /**
     * Whether an entry changed the request beyond its version: false for one {@link #record} made
     * (it keeps the request's {@code updatedAt}, older than the event), true for every change, which
     * sets {@code updatedAt} to the event's time. The store writes the request's state only when true;
     * an entry in the same millisecond as the change before it is taken for a change (written, harmless).
     */
    public static boolean changesState(Request next, AuditEvent event) {
        return !next.updatedAt().isBefore(event.at());
    }
}
