package io.liaison.tracking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.AuditEvent;
import io.liaison.core.DataCategory;
import io.liaison.core.Instrument;
import io.liaison.core.Outcome;
import io.liaison.core.RequestType;
import io.liaison.core.Response;
import io.liaison.core.Tlp;
import io.liaison.core.Urgency;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.liaison.testing.SampleEvents.body;
import static io.liaison.testing.SampleEvents.claims;
import static io.liaison.testing.SampleEvents.httpApi;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the parties read of a request's responses, driven by events/tracking-list-responses.json
 * (the Dutch police). DE-POC247 answers the emergency subscriber-data request with the answer of
 * events/casework-respond.json: the account holder, a third party's e-mail address, a content record.
 */
class TrackingHandlerResponsesTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final TrackingHandler handler = new TrackingHandler(broker.wiring);

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private Response answered(boolean specialCategory) {
        broker.acceptedByDePoc247(InMemoryBroker.subscriberDataFiling());
        var submitted = broker.responses.submit(Callers.DE_POC247, ID, InMemoryBroker.sampleAnswer(specialCategory));
        return ((Outcome.Ok<Response>) submitted).value();
    }

    private static APIGatewayV2HTTPEvent asContactPoint() {
        APIGatewayV2HTTPEvent event = httpApi("tracking-list-responses.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-poc247");
        claims.put("role", "contact_point");
        claims.put("jurisdiction", "DE");
        claims.remove("agency");
        claims.put("contact_point", "DE-POC247");
        return event;
    }

    private long reads() {
        return broker.store.events(ID).stream().filter(e -> e.action().equals("RESPONSES_READ")).count();
    }

    @Test
    void list_showsTheRequesterTheReleasedContent_withThePseudonymAndTheRedactionMarked() {
        // GIVEN the sample answer, released with redactions
        answered(false);

        // WHEN the Dutch police read the responses
        APIGatewayV2HTTPResponse response = handle(httpApi("tracking-list-responses.json"));

        // THEN the account holder is in clear, the third party's e-mail a pseudonym, the content redacted
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        JsonNode list = body(response);
        assertThat(list.get("requestId").asText()).isEqualTo(ID);
        JsonNode item = list.get("items").get(0);
        assertThat(item.get("number").asLong()).isEqualTo(4);
        assertThat(item.get("status").asText()).isEqualTo("RELEASED");
        assertThat(item.get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
        assertThat(item.get("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(item.get("pap").asText()).isEqualTo("PAP:AMBER");
        assertThat(item.get("ruleIds")).extracting(JsonNode::asText).contains("G2-CATEGORY", "G6-THIRD-PARTY");
        JsonNode records = item.get("records");
        assertThat(records.get(0).get("fields").get("email").get("value").asText()).isEqualTo("m.muster@example.de");
        JsonNode email = records.get(1).get("fields").get("email");
        assertThat(email.get("pseudonym").asText()).startsWith("pseudonym:")
                .isEqualTo(InMemoryBroker.PSEUDONYMS.of(ID, "anna.beispiel@example.net"));
        assertThat(email.get("ruleId").asText()).isEqualTo("G6-THIRD-PARTY");
        assertThat(records.get(2).get("redacted").get("ruleId").asText()).isEqualTo("G2-CATEGORY");
        assertThat(records.get(2).get("fields")).isEmpty();
        assertThat(response.getBody()).doesNotContain("anna.beispiel@example.net", "Anna Beispiel", "Schluessel");
    }

    @Test
    void list_recordsTheRequestersRead_inTheTrail() {
        answered(false);

        handle(httpApi("tracking-list-responses.json"));

        AuditEvent read = broker.store.events(ID).getLast();
        assertThat(read.action()).isEqualTo("RESPONSES_READ");
        assertThat(read.actor().role()).isEqualTo("requester");
        assertThat(read.actor().organisation()).isEqualTo("NL-POLITIE-THTC");
        assertThat(read.at()).isEqualTo(broker.clock.instant());
        assertThat(read.ground()).isEqualTo("responses 4");
    }

    @Test
    void list_showsTheContactPointTheDecision_andRecordsNoRead() {
        answered(false);

        APIGatewayV2HTTPResponse response = handle(asContactPoint());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode item = body(response).get("items").get(0);
        assertThat(item.get("decision").get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
        assertThat(item.has("records")).isFalse();
        assertThat(response.getBody()).doesNotContain("pseudonym:", "Max Muster");
        assertThat(reads()).isZero();
    }

    @Test
    void list_withholdsAHeldResponse_fromTheRequester() {
        // GIVEN an answer whose special-category record the gate held
        answered(true);

        // WHEN the Dutch police read the responses
        JsonNode item = body(handle(httpApi("tracking-list-responses.json"))).get("items").get(0);

        // THEN they learn it exists and why they cannot read it, nothing more
        assertThat(item.get("status").asText()).isEqualTo("HELD");
        assertThat(item.get("withheld").asText()).isEqualTo("not released");
        assertThat(item.has("records")).isFalse();
        assertThat(item.has("decision")).isFalse();
        assertThat(reads()).isZero();
    }

    @Test
    void list_showsAHeldResponse_onceASecondOfficerApprovedIt() {
        // GIVEN the held answer, approved by the DPO of Germany
        Response held = answered(true);
        assertThat(broker.responses.review(Callers.DPO, ID, held.number(), true, "needed to identify the holder"))
                .isInstanceOf(Outcome.Ok.class);

        // WHEN the Dutch police read the responses
        JsonNode item = body(handle(httpApi("tracking-list-responses.json"))).get("items").get(0);

        // THEN the records are there, with the review shown but not the officer's words
        assertThat(item.get("status").asText()).isEqualTo("RELEASED");
        assertThat(item.get("verdict").asText()).isEqualTo("HOLD");
        assertThat(item.get("records").get(0).get("fields").get("name").get("value").asText()).isEqualTo("Max Muster");
        assertThat(item.get("review").get("approved").asBoolean()).isTrue();
        assertThat(item.get("review").has("reason")).isFalse();
        assertThat(reads()).isOne();
    }

    @Test
    void list_withholdsTlpRed_fromAColleagueOfTheOfficerWhoFiled() {
        // GIVEN a TLP:RED request of the Dutch police, answered
        broker.acceptedByDePoc247(Filings.preservation().type(RequestType.SUBSCRIBER_DATA).urgency(Urgency.EMERGENCY)
                .legalBasis(Instrument.BUDAPEST_CONVENTION, "31").dataCategories(DataCategory.SUBSCRIBER).tlp(Tlp.RED).build());
        broker.responses.submit(Callers.DE_POC247, ID, InMemoryBroker.sampleAnswer(false));

        // WHEN a colleague in the same agency reads the responses
        APIGatewayV2HTTPEvent event = httpApi("tracking-list-responses.json");
        claims(event).put("sub", "nl-police-2");
        JsonNode item = body(handle(event)).get("items").get(0);

        // THEN the response is withheld
        assertThat(item.get("withheld").asText()).contains("TLP:RED");
        assertThat(item.has("records")).isFalse();
    }

    @Test
    void list_withholdsAResponse_whoseRetentionEnded() {
        answered(false);
        broker.clock.advance(Duration.ofDays(91));

        JsonNode item = body(handle(httpApi("tracking-list-responses.json"))).get("items").get(0);

        assertThat(item.get("withheld").asText()).startsWith("purged");
        assertThat(item.has("records")).isFalse();
    }

    @Test
    void list_isEmpty_beforeAnyResponse() {
        broker.acceptedByDePoc247(InMemoryBroker.subscriberDataFiling());

        APIGatewayV2HTTPResponse response = handle(httpApi("tracking-list-responses.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("items")).isEmpty();
        assertThat(reads()).isZero();
    }

    @Test
    void list_returns404_toAnotherAgency() {
        answered(false);
        APIGatewayV2HTTPEvent event = httpApi("tracking-list-responses.json");
        claims(event).put("agency", "NL-FIOD");

        APIGatewayV2HTTPResponse response = handle(event);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(reads()).isZero();
    }

    @Test
    void list_returns404_toADataProtectionOfficer() {
        answered(false);
        APIGatewayV2HTTPEvent event = httpApi("tracking-list-responses.json");
        Map<String, String> claims = claims(event);
        claims.put("sub", "de-dpo");
        claims.put("role", "dpo");
        claims.put("jurisdiction", "DE");
        claims.remove("agency");

        assertThat(handle(event).getStatusCode()).isEqualTo(404);
    }
}
