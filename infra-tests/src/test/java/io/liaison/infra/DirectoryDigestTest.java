package io.liaison.infra;

import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.local.LocalBroker;
import io.liaison.network.Revision;
import io.liaison.store.DynamoNetworkStore;
import io.liaison.network.Trail;
import io.liaison.store.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory's trail is covered by the hourly signed digests as a request's is: a revision
 * rewritten together with the head, consistent as a chain, still fails the auditor's verification.
 * On a broker of its own, so that this hour's digest is written after the change.
 */
@ExtendWith(Broker.Own.class)
class DirectoryDigestTest {

    @Test
    void aRewrittenLastRevisionWithItsHead_passesTheChain_butNotTheSignedDigest(Api api, LocalBroker broker) {
        Instant now = Instant.now();
        var changed = api.post("de-admin", "/directory/contact-points/DE-POC247/unavailability", Api.JSON.createObjectNode()
                .put("from", now.toString()).put("to", now.plusSeconds(3600).toString()).put("reason", "maintenance"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        long number = changed.json().path("number").asLong();

        Digests.Digest digest = broker.digests().write(now);
        assertThat(digest.heads()).anySatisfy(h -> {
            assertThat(h.requestId()).isEqualTo("directory");
            assertThat(h.sequence()).isEqualTo(number);
        });
        assertThat(api.get("auditor", "/directory/verification").json().path("valid").asBoolean()).isTrue();

        // Rewrite the last revision's reason and hashes, and the head, so that the chain holds again.
        DynamoNetworkStore store = new DynamoNetworkStore(broker.dynamoDb(), broker.tableName());
        Revision last = store.revision(Trail.DIRECTORY, number).orElseThrow();
        Hash previous = store.revision(Trail.DIRECTORY, number - 1).orElseThrow().chainHash();
        Revision forged = new Revision(last.trail(), last.number(), last.at(), last.validFrom(), last.author(), null,
                "nothing to see", last.change(), null, last.state(), null, null).chainedOnto(previous);
        String key = String.format("REVISION#%010d", number);
        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("NETWORK#directory"), "SK", AttributeValue.fromS(key)))
                .updateExpression("SET reason = :r, entryHash = :e, chainHash = :c")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("nothing to see"),
                        ":e", AttributeValue.fromS(forged.entryHash().hex()), ":c", AttributeValue.fromS(forged.chainHash().hex()))));
        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName())
                .key(Map.of("PK", AttributeValue.fromS("NETWORK#directory"), "SK", AttributeValue.fromS("HEAD")))
                .updateExpression("SET chainHash = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(forged.chainHash().hex()))));

        var verification = api.get("auditor", "/directory/verification").json();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isFalse();
        assertThat(verification.path("damage").asText()).isEqualTo("DIGEST_MISMATCH");
        assertThat(verification.path("sequence").asLong()).isEqualTo(number);
        assertThat(EventHashes.entry(forged.canonical())).isEqualTo(forged.entryHash()); // the forgery is a consistent chain
    }
}
