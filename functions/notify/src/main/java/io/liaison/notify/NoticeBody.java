package io.liaison.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Directory;
import io.liaison.core.Notification;
import io.liaison.core.Request;
import io.liaison.json.Json;
import io.liaison.json.Times;

import java.time.Instant;

/**
 * What a notice says: which request, what happened, what is owed by when, and where to read more.
 * Never the filing's content or an answer's payload: the recipient reads those through the API,
 * where scope and the release gate apply. Shaped as Standard Webhooks suggests: type, timestamp, data.
 */
final class NoticeBody {
    private NoticeBody() {}

    static String of(Notification n, Request request, Directory directory, Instant eventAt) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", n.type());
        out.put("timestamp", Times.format(eventAt));
        ObjectNode data = out.putObject("data");
        data.put("requestId", request.id());
        data.put("event", n.sequence());
        data.put("action", n.action());
        data.put("status", request.status().code());
        data.putObject("requester").put("jurisdiction", request.requester().jurisdiction())
                .put("agency", request.requester().agency());
        data.put("targetJurisdiction", request.filing().targetJurisdiction());
        data.put("requestType", request.filing().type().code());
        data.put("urgency", request.filing().urgency().code());
        var a = request.assignment();
        if (a != null) {
            ObjectNode cp = data.putObject("contactPoint").put("id", a.contactPointId());
            directory.byId(a.contactPointId()).ifPresent(c -> cp.put("name", c.name()));
            data.putObject("deadlines").put("acknowledgeBy", Times.format(a.acknowledgeBy()))
                    .put("respondBy", Times.format(a.respondBy()));
        }
        if (request.preservation() != null) data.put("preservedUntil", Times.format(request.preservation().until()));
        data.put("link", "/requests/" + request.id());
        return out.toString();
    }
}
