package io.liaison.store;

import io.liaison.core.RequestStore.IdempotencyKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.liaison.store.RequestItems.EXPIRES_AT;
import static io.liaison.store.RequestItems.PK;
import static io.liaison.store.RequestItems.SK;

/**
 * Idempotency keys as items: written in the transaction of what they protect, remembered for
 * {@link #RETENTION} (TTL), and an expired key still in the table counts as gone.
 */
final class IdempotencyKeys {
    static final Duration RETENTION = Duration.ofHours(24);
    static final String FINGERPRINT = "fingerprint";

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;
    private final String kind;

    IdempotencyKeys(DynamoDbClient db, String table, Clock clock, String kind) {
        this.db = db;
        this.table = table;
        this.clock = clock;
        this.kind = kind;
    }

    Optional<Map<String, AttributeValue>> live(IdempotencyKey key) {
        GetItemResponse response = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(key)));
        if (!response.hasItem() || response.item().isEmpty()) return Optional.empty();
        long expiresAt = Long.parseLong(response.item().get(EXPIRES_AT).n());
        return expiresAt > clock.instant().getEpochSecond() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The key's item, to commit with what it protects; {@code refers} adds what the key points at. */
    TransactWriteItem put(IdempotencyKey key, Consumer<Map<String, AttributeValue>> refers) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("kind", AttributeValue.fromS(kind));
        item.put(FINGERPRINT, AttributeValue.fromS(key.fingerprint()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        refers.accept(item);
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk) OR #exp < :now")
                .expressionAttributeNames(Map.of("#pk", PK, "#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))).build();
    }

    private Map<String, AttributeValue> key(IdempotencyKey key) {
        return Map.of(PK, AttributeValue.fromS(kind + "#" + key.scope() + "#" + key.key()), SK, AttributeValue.fromS(kind));
    }
}
