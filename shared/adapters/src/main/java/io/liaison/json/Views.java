package io.liaison.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.AuditEvent;
import io.liaison.core.Directory;
import io.liaison.core.Page;
import io.liaison.core.Request;


import java.util.List;

/** How requests and audit events look to the parties of a request over the API. */
public final class Views {
    private Views() {}

    /** The request with what people wrote on it: the view of one request its parties open. */
    public static ObjectNode request(Request request, Directory directory) {
        if (request.wordsWithheld()) {
            throw new IllegalStateException("request " + request.id() + " is shown whole only once its words are disclosed");
        }
        return view(request, directory, true);
    }

    /**
     * The request as a list shows it: its state, terms and deadlines, without what people wrote on it
     * (no particulars, questions, answers or party's note), so that a page opens no sealed words.
     */
    public static ObjectNode summary(Request request, Directory directory) {
        return view(request, directory, false);
    }

    private static ObjectNode view(Request request, Directory directory, boolean withWords) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", request.id());
        out.put("status", request.status().code());
        out.put("version", request.version());
        ObjectNode requester = out.putObject("requester");
        requester.put("jurisdiction", request.requester().jurisdiction());
        requester.put("agency", request.requester().agency());
        out.put("filedAt", Times.format(request.filedAt()));
        out.put("updatedAt", Times.format(request.updatedAt()));
        if (request.assignment() != null) {
            var a = request.assignment();
            ObjectNode cp = out.putObject("contactPoint");
            cp.put("id", a.contactPointId());
            cp.put("kind", a.kind().code());
            directory.byId(a.contactPointId()).ifPresent(c -> cp.put("name", c.name()));
            if (a.escalatedFrom() != null) cp.put("escalatedFrom", a.escalatedFrom());
            out.put("routingRule", a.routingRule());
            out.put("routedAt", Times.format(a.routedAt()));
            ObjectNode deadlines = out.putObject("deadlines");
            deadlines.put("acknowledgeBy", Times.format(a.acknowledgeBy()));
            deadlines.put("respondBy", Times.format(a.respondBy()));
            if (a.acknowledgementOverdue()) deadlines.put("acknowledgementOverdue", true);
            if (a.responseOverdue()) deadlines.put("responseOverdue", true);
            // While a question is open the response clock stands still; respondBy moves on the answer.
            if (a.pausedAt() != null) deadlines.put("pausedSince", Times.format(a.pausedAt()));
        }
        if (request.preservation() != null) {
            out.putObject("preservation").put("until", Times.format(request.preservation().until()))
                    .put("extended", request.preservation().extended());
        }
        if (withWords && !request.clarifications().isEmpty()) {
            ArrayNode rounds = out.putArray("clarifications");
            for (var c : request.clarifications()) {
                ObjectNode round = rounds.addObject().put("question", c.question()).put("askedAt", Times.format(c.askedAt()));
                if (c.answer() != null) round.put("answer", c.answer()).put("answeredAt", Times.format(c.answeredAt()));
            }
        }
        if (request.outcome() != null) {
            ObjectNode note = JsonNodeFactory.instance.objectNode();
            if (request.outcome().ground() != null) note.put("code", request.outcome().ground());
            if (request.outcome().text() != null && (withWords || !request.outcome().byParty())) {
                note.put("text", request.outcome().text());
            }
            if (!note.isEmpty()) out.set("statusReason", note);
        }
        out.set("filing", withWords ? FilingCodec.write(request.filing()) : FilingCodec.writeTerms(request.filing()));
        return out;
    }

    public static ObjectNode page(Page<Request> page, Directory directory) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(r -> items.add(summary(r, directory)));
        if (page.cursor() == null) out.putNull("nextCursor");
        else out.put("nextCursor", page.cursor());
        return out;
    }

    public static ObjectNode events(String requestId, List<AuditEvent> events) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("requestId", requestId);
        ArrayNode items = out.putArray("items");
        events.forEach(e -> items.add(io.liaison.audit.EventJson.asSeenByParties(e)));
        return out;
    }

}
