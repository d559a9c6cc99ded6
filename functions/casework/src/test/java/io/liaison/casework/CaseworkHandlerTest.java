package io.liaison.casework;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Status;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static io.liaison.testing.SampleEvents.jsonBody;
import static io.liaison.testing.SampleEvents.setJsonBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact point's acknowledgement, driven by events/casework-accept.json and
 * events/casework-reject.json. Each test starts with the sample request filed by the Dutch police
 * and routed to DE-POC247, whose operator sends the samples.
 */
class CaseworkHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final CaseworkHandler handler = new CaseworkHandler(broker.wiring);

    @BeforeEach
    void routedToDePoc247() {
        broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
        broker.requests.route(ID).orElseThrow();
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private static String contentType(APIGatewayV2HTTPResponse response) {
        return response.getHeaders().get("content-type");
    }

    private Status stored() {
        return broker.store.find(ID).orElseThrow().status();
    }

    @Test
    void accept_returns200_ACCEPTED_withTheNote() {
        // WHEN the operator of DE-POC247 accepts the request
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-accept.json"));

        // THEN it is ACCEPTED, at version 3, still with DE-POC247, and the note is shown
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo(JSON);
        JsonNode request = body(response);
        assertThat(request.get("id").asText()).isEqualTo(ID);
        assertThat(request.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(request.get("version").asLong()).isEqualTo(3);
        assertThat(request.get("contactPoint").get("id").asText()).isEqualTo("DE-POC247");
        assertThat(request.get("statusReason").get("text").asText()).startsWith("Preservation ordered");
        assertThat(stored()).isEqualTo(Status.ACCEPTED);
    }

    @Test
    void accept_returns409_whenAcceptedAlready() {
        // GIVEN the request accepted once
        handle(httpApi("casework-accept.json"));

        // WHEN the same acknowledgement comes again
        APIGatewayV2HTTPResponse again = handle(httpApi("casework-accept.json"));

        // THEN it is a conflict that says why, and the trail has one acceptance
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(contentType(again)).isEqualTo(PROBLEM);
        assertThat(body(again).get("detail").asText()).isEqualTo("a request that is ACCEPTED cannot be accepted");
        assertThat(broker.store.events(ID)).hasSize(3);
    }

    @Test
    void accept_returns409_whenAnotherOperatorAcknowledgedFirst() {
        // GIVEN a second operator of DE-POC247 whose rejection lands between this accept's read and write
        broker.store.interleaveBeforeNextApply(() -> handle(httpApi("casework-reject.json")));

        // WHEN the accept is written
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-accept.json"));

        // THEN the accept loses with a 409, and the rejection stands
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(stored()).isEqualTo(Status.REJECTED);
    }

    @Test
    void reject_returns200_REJECTED_withTheGround() {
        APIGatewayV2HTTPResponse response = handle(httpApi("casework-reject.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode request = body(response);
        assertThat(request.get("status").asText()).isEqualTo("REJECTED");
        assertThat(request.get("statusReason").get("code").asText()).isEqualTo("data_not_stored");
        assertThat(stored()).isEqualTo(Status.REJECTED);
    }

    @Test
    void reject_returns422_withoutAGround() {
        // GIVEN a rejection that names no ground
        APIGatewayV2HTTPEvent event = httpApi("casework-reject.json");
        ObjectNode rejection = jsonBody(event);
        rejection.remove("ground");
        setJsonBody(event, rejection);

        // WHEN it is sent
        APIGatewayV2HTTPResponse response = handle(event);

        // THEN the ground is asked for, and the request is still ROUTED
        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(contentType(response)).isEqualTo(PROBLEM);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/ground");
        assertThat(stored()).isEqualTo(Status.ROUTED);
    }

    @Test
    void reject_returns422_namingTheGrounds_whenTheGroundIsUnknown() {
        APIGatewayV2HTTPEvent event = httpApi("casework-reject.json");
        setJsonBody(event, jsonBody(event).put("ground", "too_busy"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode error = body(response).get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/ground");
        assertThat(error.get("detail").asText()).contains("data_not_stored", "de_facto_impossibility");
    }

    @Test
    void reject_returns422_withABlankJustification() {
        APIGatewayV2HTTPEvent event = httpApi("casework-reject.json");
        setJsonBody(event, jsonBody(event).put("justification", "  "));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/justification");
    }

    @Test
    void accept_returns422_whenItCarriesAGround() {
        APIGatewayV2HTTPEvent event = httpApi("casework-accept.json");
        setJsonBody(event, jsonBody(event).put("ground", "data_not_stored"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/ground");
    }

    @Test
    void acknowledge_returns422_forADecisionThatIsNeitherAcceptNorReject() {
        APIGatewayV2HTTPEvent event = httpApi("casework-accept.json");
        setJsonBody(event, jsonBody(event).put("decision", "maybe"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/decision");
    }

    @Test
    void acknowledge_returns400_forAnUnknownField() {
        APIGatewayV2HTTPEvent event = httpApi("casework-accept.json");
        setJsonBody(event, jsonBody(event).put("priority", "high"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/priority");
    }

    @Test
    void acknowledge_returns404_toAnotherContactPoint() {
        // GIVEN the operator of Germany's CSIRT, which the request was not routed to
        APIGatewayV2HTTPEvent event = httpApi("casework-accept.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-csirt");
        claims.put("contact_point", "DE-CSIRT");

        // WHEN it tries to accept, THEN the request does not exist for it
        APIGatewayV2HTTPResponse response = handle(event);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(contentType(response)).isEqualTo(PROBLEM);
        assertThat(stored()).isEqualTo(Status.ROUTED);
    }

    @Test
    void acknowledge_returns403_toARequester() {
        APIGatewayV2HTTPEvent event = httpApi("casework-accept.json");
        Map<String, String> claims = claims(event);
        claims.put("role", "requester");
        claims.put("jurisdiction", "NL");
        claims.put("agency", "NL-POLITIE-THTC");

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(stored()).isEqualTo(Status.ROUTED);
    }
}
