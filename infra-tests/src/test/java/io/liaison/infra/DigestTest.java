package io.liaison.infra;

import io.liaison.audit.DigestSigner;
import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.audit.TrailVerifier;
import io.liaison.core.AuditEvent;
import io.liaison.local.LocalBroker;
import io.liaison.store.Digests;
import io.liaison.store.StoredTrails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed hourly digest catches what the chain alone cannot: a rewritten last event with a rewritten head. */
@ExtendWith(Broker.class)
class DigestTest {

    private static DigestSigner newSigner() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return DigestSigner.local(pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
    }

    @Test
    void aRewrittenLastEventWithItsHead_passesTheChain_butNotTheSignedDigest(Api api, LocalBroker broker) throws Exception {
        String id = api.file("us-fbi", Api.preservation().put("targetJurisdiction", "BE"));
        api.awaitRouted("us-fbi", id);
        api.awaitGround("us-fbi", id, "notice:2:BE-POC247"); // the trail's last entry: the notice of routing
        Digests digests = broker.digests();
        Digests.Digest digest = digests.write(Instant.now());
        assertThat(digest.heads()).anySatisfy(h -> assertThat(h.requestId()).isEqualTo(id));
        byte[] publishedKey = java.util.Base64.getDecoder().decode(api.get(null, "/audit/public-key").json()
                .path("pem").asText().replaceAll("-----[A-Z ]+-----|\\s", ""));
        assertThat(digest.signedBy(publishedKey)).isTrue();

        // Rewrite the last event and the request's head so that the chain is consistent again.
        StoredTrails trails = new StoredTrails(broker.dynamoDb(), broker.tableName());
        StoredTrails.Trail trail = trails.read(id).orElseThrow();
        int last = trail.events().size() - 1;
        AuditEvent original = trail.events().get(last).event();
        AuditEvent forged = new AuditEvent(original.requestId(), original.sequence(), original.at(), original.action(),
                original.from(), original.to(), original.actor(), original.ruleIds(), "FORGED-RULE", original.reason(),
                original.policyVersion());
        Hash entry = EventHashes.entry(forged);
        Hash chain = EventHashes.link(trail.events().get(last - 1).chainHash(), entry);
        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS(String.format("EVENT#%010d", original.sequence()))))
                .updateExpression("SET ground = :g, entryHash = :e, chainHash = :c")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("FORGED-RULE"),
                        ":e", AttributeValue.fromS(entry.hex()), ":c", AttributeValue.fromS(chain.hex()))));
        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("REQUEST")))
                // The head and length the state item holds, moved onto the forged event (it may be an entry appended after them).
                .updateExpression("SET trailHead = :h, version = :v").expressionAttributeValues(Map.of(":h", AttributeValue.fromS(chain.hex()),
                        ":v", AttributeValue.fromN(Long.toString(original.sequence())))));

        StoredTrails.Trail rewritten = trails.read(id).orElseThrow();
        assertThat(rewritten.verify()).isInstanceOf(TrailVerifier.Valid.class);
        var verification = api.get("auditor", "/audit/requests/" + id + "/verification").json();
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("damage").asText()).isEqualTo("DIGEST_MISMATCH");
        assertThat(verification.path("sequence").asLong()).isEqualTo(original.sequence());
    }

    @Test
    void aDigestSignedByAnotherKey_fails(Api api, LocalBroker broker) throws Exception {
        String id = api.file("us-fbi", Api.preservation().put("targetJurisdiction", "BE"));
        api.awaitRouted("us-fbi", id);
        Digests digests = broker.digests();
        digests.write(Instant.now());

        StoredTrails.Trail trail = new StoredTrails(broker.dynamoDb(), broker.tableName()).read(id).orElseThrow();
        assertThat(digests.check(id, trail.events(), newSigner().publicKey())).get()
                .extracting(TrailVerifier.Broken::damage).isEqualTo(TrailVerifier.Damage.DIGEST_MISMATCH);
    }

    @Test
    void theHourlyFunction_writesTheDigestOfTheHourThatEnded(LocalBroker broker) {
        String lastHour = Digests.hourOf(Instant.now().minusSeconds(3600));

        assertThat(broker.runScheduled("DigestFunction")).isEqualTo(lastHour);
        assertThat(broker.digests().read(lastHour)).isPresent();
    }

    @Test
    void anExport_checksOutOffline_andTheOfflineVerifierNamesAnEditedLine(Api api, LocalBroker broker) throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        String id = api.file("us-fbi", Api.preservation().put("targetJurisdiction", "GB"));
        api.awaitRouted("us-fbi", id);
        // A digest of the current hour freezes it: the notice of routing must be in the trail first.
        api.awaitGround("us-fbi", id, "notice:2:GB-POC247");
        broker.digests().write(Instant.now());
        Instant to = Instant.now().plusSeconds(1);

        Api.Response export = api.get("auditor", "/audit/export?jurisdiction=GB&from=" + from + "&to=" + to);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        java.util.List<String> lines = export.body().lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"digest\"")).anyMatch(l -> l.contains("\"type\":\"head\""));
        byte[] key = java.util.Base64.getDecoder().decode(api.get("auditor", "/audit/public-key").json()
                .path("pem").asText().replaceAll("-----[A-Z ]+-----|\\s", ""));

        assertThat(io.liaison.audit.ExportVerifier.verify(lines, key)).isEmpty();
        assertThat(api.get("auditor", "/audit/requests/" + id + "/verification").json().path("valid").asBoolean()).isTrue();

        java.util.List<String> edited = lines.stream()
                .map(l -> l.contains(id) && l.contains("\"sequence\":2") && l.contains("\"type\":\"event\"")
                        ? l.replace("\"action\":\"ROUTED\"", "\"action\":\"REJECTED\"") : l).toList();
        assertThat(io.liaison.audit.ExportVerifier.verify(edited, key)).singleElement()
                .satisfies(f -> assertThat(f.problem()).startsWith("event 2: ALTERED"));
        assertThat(io.liaison.audit.ExportVerifier.verify(lines, newSigner().publicKey()))
                .anySatisfy(f -> assertThat(f.problem()).contains("is not signed by this key"));
    }
}
