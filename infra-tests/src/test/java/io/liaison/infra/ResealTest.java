package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.config.Environment;
import io.liaison.store.EncryptionSdkCiphers;
import io.liaison.local.LocalBroker;
import io.liaison.local.Reseal;
import io.liaison.store.DynamoRequestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests stored in clear before filings were sealed stay readable, and the re-seal command seals
 * them in place: same version, same trail, the words now sealed and shown as before.
 */
@ExtendWith(Broker.class)
class ResealTest {

    @Test
    void aRequestStoredInClear_staysReadable_andIsSealedInPlaceByTheResealCommand(Api api, LocalBroker broker) {
        // GIVEN a withdrawn request whose item is put back into the clear form of before issue 14
        String id = api.file("nl-police", Api.preservation());
        api.post("nl-police", "/requests/" + id + "/withdrawal", Api.JSON.createObjectNode().put("reason", "arrested yesterday"));
        api.awaitQuietTrail("nl-police", id); // the notices' DELIVERY entries are written
        JsonNode before = api.get("nl-police", "/requests/" + id).json();
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("REQUEST"));
        Map<String, AttributeValue> clear = new HashMap<>(broker.dynamoDb().getItem(g -> g.tableName(broker.tableName())
                .key(key).consistentRead(true)).item());
        clear.keySet().removeAll(java.util.Set.of("terms", "words", "rounds", "noteByParty"));
        clear.put("filing", AttributeValue.fromS(before.path("filing").toString()));
        clear.put("statusText", AttributeValue.fromS("arrested yesterday"));
        clear.put("requestId", AttributeValue.fromS(id)); // the clear form held its id (a compact item does not: ADR 0023)
        broker.dynamoDb().putItem(p -> p.tableName(broker.tableName()).item(clear));
        // Then there was one item: the sealed words' own item (docs/decisions/0020) did not exist.
        Map<String, AttributeValue> wordsKey = Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("REQUEST#WORDS"));
        broker.dynamoDb().deleteItem(d -> d.tableName(broker.tableName()).key(wordsKey));

        // THEN it reads as it did
        assertThat(api.get("nl-police", "/requests/" + id).json()).isEqualTo(before);

        // WHEN the re-seal command runs, THEN the item holds the words sealed, and reads as it did
        var store = new DynamoRequestStore(broker.dynamoDb(), broker.tableName(), Clock.systemUTC(),
                EncryptionSdkCiphers.INSTANCE.payloads(new Environment(broker.environment("IntakeFunction")), broker.dynamoDb()));
        Reseal.Counts counts = Reseal.reseal(broker.dynamoDb(), store, broker.tableName());
        Map<String, AttributeValue> sealed = broker.dynamoDb().getItem(g -> g.tableName(broker.tableName())
                .key(key).consistentRead(true)).item();

        assertThat(counts.sealed()).isEqualTo(counts.found()).isPositive();
        assertThat(sealed).containsKeys("terms").doesNotContainKeys("filing", "statusText", "words");
        assertThat(broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).key(wordsKey).consistentRead(true)).item())
                .containsKeys("words");
        assertThat(sealed.get("version")).isEqualTo(clear.get("version"));
        assertThat(api.get("nl-police", "/requests/" + id).json()).isEqualTo(before);
        assertThat(Reseal.reseal(broker.dynamoDb(), store, broker.tableName()).found()).isZero();
    }
}
