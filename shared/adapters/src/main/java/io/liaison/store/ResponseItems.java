package io.liaison.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Coded;
import io.liaison.core.DataCategory;
import io.liaison.core.Response;
import io.liaison.core.Tlp;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.FieldValue;
import io.liaison.core.gate.Finding;
import io.liaison.core.gate.GateDecision;
import io.liaison.core.gate.ResponseRecord;
import io.liaison.core.gate.Verdict;
import io.liaison.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored JSON of a response's two halves: the decision (metadata, in clear) and the payload
 * (the answer as sent and the view the gate released, sealed before it reaches the table).
 */
final class ResponseItems {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResponseItems() {}

    static String decision(GateDecision d) {
        ObjectNode out = F.objectNode();
        out.put("verdict", d.verdict().name());
        out.put("policyVersion", d.policyVersion());
        out.put("tlp", d.tlp().code());
        out.put("expiresAt", d.expiresAt().toString());
        ArrayNode findings = out.putArray("findings");
        for (Finding f : d.findings()) {
            findings.addObject().put("ruleId", f.ruleId()).put("effect", f.effect().name()).put("record", f.record())
                    .put("reason", f.reason());
        }
        return out.toString();
    }

    /** The decision without its released view, which lives in the payload. */
    static GateDecision decision(String json, List<GateDecision.Released> released) {
        JsonNode in = parse(json);
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : in.path("findings")) {
            findings.add(new Finding(f.path("ruleId").asText(), Verdict.valueOf(f.path("effect").asText()),
                    f.path("record").asInt(), f.path("reason").asText()));
        }
        return new GateDecision(Verdict.valueOf(in.path("verdict").asText()), findings, in.path("policyVersion").asText(),
                code(Tlp.class, in.path("tlp").asText()), Instant.parse(in.path("expiresAt").asText()), released);
    }

    static byte[] payload(Response response) {
        ObjectNode out = F.objectNode();
        out.set("answer", answer(response.answer()));
        ArrayNode released = out.putArray("released");
        for (GateDecision.Released r : response.decision().released()) {
            ObjectNode item = released.addObject();
            item.put("index", r.index()).put("category", r.category().code()).put("owner", r.owner().name())
                    .put("originJurisdiction", r.originJurisdiction());
            if (r.redactedBy() != null) item.put("redactedBy", r.redactedBy());
            ObjectNode fields = item.putObject("fields");
            r.fields().forEach((name, value) -> fields.set(name, switch (value) {
                case FieldValue.Clear c -> F.objectNode().put("clear", c.value());
                case FieldValue.Pseudonym p -> F.objectNode().put("pseudonym", p.token()).put("ruleId", p.ruleId());
                case FieldValue.Redacted x -> F.objectNode().put("redacted", true).put("ruleId", x.ruleId());
            }));
        }
        try {
            return Json.MAPPER.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payload always serialises", e);
        }
    }

    record Payload(Answer answer, List<GateDecision.Released> released) {}

    static Payload payload(byte[] bytes) {
        JsonNode in;
        try {
            in = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored payload does not parse", e);
        }
        List<GateDecision.Released> released = new ArrayList<>();
        for (JsonNode r : in.path("released")) {
            Map<String, FieldValue> fields = new LinkedHashMap<>();
            r.path("fields").properties().forEach(f -> {
                JsonNode v = f.getValue();
                fields.put(f.getKey(), v.has("clear") ? new FieldValue.Clear(v.path("clear").asText())
                        : v.has("pseudonym") ? new FieldValue.Pseudonym(v.path("pseudonym").asText(), v.path("ruleId").asText())
                        : new FieldValue.Redacted(v.path("ruleId").asText()));
            });
            released.add(new GateDecision.Released(r.path("index").asInt(), code(DataCategory.class, r.path("category").asText()),
                    ResponseRecord.Owner.valueOf(r.path("owner").asText()), r.path("originJurisdiction").asText(),
                    r.path("redactedBy").asText(null), fields));
        }
        return new Payload(answer(in.path("answer")), released);
    }

    private static ObjectNode answer(Answer a) {
        ObjectNode out = F.objectNode();
        out.put("final", a.isFinal());
        out.put("tlp", a.tlp().code());
        if (a.confirmation() != null) {
            out.putObject("confirmation").put("preserved", a.confirmation().preserved())
                    .put("until", a.confirmation().until().toString());
        }
        ArrayNode records = out.putArray("records");
        for (ResponseRecord r : a.records()) {
            ObjectNode item = records.addObject();
            item.put("category", r.category().code()).put("owner", r.owner().name()).put("specialCategory", r.specialCategory())
                    .put("originJurisdiction", r.originJurisdiction()).put("tlp", r.tlp().code());
            ObjectNode fields = item.putObject("fields");
            r.fields().forEach(fields::put);
        }
        return out;
    }

    private static Answer answer(JsonNode in) {
        List<ResponseRecord> records = new ArrayList<>();
        for (JsonNode r : in.path("records")) {
            Map<String, String> fields = new LinkedHashMap<>();
            r.path("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
            records.add(new ResponseRecord(code(DataCategory.class, r.path("category").asText()),
                    ResponseRecord.Owner.valueOf(r.path("owner").asText()), r.path("specialCategory").asBoolean(),
                    fields, r.path("originJurisdiction").asText(), code(Tlp.class, r.path("tlp").asText())));
        }
        JsonNode c = in.path("confirmation");
        Answer.Confirmation confirmation = c.isObject()
                ? new Answer.Confirmation(c.path("preserved").asText(), LocalDate.parse(c.path("until").asText())) : null;
        return new Answer(records, confirmation, in.path("final").asBoolean(), code(Tlp.class, in.path("tlp").asText()));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored decision does not parse", e);
        }
    }

    private static <E extends Enum<E> & Coded> E code(Class<E> type, String code) {
        return Coded.parse(type, code).orElseThrow(() -> new IllegalStateException("stored " + type.getSimpleName() + " '" + code + "'"));
    }
}
