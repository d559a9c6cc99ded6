package io.liaison.store;

import io.liaison.core.gate.PolicyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.liaison.store.RequestItems.PK;
import static io.liaison.store.RequestItems.SK;

/**
 * Policy versions in the table: {@code POLICY / VERSION#name} per version, and a
 * {@code POLICY / CURRENT} pointer moved with a condition, in one transaction with the new version.
 */
public final class DynamoPolicyStore implements PolicyStore {
    private static final String POLICY_PK = "POLICY";
    private static final String CURRENT = "CURRENT";

    private final DynamoDbClient db;
    private final String table;

    public DynamoPolicyStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    @Override
    public Optional<StoredPolicy> current() {
        var pointer = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(CURRENT)));
        if (!pointer.hasItem() || pointer.item().isEmpty()) return Optional.empty();
        return version(pointer.item().get("version").s());
    }

    @Override
    public Optional<StoredPolicy> version(String version) {
        var item = db.getItem(g -> g.tableName(table).consistentRead(true).key(key("VERSION#" + version)));
        if (!item.hasItem() || item.item().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> i = item.item();
        return Optional.of(new StoredPolicy(i.get("version").s(), Long.parseLong(i.get("revision").n()), i.get("document").s(),
                i.get("author").s(), Instant.parse(i.get("storedAt").s())));
    }

    @Override
    public boolean replace(StoredPolicy next, long expectedRevision) {
        Map<String, AttributeValue> version = new HashMap<>(key("VERSION#" + next.version()));
        version.put("kind", AttributeValue.fromS("POLICY_VERSION"));
        version.put("version", AttributeValue.fromS(next.version()));
        version.put("revision", AttributeValue.fromN(Long.toString(next.revision())));
        version.put("document", AttributeValue.fromS(next.document()));
        version.put("author", AttributeValue.fromS(next.author()));
        version.put("storedAt", AttributeValue.fromS(next.storedAt().toString()));
        Map<String, AttributeValue> pointer = new HashMap<>(key(CURRENT));
        pointer.put("kind", AttributeValue.fromS("POLICY_CURRENT"));
        pointer.put("version", AttributeValue.fromS(next.version()));
        pointer.put("revision", AttributeValue.fromN(Long.toString(next.revision())));
        TransactWriteItem movePointer = TransactWriteItem.builder().put(p -> p.tableName(table).item(pointer)
                .conditionExpression(expectedRevision == 0 ? "attribute_not_exists(#pk)" : "#rev = :expected")
                .expressionAttributeNames(expectedRevision == 0 ? Map.of("#pk", PK) : Map.of("#rev", "revision"))
                .expressionAttributeValues(expectedRevision == 0 ? null
                        : Map.of(":expected", AttributeValue.fromN(Long.toString(expectedRevision))))).build();
        return DynamoRequestStore.commit(db, List.of(DynamoRequestStore.putNew(table, version), movePointer));
    }

    private static Map<String, AttributeValue> key(String sk) {
        return Map.of(PK, AttributeValue.fromS(POLICY_PK), SK, AttributeValue.fromS(sk));
    }
}
