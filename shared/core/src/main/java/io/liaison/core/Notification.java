package io.liaison.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * That {@code recipient} must hear about event {@code sequence} of a request. Which events notify
 * whom is decided here, from the event and the request alone, so that a redelivered stream record
 * yields the same notifications.
 */
public record Notification(String requestId, long sequence, String action, Recipient recipient) {
    public static final String DELIVERY = "DELIVERY";
    public static final String NON_DELIVERY = "NON_DELIVERY";

    /** The trail's name for this notification: DELIVERY and NON_DELIVERY events carry it as their ground. */
    public String ground() {
        return "notice:" + sequence + ":" + recipient.key();
    }

    /** The id receivers see (webhook-id), the same on every retry: letters, digits, '-' and '_' only. */
    public String noticeId() {
        return (requestId + "-" + sequence + "-" + recipient.key()).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The notice type, e.g. request.routed, request.response_overdue. */
    public String type() {
        return "request." + action.toLowerCase(Locale.ROOT);
    }

    private static final Set<String> TO_REQUESTER = Set.of("UNROUTABLE", "ACCEPTED", "REJECTED", "ESCALATED", "ACKNOWLEDGEMENT_OVERDUE",
            "RESPONSE_OVERDUE", "CLARIFICATION_REQUESTED", "RELEASE_APPROVED", "PRESERVATION_EXPIRED");
    private static final Set<String> TO_CONTACT_POINT = Set.of("RESPONSE_OVERDUE", "CLARIFIED", "WITHDRAWN",
            "PRESERVATION_EXTENDED", "PRESERVATION_EXPIRED");

    /**
     * Every action that can call for a notice: the router's cheap first test, and the list its
     * stream filter in template.yaml must name.
     */
    public static final Set<String> ACTIONS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("ROUTED", "ESCALATED", "RESPONDED"),
            java.util.stream.Stream.concat(TO_REQUESTER.stream(), TO_CONTACT_POINT.stream()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public static boolean mayNotify(String action) {
        return ACTIONS.contains(action);
    }

    /** The notices an event calls for; none for most reads and for the DELIVERY events themselves. */
    public static List<Notification> of(AuditEvent event, Request request) {
        return of(event.action(), event.sequence(), event.ground(), request);
    }

    /** The same, from the event's action, sequence number and ground (as the table's stream shows them). */
    public static List<Notification> of(String action, long sequence, String ground, Request request) {
        Recipient requester = new Recipient.AgencyRecipient(request.requester().jurisdiction(), request.requester().agency());
        Assignment a = request.assignment();
        List<Recipient> recipients = new ArrayList<>();
        switch (action) {
            // The contact point it was first routed to: after an escalation, the one it came from.
            case "ROUTED" -> recipients.add(contactPoint(a.escalatedFrom() != null ? a.escalatedFrom() : a.contactPointId()));
            case "ESCALATED" -> recipients.add(contactPoint(ground));
            // A released answer is news for the requester; a held one is not, until a DPO releases it.
            case "RESPONDED" -> {
                if ("RELEASE".equals(ground) || "RELEASE_REDACTED".equals(ground)) recipients.add(requester);
            }
            default -> { }
        }
        if (TO_REQUESTER.contains(action)) recipients.add(requester);
        if (TO_CONTACT_POINT.contains(action) && a != null) recipients.add(contactPoint(a.contactPointId()));
        return recipients.stream().map(r -> new Notification(request.id(), sequence, action, r)).toList();
    }

    private static Recipient contactPoint(String id) {
        return new Recipient.ContactPointRecipient(id);
    }
}
