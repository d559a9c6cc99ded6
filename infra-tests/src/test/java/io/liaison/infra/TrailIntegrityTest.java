package io.liaison.infra;

import io.liaison.audit.TrailVerifier;
import io.liaison.local.LocalBroker;
import io.liaison.store.StoredTrails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event is chained as it is written; an edit made behind Liaison's back is named by the verifier. */
@ExtendWith(Broker.class)
class TrailIntegrityTest {

    @Test
    void aTrailWrittenThroughTheApi_verifies_andAnEditThroughTheRawTableIsNamed(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        api.post("de-poc247", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        StoredTrails trails = new StoredTrails(broker.dynamoDb(), broker.tableName());

        assertThat(trails.verify(id)).get().isInstanceOf(TrailVerifier.Valid.class);

        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("EVENT#0000000002")))
                .updateExpression("SET actorOrganisation = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("someone-else"))));

        assertThat(trails.verify(id)).get().isInstanceOfSatisfying(TrailVerifier.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(2);
            assertThat(broken.damage()).isEqualTo(TrailVerifier.Damage.ALTERED);
        });
    }

    @Test
    void twentyParallelReads_leaveOneUnbrokenChain(Api api, LocalBroker broker) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode filing = Api.preservation().put("type", "subscriber_data").put("urgency", "routine");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        filing.putArray("dataCategories").add("subscriber");
        String id = api.file("nl-police", filing);
        api.awaitRouted("nl-police", id);
        api.post("de-ca", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        com.fasterxml.jackson.databind.node.ObjectNode answer = Api.JSON.createObjectNode().put("final", false).put("tlp", "TLP:AMBER");
        answer.putArray("records").addObject().put("category", "subscriber").put("owner", "data_subject")
                .put("originJurisdiction", "DE").putObject("fields").put("name", "M. Muster");
        assertThat(api.post("de-ca", "/requests/" + id + "/responses", answer).status()).isEqualTo(201);

        java.util.List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(20)) {
            var reads = java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> pool.submit(() -> api.get(i % 2 == 0 ? "nl-police" : "nl-police-2", "/requests/" + id + "/responses").status()))
                    .toList();
            statuses = new java.util.ArrayList<>();
            for (var read : reads) statuses.add(read.get());
        }

        assertThat(statuses).containsOnly(200);
        // The notifier may still be appending DELIVERY evidence; a trail and its head read while an
        // event commits are two reads, so verify the trail once it is settled.
        api.awaitQuietTrail("nl-police", id);
        var verification = new StoredTrails(broker.dynamoDb(), broker.tableName()).verify(id).orElseThrow();
        assertThat(verification).isInstanceOf(TrailVerifier.Valid.class);
        // filed, routed, accepted, responded + 20 reads, beside the notifier's evidence
        assertThat(Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items"))).hasSize(4 + 20);
    }

    @Test
    void anAuditorReadsAndVerifiesATrailOverTheApi_andSeesTheEditedEvent(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        // The notifier appends DELIVERY evidence after routing: a verification read while one commits
        // reads the trail and its head apart (seen against LocalStack), so verify a settled trail.
        api.awaitQuietTrail("nl-police", id);

        Api.Response events = api.get("auditor", "/audit/requests/" + id + "/events");
        assertThat(events.status()).isEqualTo(200);
        assertThat(Api.stateActions(events.json().path("items"))).containsExactly("FILED", "ROUTED");
        assertThat(events.json().path("items").get(0).path("chainHash").asText()).hasSize(64);
        assertThat(events.body()).doesNotContain("summaryOfFacts").doesNotContain("necessityStatement");
        assertThat(api.get("auditor", "/audit/requests/" + id + "/verification").json().path("valid").asBoolean()).isTrue();

        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("EVENT#0000000001")))
                .updateExpression("SET actorSubject = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("nobody"))));

        var verification = api.get("auditor", "/audit/requests/" + id + "/verification").json();
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("sequence").asLong()).isEqualTo(1);
        assertThat(verification.path("damage").asText()).isEqualTo("ALTERED");
        assertThat(api.get("nl-police", "/audit/requests/" + id + "/verification").status()).isEqualTo(403);
        assertThat(api.get("auditor-de", "/audit/requests/" + id + "/verification").status()).isEqualTo(200);
        String toFrance = api.file("nl-police", Api.preservation().put("targetJurisdiction", "FR"));
        assertThat(api.get("auditor-de", "/audit/requests/" + toFrance + "/events").status()).isEqualTo(404);
        assertThat(api.get("auditor", "/audit/requests/00000000-0000-4000-8000-000000000000/verification").status()).isEqualTo(404);
    }

    /** The members an entry hash covers (docs/audit-format.md); whatever else an API object carries is left out. */
    private static final java.util.List<String> HASHED = java.util.List.of("requestId", "sequence", "at", "action", "from", "to",
            "actor", "ruleIds", "ground", "reason", "policyVersion", "directoryRevision");

    /** An event's entry hash as an outside auditor recomputes it: from the object alone, with a stock RFC 8785 canonicaliser. */
    private static String rehash(com.fasterxml.jackson.databind.JsonNode event) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode hashed = event.deepCopy();
        hashed.retain(HASHED);
        if (hashed.path("from").isNull()) hashed.remove("from");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x00);
        sha.update(new org.erdtman.jcs.JsonCanonicalizer(hashed.toString()).getEncodedUTF8());
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static String link(String previous, String entry) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x01);
        sha.update(java.util.HexFormat.of().parseHex(previous));
        sha.update(java.util.HexFormat.of().parseHex(entry));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void everyEventAnAuditorReads_rehashesOnItsOwn_inTheTrail_theListAndTheExport(Api api) throws Exception {
        java.time.Instant from = java.time.Instant.now().minusSeconds(1);
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        api.post("de-poc247", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        api.awaitQuietTrail("nl-police", id);
        java.time.Instant to = java.time.Instant.now().plusSeconds(1);

        var trail = api.get("auditor", "/audit/requests/" + id + "/events").json();
        String chain = "0".repeat(64);
        for (var event : trail.path("items")) {
            assertThat(event.path("requestId").asText()).isEqualTo(id);
            assertThat(rehash(event)).isEqualTo(event.path("entryHash").asText());
            chain = link(chain, event.path("entryHash").asText());
            assertThat(event.path("chainHash").asText()).isEqualTo(chain);
        }
        assertThat(chain).isEqualTo(trail.path("head").asText());

        java.util.List<com.fasterxml.jackson.databind.JsonNode> listed = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("auditor", "/audit/events?limit=100&from=" + from + "&to=" + to + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(listed::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        java.util.List<com.fasterxml.jackson.databind.JsonNode> exported = new java.util.ArrayList<>();
        for (String line : api.get("auditor", "/audit/export?from=" + from + "&to=" + to).body().split("\n")) {
            var record = Api.JSON.readTree(line);
            if (record.path("type").asText().equals("event")) exported.add(record);
        }
        for (var events : java.util.List.of(listed, exported)) {
            assertThat(events).filteredOn(e -> e.path("requestId").asText().equals(id)).hasSameSizeAs(trail.path("items"))
                    .allSatisfy(e -> assertThat(rehash(e)).isEqualTo(e.path("entryHash").asText()));
        }
    }

    @Test
    void anAuditorListsEventsAcrossRequestsByTime_andJurisdiction_pagingEachOnce(Api api) {
        java.time.Instant from = java.time.Instant.now().minusSeconds(1);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = api.file("fr-police", Api.preservation().put("targetJurisdiction", "CH"));
            api.awaitRouted("fr-police", id);
            ids.add(id);
        }
        java.time.Instant to = java.time.Instant.now().plusSeconds(1);

        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            var body = api.get("auditor", "/audit/events?jurisdiction=CH&limit=2&from=" + from + "&to=" + to
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            body.path("items").forEach(e -> {
                assertThat(e.path("targetJurisdiction").asText().equals("CH") || e.path("requesterJurisdiction").asText().equals("CH")).isTrue();
                seen.add(e.path("requestId").asText() + "/" + e.path("sequence").asLong());
            });
            if (body.path("nextCursor").isNull()) break;
            cursor = body.path("nextCursor").asText();
        }

        for (String id : ids) assertThat(seen).contains(id + "/1", id + "/2");
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(api.get("auditor", "/audit/events?from=" + to + "&to=" + from).status()).isEqualTo(400);
        assertThat(api.get("nl-police", "/audit/events?from=" + from + "&to=" + to).status()).isEqualTo(403);
    }
}
