package io.liaison.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Notification;
import io.liaison.core.Recipient;

/** A notification as a queue message: ids only, never content of the request. */
public final class NotificationCodec {
    private NotificationCodec() {}

    public static String write(Notification n) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("requestId", n.requestId()).put("sequence", n.sequence()).put("action", n.action());
        ObjectNode to = out.putObject("recipient");
        switch (n.recipient()) {
            case Recipient.ContactPointRecipient cp -> to.put("contactPoint", cp.contactPointId());
            case Recipient.AgencyRecipient a -> to.put("jurisdiction", a.jurisdiction()).put("agency", a.agency());
        }
        return out.toString();
    }

    /** The notification a message carries; fails with IllegalArgumentException on anything else. */
    public static Notification read(String body) {
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not JSON");
        }
        JsonNode to = in == null ? null : in.path("recipient");
        if (in == null || !in.path("requestId").isTextual() || !in.path("sequence").canConvertToLong()
                || !in.path("action").isTextual() || to == null || !to.isObject()) {
            throw new IllegalArgumentException("the message is not a notification");
        }
        Recipient recipient;
        if (to.path("contactPoint").isTextual()) recipient = new Recipient.ContactPointRecipient(to.path("contactPoint").asText());
        else if (to.path("jurisdiction").isTextual() && to.path("agency").isTextual()) {
            recipient = new Recipient.AgencyRecipient(to.path("jurisdiction").asText(), to.path("agency").asText());
        } else throw new IllegalArgumentException("the message names no recipient");
        return new Notification(in.path("requestId").asText(), in.path("sequence").asLong(), in.path("action").asText(), recipient);
    }
}
