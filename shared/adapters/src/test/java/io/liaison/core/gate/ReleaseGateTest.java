package io.liaison.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Coded;
import io.liaison.core.DataCategory;
import io.liaison.core.Identifier;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Request;
import io.liaison.core.RequestType;
import io.liaison.core.Requester;
import io.liaison.core.Tlp;
import io.liaison.json.Json;
import io.liaison.testing.Filings;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release gate on the demo policy, one case per line of src/test/resources/cases/gate.json:
 * the jurisdiction pairs that matter, and every rule.
 */
class ReleaseGateTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final ReleaseGate GATE = new ReleaseGate(PolicyFiles.releasePolicy(Json.MAPPER),
            new HmacPseudonyms("0123456789abcdef0123456789abcdef".getBytes()));

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = ReleaseGateTest.class.getResourceAsStream("/cases/gate.json")) {
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : Json.MAPPER.readTree(in)) cases.add(Arguments.of(Named.of(c.path("desc").asText(), c)));
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluate_decidesAsThePolicySays(JsonNode c) {
        GateDecision decision = GATE.evaluate(request(c), answer(c), c.path("notificationCleared").asBoolean(false), NOW);

        assertThat(decision.verdict()).isEqualTo(Verdict.valueOf(c.path("verdict").asText()));
        assertThat(decision.ruleIds()).containsExactlyInAnyOrderElementsOf(texts(c.path("rules")));
        assertThat(decision.policyVersion()).isEqualTo("release-2026-11-24");
        if (c.has("reasonContains")) {
            assertThat(decision.findings()).anySatisfy(f -> assertThat(f.reason()).contains(c.path("reasonContains").asText()));
        }
        if (c.has("tlp")) assertThat(decision.tlp().code()).isEqualTo(c.path("tlp").asText());
        for (JsonNode index : c.path("withheld")) {
            assertThat(decision.released().get(index.asInt()).redactedBy()).isEqualTo(ReleaseGate.CATEGORY);
            assertThat(decision.released().get(index.asInt()).fields()).isEmpty();
        }
        c.path("fields").properties().forEach(record -> record.getValue().properties().forEach(field -> {
            FieldValue value = decision.released().get(Integer.parseInt(record.getKey())).fields().get(field.getKey());
            Class<?> expected = switch (field.getValue().asText()) {
                case "clear" -> FieldValue.Clear.class;
                case "pseudonym" -> FieldValue.Pseudonym.class;
                default -> FieldValue.Redacted.class;
            };
            assertThat(value).as(field.getKey()).isInstanceOf(expected);
        }));
        if (decision.verdict() == Verdict.BLOCK) assertThat(decision.released()).isEmpty();
    }

    static Request request(JsonNode c) {
        Set<DataCategory> requested = EnumSet.noneOf(DataCategory.class);
        c.path("requested").forEach(r -> requested.add(Coded.parse(DataCategory.class, r.asText()).orElseThrow()));
        Filings filing = Filings.preservation()
                .type(Coded.parse(RequestType.class, c.path("type").asText("subscriber_data")).orElseThrow())
                .target(c.path("target").asText())
                .legalBasis(new LegalBasis(Coded.parse(Instrument.class, c.path("instrument").asText()).orElseThrow(),
                        c.path("article").asText(), c.path("treaty").asText(null)))
                .dataCategories(requested.toArray(DataCategory[]::new))
                .tlp(Coded.parse(Tlp.class, c.path("requestTlp").asText("TLP:AMBER")).orElseThrow());
        if (c.has("identifiers")) {
            List<Identifier> identifiers = new ArrayList<>();
            c.path("identifiers").forEach(i -> identifiers.add(new Identifier.Email(i.path("value").asText())));
            filing.identifiers(identifiers);
        }
        return Request.filed("276b1bd5-f897-474b-8535-d60307d343ee",
                new Requester(c.path("requester").asText(), "AGENCY", "officer"), filing.build(),
                Instant.parse(c.path("filedAt").asText("2026-11-24T09:30:00Z")));
    }

    static Answer answer(JsonNode c) {
        List<ResponseRecord> records = new ArrayList<>();
        for (JsonNode r : c.path("records")) {
            Map<String, String> fields = new LinkedHashMap<>();
            r.path("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
            records.add(new ResponseRecord(Coded.parse(DataCategory.class, r.path("category").asText()).orElseThrow(),
                    ResponseRecord.Owner.valueOf(r.path("owner").asText()), r.path("special").asBoolean(false), fields,
                    r.path("origin").asText(), Tlp.AMBER));
        }
        return new Answer(records, null, true, Coded.parse(Tlp.class, c.path("answerTlp").asText("TLP:AMBER")).orElseThrow());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
