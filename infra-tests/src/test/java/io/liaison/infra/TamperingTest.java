package io.liaison.infra;

import io.liaison.audit.TrailVerifier;
import io.liaison.local.LocalBroker;
import io.liaison.store.StoredTrails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering through the raw DynamoDB client, behind Liaison's back, on a trail of four events:
 * verification names the exact event and the kind of damage.
 */
@ExtendWith(Broker.class)
class TamperingTest {
    private LocalBroker broker;
    private StoredTrails trails;
    private String id;

    @BeforeEach
    void aTrailOfFourEvents(Api api, LocalBroker broker) {
        this.broker = broker;
        this.trails = new StoredTrails(broker.dynamoDb(), broker.tableName());
        id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        api.post("de-poc247", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode().put("decision", "accept"));
        api.post("nl-police", "/requests/" + id + "/withdrawal", Api.JSON.createObjectNode().put("reason", "done"));
        api.awaitQuietTrail("nl-police", id); // the notices of routing, acceptance and withdrawal are recorded too
        assertThat(trails.verify(id)).get().isInstanceOf(TrailVerifier.Valid.class);
    }

    private Map<String, AttributeValue> key(int sequence) {
        return Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS(String.format("EVENT#%010d", sequence)));
    }

    private Map<String, AttributeValue> item(int sequence) {
        return new HashMap<>(broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).key(key(sequence))).item());
    }

    private void put(Map<String, AttributeValue> item) {
        broker.dynamoDb().putItem(p -> p.tableName(broker.tableName()).item(item));
    }

    private void assertBroken(long sequence, TrailVerifier.Damage damage) {
        assertThat(trails.verify(id)).get().isInstanceOfSatisfying(TrailVerifier.Broken.class, broken -> {
            assertThat(broken.damage()).isEqualTo(damage);
            assertThat(broken.sequence()).isEqualTo(sequence);
        });
    }

    @Test
    void deletingAnEvent_isNamedMissing() {
        broker.dynamoDb().deleteItem(d -> d.tableName(broker.tableName()).key(key(2)));

        assertBroken(2, TrailVerifier.Damage.MISSING);
    }

    @Test
    void swappingTwoEvents_isNamedReordered() {
        Map<String, AttributeValue> second = item(2);
        Map<String, AttributeValue> third = item(3);
        second.put("SK", AttributeValue.fromS(String.format("EVENT#%010d", 3)));
        third.put("SK", AttributeValue.fromS(String.format("EVENT#%010d", 2)));
        put(second);
        put(third);

        assertBroken(2, TrailVerifier.Damage.REORDERED);
    }

    @Test
    void insertingAnEvent_isNamedInserted() {
        // A copy of event 2 put after it, as if it had happened twice.
        Map<String, AttributeValue> copy = item(2);
        copy.put("SK", AttributeValue.fromS(String.format("EVENT#%010d", 2) + "a"));
        put(copy);

        assertBroken(2, TrailVerifier.Damage.INSERTED);
    }

    @Test
    void changingOneField_isNamedAltered() {
        broker.dynamoDb().updateItem(u -> u.tableName(broker.tableName()).key(key(3))
                .updateExpression("SET toStatus = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("REJECTED"))));

        assertBroken(3, TrailVerifier.Damage.ALTERED);
    }
}
