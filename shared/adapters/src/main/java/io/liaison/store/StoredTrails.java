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

    /**
     * A trail as stored: its events with their hashes; the head and length the request's state item
     * holds, those of its last change of state ({@code stateHead}, {@code stateLength}); and the
     * trail's own head and length, its last event's, which the entries that change no state
     * (deliveries, reads) appended since the last change carry on from there.
     */
    public record Trail(String requestId, String requesterJurisdiction, String targetJurisdiction,
                        List<TrailVerifier.StoredEvent> events, Hash head, long length, Hash stateHead, long stateLength) {
        public TrailVerifier.Verification verify() {
            return TrailVerifier.verify(events, stateHead, stateLength);
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
        String head = RequestItems.stateHead(item);
        Hash stateHead = head != null ? new Hash(head) : Hash.GENESIS;
        long stateLength = Long.parseLong(item.get("version").n());
        TrailVerifier.StoredEvent last = events.isEmpty() ? null : events.getLast();
        boolean appended = last != null && last.sequence() > stateLength;
        return Optional.of(new Trail(requestId, item.get("requesterJurisdiction").s(), item.get("targetJurisdiction").s(),
                events, appended ? last.chainHash() : stateHead, appended ? last.sequence() : stateLength, stateHead, stateLength));
    }

    /** The verification of one request's trail, or empty when there is no such request. */
    public Optional<TrailVerifier.Verification> verify(String requestId) {
        return read(requestId).map(Trail::verify);
    }

    private static final java.util.regex.Pattern EVENT_CURSOR = java.util.regex.Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|-)#\\d{10}$");

    /** An event as auditors list it across requests: with the two jurisdictions of its request. */
    public record ListedEvent(TrailVerifier.StoredEvent stored, String requesterJurisdiction, String targetJurisdiction) {}

    /**
     * Events from {@code from} to {@code to}, oldest first, through the EventsByDay index (no scan),
     * limited to requests from or to {@code jurisdictions} unless that is empty.
     */
    public io.liaison.core.Page<ListedEvent> events(java.time.Instant from, java.time.Instant to,
                                                     java.util.Set<String> jurisdictions, String cursor, int limit) {
        java.time.LocalDate day = from.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        java.time.LocalDate lastDay = to.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sortKey = DynamoRequestStore.decodeAny("e", cursor);
            if (!EVENT_CURSOR.matcher(sortKey).matches()) {
                throw new io.liaison.core.RequestStore.BadCursor("the cursor is not one this list handed out");
            }
            String[] parts = sortKey.split("#");
            day = java.time.Instant.parse(parts[0]).atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (!parts[1].equals("-")) start = Map.of(RequestItems.GSI4PK, AttributeValue.fromS(RequestItems.eventDay(java.time.Instant.parse(parts[0]))),
                    RequestItems.GSI4SK, AttributeValue.fromS(sortKey),
                    RequestItems.PK, AttributeValue.fromS(RequestItems.requestPk(parts[1])),
                    RequestItems.SK, AttributeValue.fromS(RequestItems.EVENT_SK_PREFIX + parts[2]));
        }
        List<ListedEvent> events = new java.util.ArrayList<>();
        String lastSortKey = null;
        int read = 0;
        while (!day.isAfter(lastDay) && events.size() < limit && read < 2000) {
            Map<String, AttributeValue> from2 = start;
            java.time.LocalDate queried = day;
            Map<String, String> names = new java.util.HashMap<>(Map.of("#pk", RequestItems.GSI4PK, "#sk", RequestItems.GSI4SK));
            Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(
                    ":day", AttributeValue.fromS("EVENTS#" + queried),
                    ":from", AttributeValue.fromS(io.liaison.json.Times.format(from)),
                    ":to", AttributeValue.fromS(io.liaison.json.Times.format(to) + "#~")));
            String filter = null;
            if (!jurisdictions.isEmpty()) {
                List<String> placeholders = new java.util.ArrayList<>();
                int i = 0;
                for (String j : jurisdictions) {
                    values.put(":j" + i, AttributeValue.fromS(j));
                    placeholders.add(":j" + i++);
                }
                names.put("#rj", "requesterJurisdiction");
                names.put("#tj", "targetJurisdiction");
                String in = String.join(", ", placeholders);
                filter = "#rj IN (" + in + ") OR #tj IN (" + in + ")";
            }
            String filterExpression = filter;
            var response = db.query(q -> q.tableName(table).indexName(RequestItems.EVENTS_BY_DAY)
                    .keyConditionExpression("#pk = :day AND #sk BETWEEN :from AND :to")
                    .filterExpression(filterExpression).expressionAttributeNames(names).expressionAttributeValues(values)
                    .limit(limit - events.size()).exclusiveStartKey(from2));
            read += response.scannedCount();
            for (Map<String, AttributeValue> item : response.items()) {
                events.add(new ListedEvent(stored(item), item.get("requesterJurisdiction").s(), item.get("targetJurisdiction").s()));
                lastSortKey = item.get(RequestItems.GSI4SK).s();
            }
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                start = response.lastEvaluatedKey();
                lastSortKey = start.get(RequestItems.GSI4SK).s();
            } else {
                start = null;
                day = day.plusDays(1);
                if (events.size() == limit && !day.isAfter(lastDay)) {
                    lastSortKey = io.liaison.json.Times.format(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()) + "#-#0000000000";
                    return new io.liaison.core.Page<>(events, DynamoRequestStore.encode("e", lastSortKey));
                }
            }
        }
        boolean more = start != null || (events.size() == limit && !day.isAfter(lastDay)) || read >= 2000;
        return new io.liaison.core.Page<>(events, more && lastSortKey != null ? DynamoRequestStore.encode("e", lastSortKey) : null);
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
