package io.liaison.casework;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.AuditEvent;
import io.liaison.core.Response;
import io.liaison.core.Status;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static io.liaison.testing.SampleEvents.jsonBody;
import static io.liaison.testing.SampleEvents.setJsonBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact point answers, driven by events/casework-respond.json: DE-POC247 answers the Dutch
 * police's emergency request for subscriber data with the account holder, a third party's e-mail
 * address and a content record nobody asked for.
 */
class CaseworkHandlerRespondTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String PROBLEM = "application/problem+json";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final CaseworkHandler handler = new CaseworkHandler(broker.wiring);

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private void accepted() {
        broker.acceptedByDePoc247(InMemoryBroker.subscriberDataFiling());
    }

    private static APIGatewayV2HTTPEvent respond(Consumer<ObjectNode> change) {
        APIGatewayV2HTTPEvent event = httpApi("casework-respond.json");
        ObjectNode answer = jsonBody(event);
        change.accept(answer);
        setJsonBody(event, answer);
        return event;
    }

    private static ObjectNode record(ObjectNode answer, int index) {
        return (ObjectNode) answer.get("records").get(index);
    }

    /** Nothing of a refused answer was written: no response, the request where it was, its trail as long. */
    private void nothingWritten(Status status, int events) {
        assertThat(broker.store.responses(ID)).isEmpty();
        assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(status);
        assertThat(broker.store.events(ID)).hasSize(events);
    }

    @Test
    void respond_returns201_withTheGatesDecision_namingTheRedactionAndThePseudonym() {
        // GIVEN the subscriber-data request accepted by DE-POC247
        accepted();

        // WHEN its operator sends the sample answer
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-respond.json"));

        // THEN it is response 4, released with redactions, and the decision says why
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json")
                .containsEntry("location", "/requests/" + ID + "/responses/4");
        JsonNode view = body(response);
        assertThat(view.get("number").asLong()).isEqualTo(4);
        assertThat(view.get("status").asText()).isEqualTo("RELEASED");
        assertThat(view.get("final").asBoolean()).isTrue();
        assertThat(view.get("submittedAt").asText()).isEqualTo("2026-11-24T09:30:00.000Z");
        JsonNode decision = view.get("decision");
        assertThat(decision.get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
        assertThat(decision.get("policyVersion").asText()).isEqualTo("release-2026-11-24");
        assertThat(decision.get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G2-CATEGORY");
            assertThat(f.get("record").asInt()).isEqualTo(2);
            assertThat(f.get("reason").asText()).isEqualTo("the request did not ask for content data");
        });
        assertThat(decision.get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G6-THIRD-PARTY");
            assertThat(f.get("record").asInt()).isEqualTo(1);
        });
    }

    @Test
    void respond_showsTheContactPointTheDecision_notTheReleasedData() {
        accepted();

        String view = handle(httpApi("casework-respond.json")).getBody();

        assertThat(view).doesNotContain("anna.beispiel@example.net", "pseudonym:", "records");
    }

    @Test
    void respond_storesTheResponse_andRecordsTheDecisionInTheTrail_withoutItsContent() {
        accepted();

        handle(httpApi("casework-respond.json"));

        assertThat(broker.store.responses(ID)).singleElement().extracting(Response::authorSubject).isEqualTo("de-poc247");
        assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(Status.ANSWERED);
        AuditEvent event = broker.store.events(ID).getLast();
        assertThat(event.action()).isEqualTo("RESPONDED");
        assertThat(event.ruleIds()).contains("G2-CATEGORY", "G6-THIRD-PARTY");
        assertThat(event.policyVersion()).isEqualTo("release-2026-11-24");
        assertThat(event.toString()).doesNotContain("anna.beispiel", "Max Muster");
    }

    @Test
    void respond_holdsASpecialCategoryRecord_forADataProtectionOfficer() {
        accepted();

        APIGatewayV2HTTPResponse response = handle(respond(a -> record(a, 0).put("specialCategory", true)));

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode view = body(response);
        assertThat(view.get("status").asText()).isEqualTo("HELD");
        assertThat(view.get("expiresAt").isNull()).isTrue();
        assertThat(view.get("decision").get("verdict").asText()).isEqualTo("HOLD");
        assertThat(view.get("decision").get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G5-SPECIAL-CATEGORY");
            assertThat(f.get("effect").asText()).isEqualTo("HOLD");
            assertThat(f.get("record").asInt()).isZero();
        });
    }

    @Test
    void respond_keepsTheRequestOpen_afterAPartialResponse_andClosesItWithTheFinalOne() {
        accepted();

        APIGatewayV2HTTPResponse partial = handle(respond(a -> a.put("final", false)));
        assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(Status.ACCEPTED);
        APIGatewayV2HTTPResponse last = handle(httpApi("casework-respond.json"));

        assertThat(partial.getStatusCode()).isEqualTo(201);
        assertThat(last.getStatusCode()).isEqualTo(201);
        assertThat(last.getHeaders().get("location")).endsWith("/responses/5");
        assertThat(broker.store.find(ID).orElseThrow().status()).isEqualTo(Status.ANSWERED);
    }

    @Test
    void respond_returns409_afterTheFinalResponse() {
        accepted();
        handle(httpApi("casework-respond.json"));

        APIGatewayV2HTTPResponse again = handle(httpApi("casework-respond.json"));

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(broker.store.responses(ID)).hasSize(1);
    }

    @Test
    void respond_returns409_toARequestNotYetAccepted() {
        // GIVEN the request routed to DE-POC247 but not acknowledged
        broker.requests.file(Callers.NL_POLICE, InMemoryBroker.subscriberDataFiling(), Optional.empty());
        broker.requests.route(ID).orElseThrow();

        // WHEN the operator answers it
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-respond.json"));

        // THEN it is a conflict, and nothing is written
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        assertThat(body(response).get("detail").asText()).contains("ROUTED");
        nothingWritten(Status.ROUTED, 2);
    }

    @Test
    void respond_returns404_toAnotherContactPoint() {
        accepted();
        APIGatewayV2HTTPEvent event = httpApi("casework-respond.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-csirt");
        claims.put("contact_point", "DE-CSIRT");

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns403_toARequester() {
        accepted();
        APIGatewayV2HTTPEvent event = httpApi("casework-respond.json");
        Map<String, String> claims = claims(event);
        claims.put("role", "requester");
        claims.put("jurisdiction", "NL");
        claims.put("agency", "NL-POLITIE-THTC");
        claims.remove("contact_point");

        assertThat(handle(event).getStatusCode()).isEqualTo(403);
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns422_withThePointer_forAnUnknownCategory() {
        accepted();

        APIGatewayV2HTTPResponse response = handle(respond(a -> record(a, 2).put("category", "metadata")));

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        JsonNode error = body(response).get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/records/2/category");
        assertThat(error.get("detail").asText()).contains("subscriber, identification, traffic, content");
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns422_forAnOriginThatIsNoCountry() {
        accepted();

        APIGatewayV2HTTPResponse response = handle(respond(a -> record(a, 1).put("originJurisdiction", "EU")));

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/records/1/originJurisdiction");
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns422_toAPreservationAnsweredWithDataInsteadOfAConfirmation() {
        // GIVEN the preservation request of the other samples, accepted
        broker.acceptedByDePoc247(Filings.preservation().build());

        // WHEN it is answered with records and no confirmation
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-respond.json"));

        // THEN the confirmation is asked for
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/confirmation");
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns400_forAnUnknownField() {
        accepted();

        APIGatewayV2HTTPResponse response = handle(respond(a -> record(a, 0).put("consent", "given")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("type").asText()).isEqualTo("/problems/unknown-field");
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/records/0/consent");
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns413_forABodyOver64KiB() {
        accepted();

        // 40 values of 1,900 characters: each within its limit, together over 64 KiB
        APIGatewayV2HTTPResponse response = handle(respond(a -> {
            ObjectNode fields = (ObjectNode) record(a, 0).get("fields");
            for (int i = 0; i < 40; i++) fields.put("note" + i, "x".repeat(1900));
        }));

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        nothingWritten(Status.ACCEPTED, 3);
    }

    @Test
    void respond_returns404_forAnIdThatCannotExist() {
        accepted();
        APIGatewayV2HTTPEvent event = httpApi("casework-respond.json");
        event.setPathParameters(Map.of("id", "not-a-uuid"));

        assertThat(handle(event).getStatusCode()).isEqualTo(404);
        nothingWritten(Status.ACCEPTED, 3);
    }
}
