package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses reach the requester only through the release gate, over HTTP with DynamoDB Local:
 * redaction and pseudonyms, a held special category reviewed by a second officer, records of
 * access in the trail, and ciphertext only in the table.
 */
@ExtendWith(Broker.class)
class ResponsePathTest {
    private static final String OPERATOR = "de-ca";
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    /** A subscriber-data request from NL police to DE under Budapest Art. 31, routed to DE-CA and accepted. */
    private String acceptedSubscriberRequest() {
        ObjectNode filing = Api.preservation().put("type", "subscriber_data").put("urgency", "routine");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        filing.putArray("dataCategories").add("subscriber");
        String id = api.file("nl-police", filing);
        assertThat(api.awaitRouted("nl-police", id).path("contactPoint").path("id").asText()).isEqualTo("DE-CA");
        assertThat(api.post(OPERATOR, "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept")).status()).isEqualTo(200);
        return id;
    }

    private static ObjectNode record(ArrayNode records, String category, String owner, Map<String, String> fields) {
        ObjectNode record = records.addObject().put("category", category).put("owner", owner).put("originJurisdiction", "DE");
        ObjectNode values = record.putObject("fields");
        fields.forEach(values::put);
        return record;
    }

    @Test
    void aContentRecordIsRedacted_andAThirdPartysEmailPseudonymised_andTheReadIsInTheTrail() {
        String id = acceptedSubscriberRequest();
        ObjectNode answer = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        ArrayNode records = answer.putArray("records");
        record(records, "subscriber", "data_subject", Map.of("name", "M. Muster", "address", "Hauptstr. 1, Wiesbaden"));
        record(records, "subscriber", "third_party", Map.of("email", "bystander@example.org"));
        record(records, "content", "data_subject", Map.of("message", "the key is under the mat"));

        Api.Response submitted = api.post(OPERATOR, "/requests/" + id + "/responses", answer);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.body()).contains("G2-CATEGORY", "G6-THIRD-PARTY", "RELEASE_REDACTED");

        Api.Response read = api.get("nl-police", "/requests/" + id + "/responses");
        assertThat(read.status()).isEqualTo(200);
        String body = read.body();
        assertThat(body).contains("M. Muster").doesNotContain("bystander@example.org").doesNotContain("under the mat");
        assertThat(body).contains("pseudonym:").contains("G6-THIRD-PARTY").contains("G2-CATEGORY");
        JsonNode events = api.get("nl-police", "/requests/" + id + "/events").json().path("items");
        assertThat(events.findValuesAsText("action")).contains("RESPONDED", "RESPONSES_READ");
    }

    @Test
    void aSpecialCategoryIsHeld_notReviewableByItsAuthor_andReadableOnceASecondOfficerApproves() {
        String id = acceptedSubscriberRequest();
        ObjectNode answer = Api.JSON.createObjectNode().put("final", true).put("tlp", "TLP:AMBER");
        record(answer.putArray("records"), "subscriber", "data_subject", Map.of("religion", "recorded at registration"))
                .put("specialCategory", true);

        Api.Response submitted = api.post(OPERATOR, "/requests/" + id + "/responses", answer);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        long number = submitted.json().path("number").asLong();
        assertThat(api.get("nl-police", "/requests/" + id + "/responses").body()).doesNotContain("recorded at registration");
        assertThat(api.get("de-dpo", "/reviews?limit=100").body()).contains(id);

        String review = "/requests/" + id + "/responses/" + number + "/review";
        JsonNode approve = Api.JSON.createObjectNode().put("decision", "approve").put("reason", "necessary and proportionate");
        assertThat(api.post("de-ca-as-dpo", review, approve).status()).isEqualTo(403);
        assertThat(api.post("fr-dpo", review, approve).status()).isEqualTo(404);
        assertThat(api.post("de-dpo", review, approve).status()).isEqualTo(200);
        assertThat(api.post("de-dpo-2", review, approve).status()).isEqualTo(409);

        assertThat(api.get("nl-police", "/requests/" + id + "/responses").body()).contains("recorded at registration");
        assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("ANSWERED");
    }

    @Test
    void theTableHoldsCiphertextOnly(LocalBroker broker) {
        String id = acceptedSubscriberRequest();
        ObjectNode answer = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(answer.putArray("records"), "subscriber", "data_subject", Map.of("name", "Unmistakable Name 4711"));
        assertThat(api.post(OPERATOR, "/requests/" + id + "/responses", answer).status()).isEqualTo(201);

        List<Map<String, AttributeValue>> items = broker.dynamoDb().query(q -> q.tableName(broker.tableName())
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("REQ#" + id))))
                .items();
        assertThat(items).isNotEmpty();
        for (Map<String, AttributeValue> item : items) {
            for (AttributeValue value : item.values()) {
                String raw = value.s() != null ? value.s()
                        : value.b() != null ? new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1) : String.valueOf(value);
                assertThat(raw).doesNotContain("Unmistakable Name 4711");
            }
        }
    }

    @Test
    void badAnswers_areRefused_andWriteNothing() {
        String id = acceptedSubscriberRequest();
        java.util.List<String> before = Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items"));
        ObjectNode unknownCategory = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(unknownCategory.putArray("records"), "biometric", "data_subject", Map.of("x", "y"));
        ObjectNode huge = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(huge.putArray("records"), "subscriber", "data_subject", Map.of("name", "x".repeat(70_000)));
        ObjectNode fine = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(fine.putArray("records"), "subscriber", "data_subject", Map.of("name", "M. Muster"));

        assertThat(api.post(OPERATOR, "/requests/" + id + "/responses", unknownCategory).status()).isEqualTo(422);
        assertThat(api.post(OPERATOR, "/requests/" + id + "/responses", huge).status()).isEqualTo(413);
        assertThat(api.post("de-poc247", "/requests/" + id + "/responses", fine).status()).isEqualTo(404);
        assertThat(api.post("nl-police", "/requests/" + id + "/responses", fine).status()).isEqualTo(403);
        assertThat(Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items"))).isEqualTo(before);

        String notAccepted = api.file("nl-police", Api.preservation().put("type", "subscriber_data").put("targetJurisdiction", "GB"));
        api.awaitRouted("nl-police", notAccepted);
        assertThat(api.post("gb-ca", "/requests/" + notAccepted + "/responses", fine).status()).isEqualTo(409);
    }

    @Test
    void aPayloadThatLeavesTheTable_readsAsPurged_andTheTrailRecordsIt(LocalBroker broker) throws Exception {
        String id = acceptedSubscriberRequest();
        ObjectNode answer = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(answer.putArray("records"), "subscriber", "data_subject", Map.of("name", "Short-lived Name"));
        long number = api.post(OPERATOR, "/requests/" + id + "/responses", answer).json().path("number").asLong();

        // What TTL does at the end of the retention period, done at once: the payload item leaves the table.
        broker.dynamoDb().deleteItem(d -> d.tableName(broker.tableName()).key(Map.of(
                "PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS(String.format("RESP#%010d#PAYLOAD", number)))));

        long deadline = System.currentTimeMillis() + 15_000;
        while (!api.get("nl-police", "/requests/" + id + "/events").json().path("items")
                .findValuesAsText("action").contains("PAYLOAD_PURGED")) {
            assertThat(System.currentTimeMillis()).as("the purge reaches the trail").isLessThan(deadline);
            Thread.sleep(100);
        }
        String read = api.get("nl-police", "/requests/" + id + "/responses").body();
        assertThat(read).doesNotContain("Short-lived Name").contains("purged");
    }

    @Test
    void aRetriedAnswerWithTheSameIdempotencyKey_isStoredOnce() {
        String id = acceptedSubscriberRequest();
        ObjectNode answer = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        record(answer.putArray("records"), "subscriber", "data_subject", Map.of("name", "M. Muster"));
        Map<String, String> key = Map.of("Idempotency-Key", "answer-" + id);

        Api.Response first = api.post(OPERATOR, "/requests/" + id + "/responses", answer.toString(), "application/json", key);
        Api.Response retry = api.post(OPERATOR, "/requests/" + id + "/responses", answer.toString(), "application/json", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("number").asLong()).isEqualTo(first.json().path("number").asLong());
        assertThat(api.get(OPERATOR, "/requests/" + id + "/responses").json().path("items")).hasSize(1);
    }
}
