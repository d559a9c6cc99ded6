package io.liaison.infra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people write on a request never reaches the table, its indexes or its stream in clear: three
 * lifecycles (answered after a review, withdrawn, rejected) with a canary string in every sealed
 * field, then every raw item, both list indexes, every stream record, the trail an auditor reads
 * and the e-mail notices are searched for the canaries.
 */
@ExtendWith(Broker.class)
class SealedAtRestTest {
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> canaries = new ArrayList<>();
    private Api api;
    private LocalBroker broker;

    @BeforeEach
    void connect(Api api, LocalBroker broker) {
        this.api = api;
        this.broker = broker;
    }

    private String canary(String field) {
        String canary = "canary" + field + tag;
        canaries.add(canary);
        return canary;
    }

    /** A subscriber-data request NL to DE (routed to DE-CA) with a canary in every field the requester writes. */
    private ObjectNode canaryFiling() {
        ObjectNode filing = Api.preservation().put("type", "subscriber_data").put("urgency", "routine")
                .put("caseReference", canary("case")).put("offence", canary("offence"))
                .put("summaryOfFacts", canary("summary")).put("necessityStatement", canary("necessity"));
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        filing.putArray("dataCategories").add("subscriber");
        ArrayNode identifiers = filing.putArray("identifiers");
        identifiers.addObject().put("type", "email").put("value", canary("mail") + "@example.net");
        identifiers.addObject().put("type", "domain").put("value", canary("domain") + ".example");
        identifiers.addObject().put("type", "url").put("value", "https://" + canary("url") + ".example/x");
        identifiers.addObject().put("type", "account").put("service", canary("service")).put("value", canary("account"));
        String address = "198.51.100." + (1 + Math.floorMod(tag.hashCode(), 250));
        identifiers.addObject().put("type", "ipv4").put("value", address).put("observedAt", "2026-11-18T02:14:00Z");
        canaries.add(address);
        return filing;
    }

    private String filedAndRouted() {
        String id = api.file("nl-police", canaryFiling());
        assertThat(api.awaitRouted("nl-police", id).path("contactPoint").path("id").asText()).isEqualTo("DE-CA");
        return id;
    }

    private void ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
    }

    @Test
    void noWordAPersonTyped_isInTheTableItsIndexesItsStreamTheTrailOrTheNotices() {
        // GIVEN a request accepted with a note, asked about, answered, and answered finally with a
        // held record that a second officer approves with a reason
        String answered = filedAndRouted();
        Api.Response accepted = api.post("de-ca", "/requests/" + answered + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept").put("note", canary("note")));
        ok(accepted);
        ok(api.post("de-ca", "/requests/" + answered + "/clarification-request",
                Api.JSON.createObjectNode().put("question", canary("question"))));
        ok(api.post("nl-police", "/requests/" + answered + "/clarification",
                Api.JSON.createObjectNode().put("answer", canary("answer"))));
        ObjectNode answer = Api.JSON.createObjectNode().put("final", true).put("tlp", "TLP:AMBER");
        ObjectNode record = answer.putArray("records").addObject().put("category", "subscriber").put("owner", "data_subject")
                .put("originJurisdiction", "DE").put("specialCategory", true);
        record.putObject("fields").put("religion", canary("payload"));
        Api.Response submitted = api.post("de-ca", "/requests/" + answered + "/responses", answer);
        ok(submitted);
        ok(api.post("de-dpo", "/requests/" + answered + "/responses/" + submitted.json().path("number").asLong() + "/review",
                Api.JSON.createObjectNode().put("decision", "approve").put("reason", canary("review"))));
        // AND one withdrawn with a reason, one rejected with a justification
        String withdrawn = filedAndRouted();
        ok(api.post("nl-police", "/requests/" + withdrawn + "/withdrawal",
                Api.JSON.createObjectNode().put("reason", canary("withdrawal"))));
        String rejected = filedAndRouted();
        ok(api.post("de-ca", "/requests/" + rejected + "/acknowledgement", Api.JSON.createObjectNode()
                .put("decision", "reject").put("ground", "data_not_stored").put("justification", canary("rejection"))));
        for (String id : List.of(answered, withdrawn, rejected)) api.awaitQuietTrail("nl-police", id);

        // THEN the parties read their words back (so the canaries were stored) ...
        String shown = accepted.body() + api.get("nl-police", "/requests/" + answered).body() + api.get("de-ca", "/requests/" + answered).body()
                + api.get("nl-police", "/requests/" + withdrawn).body() + api.get("nl-police", "/requests/" + rejected).body()
                + api.get("nl-police", "/requests/" + answered + "/responses").body();
        assertThat(shown).contains(canaries.stream().filter(c -> !c.contains("review")).toArray(String[]::new));

        // ... and nothing else holds any of them in clear
        assertThat(clearText(scan(null))).as("the table").doesNotContain(canaries);
        assertThat(clearText(scan("ByAgency"))).as("ByAgency").doesNotContain(canaries);
        assertThat(clearText(scan("ByContactPoint"))).as("ByContactPoint").doesNotContain(canaries);
        assertThat(clearText(streamImages())).as("the stream").doesNotContain(canaries);
        assertThat(api.get("nl-police", "/requests?limit=100").body() + api.get("de-ca", "/requests?limit=100").body())
                .as("the lists").doesNotContain(canaries);
        String trails = Stream.of(answered, withdrawn, rejected)
                .map(id -> api.get("auditor", "/audit/requests/" + id + "/events").body()).reduce("", String::concat);
        assertThat(trails).as("the audit trails").contains(answered).doesNotContain(canaries);
        assertThat(mail()).as("the e-mail notices").doesNotContain(canaries);
    }

    private List<Map<String, AttributeValue>> scan(String index) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = broker.dynamoDb().scan(s -> s.tableName(broker.tableName()).indexName(index).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(items).as(index == null ? "table" : index).isNotEmpty();
        return items;
    }

    /** Old and new images of every record on the table's stream, from its first record. */
    private List<Map<String, AttributeValue>> streamImages() {
        DynamoDbStreamsClient streams = broker.dynamoDbStreams();
        List<Map<String, AttributeValue>> images = new ArrayList<>();
        for (Shard shard : streams.describeStream(d -> d.streamArn(broker.streamArn())).streamDescription().shards()) {
            String iterator = streams.getShardIterator(g -> g.streamArn(broker.streamArn()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int batch = 0; iterator != null && batch < 10_000; batch++) {
                String at = iterator;
                var records = streams.getRecords(g -> g.shardIterator(at).limit(1000));
                records.records().forEach(r -> {
                    if (r.dynamodb().hasNewImage()) images.add(r.dynamodb().newImage());
                    if (r.dynamodb().hasOldImage()) images.add(r.dynamodb().oldImage());
                });
                if (records.records().isEmpty()) break;
                iterator = records.nextShardIterator();
            }
        }
        assertThat(images).as("stream images").isNotEmpty();
        return images;
    }

    /** Every string and every byte of the items, as text: a value sealed is unreadable, one in clear is found. */
    private static String clearText(List<Map<String, AttributeValue>> items) {
        StringBuilder text = new StringBuilder();
        items.forEach(item -> item.values().forEach(value -> append(text, value)));
        return text.toString();
    }

    private static void append(StringBuilder text, AttributeValue value) {
        if (value.s() != null) text.append(value.s()).append('\n');
        if (value.b() != null) text.append(new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1)).append('\n');
        if (value.hasSs()) value.ss().forEach(s -> text.append(s).append('\n'));
        if (value.hasL()) value.l().forEach(v -> append(text, v));
        if (value.hasM()) value.m().values().forEach(v -> append(text, v));
    }

    private String mail() {
        try (Stream<Path> files = Files.walk(broker.outbox())) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
