package io.liaison.store;

import io.liaison.audit.Hash;
import io.liaison.audit.TrailVerifier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a request's trail with its stored hashes, as auditors and the verifier need it. */
public final class StoredTrails {
    private final DynamoDbClient db;
    private final String table;

    public StoredTrails(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** A trail as stored: its events with their hashes, the head and length the request item holds. */
    public record Trail(String requestId, String requesterJurisdiction, String targetJurisdiction,
                        List<TrailVerifier.StoredEvent> events, Hash head, long length) {
        public TrailVerifier.Verification verify() {
            return TrailVerifier.verify(events, head, length);
        }
    }

    public Optional<Trail> read(String requestId) {
        var request = db.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(
                RequestItems.PK, AttributeValue.fromS(RequestItems.requestPk(requestId)),
                RequestItems.SK, AttributeValue.fromS(RequestItems.REQUEST_SK))));
        if (!request.hasItem() || request.item().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> item = request.item();
        List<TrailVerifier.StoredEvent> events = DynamoRequestStore.itemsOf(db, table, requestId, RequestItems.EVENT_SK_PREFIX)
                .stream().map(StoredTrails::stored).toList();
        Hash head = item.containsKey(RequestItems.TRAIL_HEAD) ? new Hash(item.get(RequestItems.TRAIL_HEAD).s()) : Hash.GENESIS;
        return Optional.of(new Trail(requestId, item.get("requesterJurisdiction").s(), item.get("targetJurisdiction").s(),
                events, head, Long.parseLong(item.get("version").n())));
    }

    /** The verification of one request's trail, or empty when there is no such request. */
    public Optional<TrailVerifier.Verification> verify(String requestId) {
        return read(requestId).map(Trail::verify);
    }

    private static TrailVerifier.StoredEvent stored(Map<String, AttributeValue> item) {
        return new TrailVerifier.StoredEvent(RequestItems.toEvent(item), hash(item, RequestItems.ENTRY_HASH),
                hash(item, RequestItems.CHAIN_HASH));
    }

    private static Hash hash(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? Hash.GENESIS : new Hash(value.s());
    }
}
