package io.liaison.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Page;
import io.liaison.core.Pap;
import io.liaison.core.Response;
import io.liaison.core.ResponseService;
import io.liaison.core.Role;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.FieldValue;
import io.liaison.core.gate.Finding;
import io.liaison.core.gate.GateDecision;
import io.liaison.core.gate.ResponseRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How responses look over the API, to each party:
 * <ul>
 *   <li>the requester sees what the gate released, every redaction and pseudonym marked with
 *       the rule that made it, or only why it sees nothing ({@link #forRequester});</li>
 *   <li>the contact point sees the decision on what it sent: verdict, findings, review, never a
 *       reviewer's words ({@link #forContactPoint});</li>
 *   <li>the data-protection officer sees the same with the reviewer's reason
 *       ({@link #forOfficer}), and for a response under review the answer as sent
 *       ({@link #forReview}).</li>
 * </ul>
 * Views only render: whether a payload may be shown is the core's decision, made before.
 */
public final class ResponseViews {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResponseViews() {}

    /** {@code GET /requests/{id}/responses}: the released view for a requester, the decision for the contact point. */
    public static ObjectNode list(String requestId, List<ResponseService.Seen> seen, Role role, Pap pap) {
        ObjectNode out = F.objectNode();
        out.put("requestId", requestId);
        ArrayNode items = out.putArray("items");
        for (ResponseService.Seen s : seen) {
            items.add(role == Role.REQUESTER ? forRequester(s, pap) : forContactPoint(s.response()));
        }
        return out;
    }

    /** The held responses a data-protection officer reviews, with the cursor to the next page. */
    public static ObjectNode queue(Page<Response> page) {
        ObjectNode out = F.objectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(r -> items.add(forOfficer(r)));
        if (page.cursor() == null) out.putNull("nextCursor");
        else out.put("nextCursor", page.cursor());
        return out;
    }

    /**
     * A response as its requester sees it. {@code pap} is the request's Permissible Actions label,
     * shown beside the TLP so the reader knows what it may do with the data.
     */
    public static ObjectNode forRequester(ResponseService.Seen seen, Pap pap) {
        Response response = seen.response();
        ObjectNode out = F.objectNode();
        out.put("number", response.number());
        out.put("status", response.status().name());
        out.put("final", response.answer().isFinal());
        out.put("submittedAt", Times.format(response.submittedAt()));
        if (!seen.payloadShown()) {
            out.put("withheld", seen.withheldBecause());
            return out;
        }
        GateDecision decision = response.decision();
        out.put("tlp", decision.tlp().code());
        out.put("pap", pap.code());
        instant(out, "expiresAt", response.expiresAt());
        out.put("policyVersion", decision.policyVersion());
        out.put("verdict", decision.verdict().name());
        ArrayNode rules = out.putArray("ruleIds");
        decision.ruleIds().forEach(rules::add);
        review(out, response.review(), false);
        out.set("records", released(decision.released()));
        confirmation(out, response.answer().confirmation());
        return out;
    }

    /** A response as the contact point that sent it sees it: the decision, not the released view. */
    public static ObjectNode forContactPoint(Response response) {
        return decided(response, false);
    }

    /** A response as a data-protection officer sees it in the queue or after a review. */
    public static ObjectNode forOfficer(Response response) {
        return decided(response, true);
    }

    /**
     * A held response as the reviewing officer judges it: the decision, the answer as the contact
     * point sent it, and what the requester would receive if it is approved.
     */
    public static ObjectNode forReview(Response response) {
        ObjectNode out = decided(response, true);
        Answer answer = response.answer();
        ObjectNode sent = out.putObject("answer");
        sent.put("final", answer.isFinal());
        sent.put("tlp", answer.tlp().code());
        ArrayNode records = sent.putArray("records");
        for (int i = 0; i < answer.records().size(); i++) {
            ResponseRecord r = answer.records().get(i);
            ObjectNode item = records.addObject();
            item.put("index", i);
            item.put("category", r.category().code());
            item.put("owner", AnswerCodec.code(r.owner()));
            item.put("specialCategory", r.specialCategory());
            item.put("originJurisdiction", r.originJurisdiction());
            item.put("tlp", r.tlp().code());
            ObjectNode fields = item.putObject("fields");
            r.fields().forEach(fields::put);
        }
        confirmation(sent, answer.confirmation());
        out.set("wouldRelease", released(response.decision().released()));
        return out;
    }

    private static ObjectNode decided(Response response, boolean reviewReason) {
        ObjectNode out = F.objectNode();
        out.put("requestId", response.requestId());
        out.put("number", response.number());
        out.put("status", response.status().name());
        out.put("final", response.answer().isFinal());
        out.put("submittedAt", Times.format(response.submittedAt()));
        instant(out, "expiresAt", response.expiresAt());
        if (response.contactPointId() != null) out.put("contactPoint", response.contactPointId());
        GateDecision decision = response.decision();
        ObjectNode d = out.putObject("decision");
        d.put("verdict", decision.verdict().name());
        d.put("policyVersion", decision.policyVersion());
        d.put("tlp", decision.tlp().code());
        ArrayNode findings = d.putArray("findings");
        for (Finding f : decision.findings()) {
            ObjectNode item = findings.addObject();
            item.put("ruleId", f.ruleId());
            item.put("effect", f.effect().name());
            if (f.record() < 0) item.putNull("record");
            else item.put("record", f.record());
            item.put("reason", f.reason());
        }
        review(out, response.review(), reviewReason);
        return out;
    }

    private static ArrayNode released(List<GateDecision.Released> released) {
        ArrayNode records = F.arrayNode();
        for (GateDecision.Released r : released) {
            ObjectNode item = records.addObject();
            item.put("index", r.index());
            item.put("category", r.category().code());
            item.put("owner", AnswerCodec.code(r.owner()));
            item.put("originJurisdiction", r.originJurisdiction());
            if (r.redactedBy() != null) item.putObject("redacted").put("ruleId", r.redactedBy());
            ObjectNode fields = item.putObject("fields");
            r.fields().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> fields.set(e.getKey(), field(e.getValue())));
        }
        return records;
    }

    private static ObjectNode field(FieldValue value) {
        return switch (value) {
            case FieldValue.Clear c -> F.objectNode().put("value", c.value());
            case FieldValue.Pseudonym p -> F.objectNode().put("pseudonym", p.token()).put("ruleId", p.ruleId());
            case FieldValue.Redacted r -> F.objectNode().put("redacted", true).put("ruleId", r.ruleId());
        };
    }

    private static void review(ObjectNode out, Response.Review review, boolean withReason) {
        if (review == null) return;
        ObjectNode r = out.putObject("review");
        r.put("jurisdiction", review.jurisdiction());
        r.put("approved", review.approved());
        r.put("at", Times.format(review.at()));
        if (withReason && review.reason() != null) r.put("reason", review.reason());
    }

    private static void confirmation(ObjectNode out, Answer.Confirmation confirmation) {
        if (confirmation == null) return;
        ObjectNode c = out.putObject("confirmation");
        c.put("preserved", confirmation.preserved());
        c.put("until", confirmation.until().toString());
    }

    private static void instant(ObjectNode out, String name, Instant instant) {
        if (instant == null) out.putNull(name);
        else out.put(name, Times.format(instant));
    }
}
