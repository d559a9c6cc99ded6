package io.liaison.intake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Status;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static io.liaison.testing.SampleEvents.jsonBody;
import static io.liaison.testing.SampleEvents.setJsonBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requester's writes, driven by events/intake-file-request.json and
 * events/intake-withdraw-request.json over an in-memory store.
 */
class IntakeHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final IntakeHandler handler = new IntakeHandler(broker.wiring);

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static String contentType(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().get("content-type");
    }

    @Nested
    class FileARequest {
        private final APIGatewayV2HTTPEvent sample = httpApi("intake-file-request.json");

        @Test
        void file_returns201_withTheLocationOfTheNewRequest() {
            // WHEN the Dutch police file the sample request
            APIGatewayV2HTTPResponse response = handle(sample);

            // THEN it is created, where the Location header says, as FILED for their agency
            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(contentType(response)).isEqualTo(JSON);
            assertThat(response.getHeaders()).containsEntry("location", "/requests/" + ID)
                    .containsEntry("idempotent-replayed", "false");
            JsonNode request = body(response);
            assertThat(request.get("id").asText()).isEqualTo(ID);
            assertThat(request.get("status").asText()).isEqualTo("FILED");
            assertThat(request.get("requester").get("agency").asText()).isEqualTo("NL-POLITIE-THTC");
            assertThat(request.get("filing").get("targetJurisdiction").asText()).isEqualTo("DE");
            assertThat(broker.store.find(ID)).isPresent();
        }

        @Test
        void file_returns201_withTheSameRequest_whenRetriedWithTheSameIdempotencyKey() {
            // GIVEN the sample filed once
            handle(sample);

            // WHEN the same event comes again (the client never saw the first answer)
            APIGatewayV2HTTPResponse retry = handle(httpApi("intake-file-request.json"));

            // THEN the first request is the answer, marked replayed, and there is still only one
            assertThat(retry.getStatusCode()).isEqualTo(201);
            assertThat(retry.getHeaders()).containsEntry("location", "/requests/" + ID)
                    .containsEntry("idempotent-replayed", "true");
            assertThat(broker.store.size()).isEqualTo(1);
        }

        @Test
        void file_returns422_whenTheIdempotencyKeyIsReusedForAnotherFiling() {
            handle(sample);
            APIGatewayV2HTTPEvent other = httpApi("intake-file-request.json");
            setJsonBody(other, jsonBody(other).put("targetJurisdiction", "FR"));

            APIGatewayV2HTTPResponse response = handle(other);

            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(body(response).get("errors").get(0).get("detail").asText()).contains("Idempotency-Key");
            assertThat(broker.store.size()).isEqualTo(1);
        }

        @Test
        void file_returns400_whenTheIdempotencyKeyIsMalformed() {
            sample.getHeaders().put("idempotency-key", "abc");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/bad-idempotency-key");
        }

        @Test
        void file_returns400_namingTheUnknownField_andStoresNothing() {
            // GIVEN an identifier with a field Liaison does not know
            ObjectNode filing = jsonBody(sample);
            ((ObjectNode) filing.get("identifiers").get(0)).put("colour", "red");
            setJsonBody(sample, filing);

            // WHEN it is filed
            APIGatewayV2HTTPResponse response = handle(sample);

            // THEN the answer is a 400 problem that points at the field, and nothing was stored
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            JsonNode problem = body(response);
            assertThat(problem.get("type").asText()).isEqualTo("/problems/unknown-field");
            assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("/identifiers/0/colour");
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_returns400_whenTheBodyIsNotJson() {
            sample.setBody("{\"type\": \"preservation\",");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/malformed-json");
        }

        @Test
        void file_returns400_andStoresNothing_whenATextHoldsAnUnpairedSurrogate() throws Exception {
            // GIVEN a summary of facts ending in a lone high surrogate, sent as a JSON escape
            ObjectNode filing = jsonBody(sample);
            filing.put("summaryOfFacts", "Phishing campaign LONE");
            sample.setBody(io.liaison.json.Json.MAPPER.writeValueAsString(filing).replace("LONE", "\\uD83D"));

            // WHEN it is filed, THEN the body is refused as malformed, naming where, and nothing was stored
            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/malformed-json");
            assertThat(body(response).get("detail").asText()).contains("unpaired UTF-16 surrogate at /summaryOfFacts");
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_acceptsAPairedSurrogate_anEmojiInTheSummary() throws Exception {
            ObjectNode filing = jsonBody(sample);
            filing.put("summaryOfFacts", "Phishing campaign MAIL");
            sample.setBody(io.liaison.json.Json.MAPPER.writeValueAsString(filing).replace("MAIL", "\\uD83D\\uDCE7"));

            assertThat(handle(sample).getStatusCode()).isEqualTo(201);
        }

        @Test
        void file_returns400_whenAKeyIsRepeated() {
            sample.setBody("{\"type\":\"preservation\",\"type\":\"content_data\"}");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/malformed-json");
        }

        @Test
        void file_returns400_whenTheBodyIsEmpty() {
            sample.setBody("");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("detail").asText()).isEqualTo("The body is empty.");
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.ValueSource(strings = {"deeply nested arrays", "deeply nested objects",
                "a 2000-digit integer", "a 2000-digit fraction"})
        void file_returns400_forHostileJson(String kind) {
            sample.setBody(switch (kind) {
                case "deeply nested arrays" -> "[".repeat(1500) + "]".repeat(1500);
                case "deeply nested objects" -> "{\"a\":".repeat(1200) + "1" + "}".repeat(1200);
                case "a 2000-digit integer" -> "{\"type\":" + "9".repeat(2000) + "}";
                default -> "{\"type\":1." + "9".repeat(2000) + "}";
            });

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_returns400_whenTheBodyIsOnlyWhitespace() {
            sample.setBody(" \n\t ");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("detail").asText()).isEqualTo("The body is empty.");
        }

        @Test
        void file_returns415_whenTheBodyIsNotDeclaredJson() {
            sample.getHeaders().put("content-type", "text/plain");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(415);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
        }

        @Test
        void file_acceptsJson_withACharsetParameter_inAnyCase() {
            sample.getHeaders().put("content-type", "Application/JSON; charset=utf-8");

            assertThat(handle(sample).getStatusCode()).isEqualTo(201);
        }

        @Test
        void file_returns413_whenTheBodyIsOver64KiB() {
            // GIVEN a summary of facts that takes the body past 64 KiB
            setJsonBody(sample, jsonBody(sample).put("summaryOfFacts", "x".repeat(64 * 1024)));

            // WHEN it is filed
            APIGatewayV2HTTPResponse response = handle(sample);

            // THEN it is refused unread
            assertThat(response.getStatusCode()).isEqualTo(413);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_readsABase64EncodedBody() {
            sample.setBody(Base64.getEncoder().encodeToString(sample.getBody().getBytes(StandardCharsets.UTF_8)));
            sample.setIsBase64Encoded(true);

            assertThat(handle(sample).getStatusCode()).isEqualTo(201);
        }

        @Test
        void file_returns422_pointingAtLegalBasis_whenItIsMissing() {
            ObjectNode filing = jsonBody(sample);
            filing.remove("legalBasis");
            setJsonBody(sample, filing);

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            JsonNode problem = body(response);
            assertThat(problem.get("type").asText()).isEqualTo("/problems/validation-failed");
            assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("/legalBasis");
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_returns422_whenTheTargetIsTheRequestersOwnJurisdiction() {
            setJsonBody(sample, jsonBody(sample).put("targetJurisdiction", "NL"));

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(422);
            JsonNode error = body(response).get("errors").get(0);
            assertThat(error.get("pointer").asText()).isEqualTo("/targetJurisdiction");
            assertThat(error.get("detail").asText()).contains("requester's own");
            assertThat(broker.store.size()).isZero();
        }

        @Test
        void file_returns422NamingProtocol22_whenNlFilesToDkUnderTheRegulation() {
            // GIVEN the sample turned into a European Preservation Order to Denmark
            ObjectNode filing = jsonBody(sample).put("targetJurisdiction", "DK");
            filing.putObject("legalBasis").put("instrument", "EU_2023_1543").put("article", "6");
            setJsonBody(sample, filing);

            // WHEN it is filed
            APIGatewayV2HTTPResponse response = handle(sample);

            // THEN a problem names the instrument's field and why Denmark is not bound; nothing was stored
            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            JsonNode problem = body(response);
            assertThat(problem.get("type").asText()).isEqualTo("/problems/validation-failed");
            assertThat(problem.get("errors")).singleElement().satisfies(error -> {
                assertThat(error.get("pointer").asText()).isEqualTo("/legalBasis/instrument");
                assertThat(error.get("detail").asText())
                        .startsWith("DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark");
            });
            assertThat(broker.store.size()).isZero();
            assertThat(broker.store.eventCount()).isZero();
        }

        @Test
        void file_returns403_toAContactPoint() {
            Map<String, String> claims = claims(sample);
            claims.put("role", "contact_point");
            claims.remove("agency");
            claims.put("contact_point", "NL-POC247");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
        }

        @Test
        void file_returns403_whenTheTokenCarriesNoLiaisonRole() {
            claims(sample).remove("role");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/no-liaison-identity");
        }

        @Test
        void file_readsCognitosCustomClaims() {
            // GIVEN the claims as a Cognito user pool names its custom attributes
            Map<String, String> claims = claims(sample);
            for (String name : new String[] {"role", "jurisdiction", "agency"}) {
                claims.put("custom:" + name, claims.remove(name));
            }

            // WHEN the request is filed, THEN the caller is the same requester
            APIGatewayV2HTTPResponse response = handle(sample);
            assertThat(response.getStatusCode()).isEqualTo(201);
            assertThat(body(response).get("requester").get("jurisdiction").asText()).isEqualTo("NL");
        }

        @Test
        void file_answersWithProblemJson_forARouteTheFunctionDoesNotServe() {
            sample.setRouteKey("DELETE /requests/{id}");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
        }
    }

    @Nested
    class WithdrawARequest {
        private final APIGatewayV2HTTPEvent sample = httpApi("intake-withdraw-request.json");

        /** The sample filing, filed by the Dutch police. */
        private void filed() {
            broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
        }

        @Test
        void withdraw_returns200_WITHDRAWN_withTheReason() {
            filed();

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo(JSON);
            JsonNode request = body(response);
            assertThat(request.get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(request.get("statusReason").get("text").asText()).startsWith("The suspects were identified");
            assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(Status.WITHDRAWN);
        }

        @Test
        void withdraw_returns409_whenWithdrawnAlready() {
            filed();
            handle(sample);

            APIGatewayV2HTTPResponse again = handle(httpApi("intake-withdraw-request.json"));

            assertThat(again.getStatusCode()).isEqualTo(409);
            assertThat(contentType(again)).isEqualTo(PROBLEM);
        }

        @Test
        void withdraw_returns404_toAnotherAgency() {
            filed();
            claims(sample).put("agency", "NL-FIOD");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(404);
            assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(Status.FILED);
        }

        @Test
        void withdraw_returns404_forAnIdThatIsNoRequestId() {
            filed();
            sample.setPathParameters(Map.of("id", "../../etc/passwd"));

            assertThat(handle(sample).getStatusCode()).isEqualTo(404);
        }

        @Test
        void withdraw_returns422_withoutAReason() {
            filed();
            sample.setBody("{}");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/reason");
        }
    }

    /**
     * Extending a preservation takes no input. Schemathesis sent the body {@code \u0000} as
     * application/json and the preservation was extended (200): the handler never read the body.
     * Bad input is now answered like any other bad body, and the preservation stays as it was.
     */
    @Nested
    class ExtendAPreservation {
        private final APIGatewayV2HTTPEvent sample = httpApi("intake-extend-preservation.json");

        /** The sample preservation, filed by the Dutch police and accepted by DE-POC247. */
        private void accepted() {
            broker.acceptedByDePoc247(Filings.preservation().build());
        }

        private boolean extended() {
            return broker.store.find(ID).orElseThrow().preservation().extended();
        }

        @Test
        void extendPreservation_returns200_withTheLongerPeriod_whenSentWithoutABody() {
            accepted();

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(body(response).get("preservation").get("extended").asBoolean()).isTrue();
            assertThat(extended()).isTrue();
        }

        @Test
        void extendPreservation_returns200_forAnEmptyJsonObject() {
            accepted();
            sample.getHeaders().put("content-type", "application/json");
            sample.setBody("{}");

            assertThat(handle(sample).getStatusCode()).isEqualTo(200);
            assertThat(extended()).isTrue();
        }

        @Test
        void extendPreservation_returns400_andExtendsNothing_whenTheBodyIsNotJson() {
            accepted();
            sample.getHeaders().put("content-type", "application/json");
            sample.setBody("\u0000");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/malformed-json");
            assertThat(extended()).isFalse();
        }

        @Test
        void extendPreservation_returns400_andExtendsNothing_forAMemberItDoesNotKnow() {
            accepted();
            sample.getHeaders().put("content-type", "application/json");
            sample.setBody("{\"days\": 90}");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/unknown-field");
            assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/days");
            assertThat(extended()).isFalse();
        }

        @Test
        void extendPreservation_returns422_andExtendsNothing_whenTheBodyIsNoObject() {
            accepted();
            sample.getHeaders().put("content-type", "application/json");
            sample.setBody("[]");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(extended()).isFalse();
        }

        @Test
        void extendPreservation_returns415_andExtendsNothing_forABodyThatIsNotDeclaredJson() {
            accepted();
            sample.getHeaders().put("content-type", "text/plain");
            sample.setBody("please extend");

            APIGatewayV2HTTPResponse response = handle(sample);

            assertThat(response.getStatusCode()).isEqualTo(415);
            assertThat(contentType(response)).isEqualTo(PROBLEM);
            assertThat(extended()).isFalse();
        }
    }

    /** GET /legal-bases: what the filing form offers, the same answer filing gives. */
    @Nested
    class LegalBases {
        private APIGatewayV2HTTPEvent ask(String target) {
            APIGatewayV2HTTPEvent event = httpApi("intake-file-request.json");
            event.setRouteKey("GET /legal-bases");
            event.setRawPath("/legal-bases");
            event.setBody(null);
            event.getHeaders().remove("content-type");
            event.getHeaders().remove("idempotency-key");
            event.setQueryStringParameters(target == null ? null : new java.util.HashMap<>(Map.of("targetJurisdiction", target)));
            return event;
        }

        private static JsonNode instrument(JsonNode bases, String code) {
            for (JsonNode item : bases.get("items")) if (item.get("instrument").asText().equals(code)) return item;
            throw new AssertionError(code + " not listed");
        }

        @Test
        void listsTheTargetsTheDirectoryServes_withoutTheRequestersOwn_andNoInstrumentsUntilATargetIsAskedFor() {
            JsonNode bases = body(handle(ask(null)));

            assertThat(bases.get("requesting").asText()).isEqualTo("NL");
            assertThat(bases.get("target").isNull()).isTrue();
            assertThat(bases.get("targets")).extracting(JsonNode::asText).contains("DE", "FR").doesNotContain("NL");
            assertThat(bases.get("items")).isEmpty();
        }

        @Test
        void forATarget_saysWhichInstrumentsBindBothSides_andWhyTheOthersDoNot() {
            APIGatewayV2HTTPResponse response = handle(ask("DE"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode bases = body(response);
            assertThat(bases.get("target").asText()).isEqualTo("DE");
            JsonNode budapest = instrument(bases, "ETS_185");
            assertThat(budapest.get("binds").asBoolean()).isTrue();
            assertThat(budapest.get("sides")).extracting(side -> side.get("jurisdiction").asText()).containsExactly("NL", "DE");
            JsonNode protocol = instrument(bases, "CETS_224");
            assertThat(protocol.get("binds").asBoolean()).isFalse();
            assertThat(protocol.get("reason").asText()).contains("not in force");
        }

        @Test
        void anInstrumentListedAsNotBinding_isRefusedAtFilingWithTheSameReason() {
            String reason = instrument(body(handle(ask("DE"))), "CETS_224").get("reason").asText();
            APIGatewayV2HTTPEvent filing = httpApi("intake-file-request.json");
            ObjectNode body = jsonBody(filing);
            ((ObjectNode) body.get("legalBasis")).put("instrument", "CETS_224").put("article", "7");
            setJsonBody(filing, body);

            APIGatewayV2HTTPResponse refused = handle(filing);

            assertThat(refused.getStatusCode()).isEqualTo(422);
            assertThat(body(refused).get("errors")).anySatisfy(e -> assertThat(e.get("detail").asText()).isEqualTo(reason));
        }

        @Test
        void theRequestersOwnJurisdiction_isABadQuery() {
            APIGatewayV2HTTPResponse response = handle(ask("NL"));

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("type").asText()).isEqualTo("/problems/bad-query");
            assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/targetJurisdiction");
        }

        @Test
        void aTargetThatIsNoCountryCode_isABadQuery() {
            assertThat(handle(ask("de")).getStatusCode()).isEqualTo(400);
        }

        @Test
        void aContactPoint_isForbidden() {
            APIGatewayV2HTTPEvent event = ask("DE");
            Map<String, String> claims = claims(event);
            claims.put("role", "contact_point");
            claims.put("contact_point", "DE-CA");
            claims.remove("agency");

            assertThat(handle(event).getStatusCode()).isEqualTo(403);
        }
    }
}
