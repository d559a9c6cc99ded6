package io.liaison.review;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.AuditEvent;
import io.liaison.core.Outcome;
import io.liaison.core.Response;
import io.liaison.core.ResponseService;
import io.liaison.testing.Callers;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static io.liaison.testing.SampleEvents.jsonBody;
import static io.liaison.testing.SampleEvents.setJsonBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-protection officer's review, driven by events/review-queue.json and
 * events/review-approve.json (the DPO of Germany, de-dpo). Each test starts with DE-POC247's
 * answer to the emergency subscriber-data request held by the gate as response 4: its first
 * record is a special category of personal data.
 */
class ReviewHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String PROBLEM = "application/problem+json";

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final ReviewHandler handler = new ReviewHandler(broker.wiring);

    @BeforeEach
    void heldAsResponse4() {
        broker.acceptedByDePoc247(InMemoryBroker.subscriberDataFiling());
        var submitted = broker.responses.submit(Callers.DE_POC247, ID, InMemoryBroker.sampleAnswer(true));
        assertThat(((Outcome.Ok<Response>) submitted).value().status()).isEqualTo(Response.Status.HELD);
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private Response.Status stored() {
        return broker.store.response(ID, 4).orElseThrow().status();
    }

    private List<ResponseService.Seen> requesterReads() {
        return ((Outcome.Ok<List<ResponseService.Seen>>) broker.responses.read(Callers.NL_POLICE, ID)).value();
    }

    private static APIGatewayV2HTTPEvent approveAs(String subject, String jurisdiction) {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        claims(event).put("sub", subject);
        claims(event).put("jurisdiction", jurisdiction);
        return event;
    }

    private static void pathNumber(APIGatewayV2HTTPEvent event, String number) {
        Map<String, String> path = new HashMap<>(event.getPathParameters());
        path.put("number", number);
        event.setPathParameters(path);
    }

    // --- the queue ---

    @Test
    void queue_listsTheHeldResponse_withTheRulesThatHeldIt() {
        APIGatewayV2HTTPResponse response = handle(httpApi("review-queue.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode page = body(response);
        JsonNode item = page.get("items").get(0);
        assertThat(page.get("items")).hasSize(1);
        assertThat(item.get("requestId").asText()).isEqualTo(ID);
        assertThat(item.get("number").asLong()).isEqualTo(4);
        assertThat(item.get("status").asText()).isEqualTo("HELD");
        assertThat(item.get("contactPoint").asText()).isEqualTo("DE-POC247");
        assertThat(item.get("decision").get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G5-SPECIAL-CATEGORY");
            assertThat(f.get("record").asInt()).isZero();
        });
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void queue_showsNoPayload() {
        String page = handle(httpApi("review-queue.json")).getBody();

        assertThat(page).doesNotContain("Max Muster", "anna.beispiel@example.net", "pseudonym:");
    }

    @Test
    void queue_isEmpty_forAnOfficerOfAnotherJurisdiction() {
        APIGatewayV2HTTPEvent event = httpApi("review-queue.json");
        claims(event).put("jurisdiction", "FR");

        assertThat(body(handle(event)).get("items")).isEmpty();
    }

    @Test
    void queue_isEmpty_onceTheResponseIsReviewed() {
        handle(httpApi("review-approve.json"));

        assertThat(body(handle(httpApi("review-queue.json"))).get("items")).isEmpty();
    }

    @Test
    void queue_returns403_toAContactPoint() {
        APIGatewayV2HTTPEvent event = httpApi("review-queue.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-poc247");
        claims.put("role", "contact_point");
        claims.put("contact_point", "DE-POC247");

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "ten"})
    void queue_returns400_forALimitOutsideOneTo100(String limit) {
        APIGatewayV2HTTPEvent event = httpApi("review-queue.json");
        event.setQueryStringParameters(Map.of("limit", limit));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/limit");
    }

    // --- the review ---

    @Test
    void approve_returns200_RELEASED_withTheReviewAndItsReason() {
        // WHEN the DPO of Germany approves response 4
        APIGatewayV2HTTPResponse response = handle(httpApi("review-approve.json"));

        // THEN it is released, until the end of its retention period, and the review is shown to the officer
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode view = body(response);
        assertThat(view.get("status").asText()).isEqualTo("RELEASED");
        assertThat(view.get("expiresAt").asText()).isEqualTo("2027-02-22T09:30:00.000Z");
        assertThat(view.get("decision").get("verdict").asText()).isEqualTo("HOLD");
        JsonNode review = view.get("review");
        assertThat(review.get("jurisdiction").asText()).isEqualTo("DE");
        assertThat(review.get("approved").asBoolean()).isTrue();
        assertThat(review.get("reason").asText()).startsWith("Checked against the request");
        assertThat(stored()).isEqualTo(Response.Status.RELEASED);
    }

    @Test
    void approve_letsTheRequesterReadTheResponse() {
        assertThat(requesterReads().getFirst().payloadShown()).isFalse();

        handle(httpApi("review-approve.json"));

        assertThat(requesterReads().getFirst().payloadShown()).isTrue();
    }

    @Test
    void approve_isRecordedInTheTrail_withTheRulesThatHeldIt_butNotTheReason() {
        handle(httpApi("review-approve.json"));

        AuditEvent event = broker.store.events(ID).getLast();
        assertThat(event.action()).isEqualTo("RELEASE_APPROVED");
        assertThat(event.actor().role()).isEqualTo("dpo");
        assertThat(event.ruleIds()).contains("G5-SPECIAL-CATEGORY");
        assertThat(event.toString()).doesNotContain("Checked against the request");
    }

    @Test
    void block_returns200_BLOCKED_andTheRequesterStillSeesNothing() {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        setJsonBody(event, jsonBody(event).put("decision", "block"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("BLOCKED");
        assertThat(body(response).get("review").get("approved").asBoolean()).isFalse();
        assertThat(body(response).get("expiresAt").isNull()).isTrue();
        assertThat(requesterReads().getFirst().payloadShown()).isFalse();
        assertThat(broker.store.events(ID).getLast().action()).isEqualTo("RELEASE_BLOCKED");
    }

    @Test
    void review_returns403_toTheAuthor_fourEyes() {
        // GIVEN the operator who wrote response 4, holding an officer's role too
        APIGatewayV2HTTPEvent event = approveAs("de-poc247", "DE");

        // WHEN it approves its own response
        APIGatewayV2HTTPResponse response = handle(event);

        // THEN it is refused, and the response stays held
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        assertThat(body(response).get("detail").asText()).contains("four eyes");
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void review_returns404_toAnOfficerOfAnotherJurisdiction() {
        APIGatewayV2HTTPResponse response = handle(approveAs("fr-dpo", "FR"));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void review_answersAnOfficerOfAnotherJurisdiction_exactlyAsForAResponseThatDoesNotExist() {
        APIGatewayV2HTTPResponse outsider = handle(approveAs("fr-dpo", "FR"));
        APIGatewayV2HTTPEvent unknown = httpApi("review-approve.json");
        pathNumber(unknown, "99");
        APIGatewayV2HTTPResponse missing = handle(unknown);

        assertThat(outsider.getStatusCode()).isEqualTo(missing.getStatusCode());
        assertThat(outsider.getBody()).isEqualTo(missing.getBody());
    }

    @Test
    void review_returns403_toAContactPoint() {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-poc247-b");
        claims.put("role", "contact_point");
        claims.put("contact_point", "DE-POC247");

        assertThat(handle(event).getStatusCode()).isEqualTo(403);
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void review_returns409_whenTheResponseIsNoLongerHeld() {
        handle(httpApi("review-approve.json"));

        APIGatewayV2HTTPResponse again = handle(approveAs("de-dpo-2", "DE"));

        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(body(again).get("detail").asText()).contains("RELEASED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-4", "+4", "04", "4.0", "four", "99999999999999999999"})
    void review_returns404_forANumberThatIsNoPositiveWholeNumber(String number) {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        pathNumber(event, number);

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", PROBLEM);
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void review_returns422_withoutAReason() {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        setJsonBody(event, jsonBody(event).without("reason"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/reason");
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void review_returns422_forADecisionThatIsNeitherApproveNorBlock() {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        setJsonBody(event, jsonBody(event).put("decision", "release"));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode error = body(response).get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/decision");
        assertThat(error.get("detail").asText()).contains("approve, block");
    }

    @Test
    void review_returns400_forAnUnknownField() {
        APIGatewayV2HTTPEvent event = httpApi("review-approve.json");
        setJsonBody(event, jsonBody(event).put("notifyRequester", true));

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("errors").get(0).get("pointer").asText()).isEqualTo("/notifyRequester");
        assertThat(stored()).isEqualTo(Response.Status.HELD);
    }

    @Test
    void readForReview_showsTheAnswerAsSent_andRecordsTheReadInTheTrail() {
        // GIVEN a held response; WHEN a DE officer opens it for review
        APIGatewayV2HTTPEvent event = httpApi("review-queue.json");
        event.setRouteKey("GET /requests/{id}/responses/{number}");
        event.setPathParameters(Map.of("id", ID, "number", "4"));

        APIGatewayV2HTTPResponse response = handle(event);

        // THEN the officer sees what the contact point sent, and the trail says the officer read it
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("Max Muster");
        assertThat(broker.store.events(ID)).extracting(io.liaison.core.AuditEvent::action).contains("RESPONSES_READ");
    }
}
