package io.liaison.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Actor;
import io.liaison.core.AuditEvent;
import io.liaison.core.Coded;
import io.liaison.core.Status;
import io.liaison.json.Json;
import io.liaison.json.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit event as auditors read it: in GET /audit/requests/{id}/events, in GET /audit/events and
 * in each event line of an export. Every field that is hashed, under the name and in the encoding
 * it is hashed with (requestId included, so that one event can be rehashed on its own), then the
 * two stored hashes. The one difference from the hashed object (docs/audit-format.md) is that the
 * first event shows {@code "from": null} where the hashed object leaves {@code from} out.
 */
public final class EventJson {
    private EventJson() {}

    public static ObjectNode write(TrailVerifier.StoredEvent stored) {
        AuditEvent e = stored.event();
        ObjectNode item = Json.MAPPER.createObjectNode().put("requestId", e.requestId());
        fields(item, e, true);
        item.put("entryHash", stored.entryHash().hex()).put("chainHash", stored.chainHash().hex());
        return item;
    }

    /**
     * The event as a party of the request reads it (GET /requests/{id}/events): the same fields,
     * without the officer's subject and the hashes, which are for auditors; the request id is given
     * once, beside the list.
     */
    public static ObjectNode asSeenByParties(AuditEvent e) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        fields(item, e, false);
        return item;
    }

    private static void fields(ObjectNode item, AuditEvent e, boolean subject) {
        item.put("sequence", e.sequence()).put("at", Times.format(e.at())).put("action", e.action());
        if (e.from() == null) item.putNull("from");
        else item.put("from", e.from().code());
        item.put("to", e.to().code());
        ObjectNode actor = item.putObject("actor").put("role", e.actor().role());
        if (e.actor().jurisdiction() != null) actor.put("jurisdiction", e.actor().jurisdiction());
        if (e.actor().organisation() != null) actor.put("organisation", e.actor().organisation());
        if (subject && e.actor().subject() != null) actor.put("subject", e.actor().subject());
        ArrayNode rules = item.putArray("ruleIds");
        e.ruleIds().forEach(rules::add);
        if (e.ground() != null) item.put("ground", e.ground());
        if (e.reason() != null) item.put("reason", e.reason());
        if (e.policyVersion() != null) item.put("policyVersion", e.policyVersion());
        if (e.directoryRevision() != null) item.put("directoryRevision", e.directoryRevision());
    }

    /** The event an object in this form (or the hashed object itself) describes; other members are ignored. */
    public static AuditEvent event(JsonNode e) {
        JsonNode actor = e.path("actor");
        List<String> rules = new ArrayList<>();
        e.path("ruleIds").forEach(r -> rules.add(r.asText()));
        JsonNode from = e.path("from");
        return new AuditEvent(e.path("requestId").asText(), e.path("sequence").asLong(), Instant.parse(e.path("at").asText()),
                e.path("action").asText(), from.isNull() || from.isMissingNode() ? null : status(from.asText()),
                status(e.path("to").asText()),
                new Actor(actor.path("role").asText(), actor.path("jurisdiction").asText(null), actor.path("organisation").asText(null),
                        actor.path("subject").asText(null)),
                rules, e.path("ground").asText(null), e.path("reason").asText(null), e.path("policyVersion").asText(null),
                e.path("directoryRevision").isIntegralNumber() ? e.path("directoryRevision").asLong() : null);
    }

    /** The event with the hashes written beside it. */
    public static TrailVerifier.StoredEvent stored(JsonNode e) {
        return new TrailVerifier.StoredEvent(event(e), new Hash(e.path("entryHash").asText()), new Hash(e.path("chainHash").asText()));
    }

    private static Status status(String code) {
        return Coded.parse(Status.class, code).orElseThrow(() -> new IllegalArgumentException("unknown status " + code));
    }
}
