package io.liaison.store;

import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestStore;
import io.liaison.core.Sealing;
import io.liaison.core.Words;
import io.liaison.json.WordsCodec;
import io.liaison.core.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.liaison.store.RequestItems.*;

/**
 * {@link RequestStore} on one DynamoDB table: every trail entry is put at the next event sequence
 * under a not-exists condition, a change of state in one transaction with the state item (see
 * {@link #append}, docs/decisions/0020). What people
 * wrote on a request ({@link Words}) is sealed with the payload cipher before it reaches the table,
 * as one message bound to the context {requestId, part=request}; it is opened only when a use case
 * discloses it, and written back unchanged (no new seal, no key) when a change adds no words.
 */
public final class DynamoRequestStore implements RequestStore {
    private static final int MAX_ITEMS_READ_PER_PAGE = 1000;
    private static final int FILTERED_CHUNK = 100;
    private static final Pattern SORT_KEY = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final int MAX_CURSOR_LENGTH = 128;

    static final String WORDS_PART = "request";

    private final DynamoDbClient db;
    private final String table;
    private final PayloadCipher cipher;
    private final IdempotencyKeys keys;

    /** {@code cipher} seals and opens the words; a function that never discloses them never calls it. */
    public DynamoRequestStore(DynamoDbClient db, String table, Clock clock, PayloadCipher cipher) {
        this.db = db;
        this.table = table;
        this.cipher = cipher;
        // Keys as the first version wrote them: filings' keys keep their item layout.
        this.keys = new IdempotencyKeys(db, table, clock, "IDEMPOTENCY");
    }

    @Override
    public FileResult file(Request request, AuditEvent event, IdempotencyKey key) {
        Chained chained = chain(request, event);
        Written written = written(chained.request());
        List<TransactWriteItem> writes = new ArrayList<>(List.of(putNew(table, written.state()),
                putNew(table, withChangedState(chained.event()))));
        if (written.words() != null) writes.add(putNew(table, RequestItems.wordsItem(request.id(), written.words())));
        if (key != null) writes.add(keys.put(key, item -> item.put(ID, AttributeValue.fromS(request.id()))));
        // Another try with the same key may be committing right now (TransactionConflict on AWS):
        // try again until one of the two has won, then answer as the winner did.
        for (int attempt = 0; ; attempt++) {
            try {
                db.transactWriteItems(t -> t.transactItems(writes));
                return new Stored();
            } catch (TransactionCanceledException e) {
                if (key == null) throw e;
                Optional<Map<String, AttributeValue>> stored = keys.live(key);
                if (stored.isPresent()) {
                    String requestId = s(stored.get(), ID);
                    if (!key.fingerprint().equals(s(stored.get(), IdempotencyKeys.FINGERPRINT))) return new KeyReused(requestId);
                    Optional<Request> earlier = find(requestId);
                    // The requester is shown the request it filed, as the first try would have shown it.
                    if (earlier.isPresent()) return new Replayed(disclose(earlier.get()));
                }
                if (attempt >= 5) throw e;
                pause(attempt);
            }
        }
    }

    /**
     * The request as its last entry left it, in one consistent query of its collection read
     * backwards from the words item: the words, the state item and the last event (1 read unit for
     * the three). The version is the trail's length, the last event's sequence; the state item keeps
     * the version and head of its own last change, which the next change is conditioned on.
     * A query may see one item of a transaction and not yet another: such a torn view (a state
     * newer than the last event, or a last event that changed state the state item does not show
     * yet, or sealed state without its words) is read again.
     */
    @Override
    public Optional<Request> find(String requestId) {
        for (int attempt = 0; ; attempt++) {
            QueryResponse response = db.query(q -> q.tableName(table).consistentRead(true).scanIndexForward(false).limit(3)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(requestPk(requestId)),
                            ":from", AttributeValue.fromS(EVENT_SK_PREFIX), ":to", AttributeValue.fromS(WORDS_SK))));
            Map<String, AttributeValue> words = null, state = null, last = null;
            for (Map<String, AttributeValue> item : response.items()) {
                String sk = s(item, SK);
                if (WORDS_SK.equals(sk)) words = item;
                else if (REQUEST_SK.equals(sk)) state = item;
                else if (last == null && sk.startsWith(EVENT_SK_PREFIX)) last = item;
            }
            if (state == null) return Optional.empty();
            long stateVersion = Long.parseLong(state.get(VERSION).n());
            long length = last == null ? 0 : Long.parseLong(last.get(SEQUENCE).n());
            boolean torn = last == null || stateVersion > length
                    || (length > stateVersion && last.containsKey(CHANGED_STATE))
                    || (!state.containsKey(FILING) && words == null);
            if (!torn) {
                Map<String, AttributeValue> whole = new HashMap<>(state);
                if (words != null) whole.put(WORDS, words.get(WORDS));
                whole.put(VERSION, AttributeValue.fromN(Long.toString(length)));
                whole.put(TRAIL_HEAD, AttributeValue.fromS(new Position(new Hash(s(last, CHAIN_HASH)), stateVersion).token()));
                return Optional.of(RequestItems.toRequest(whole));
            }
            if (attempt >= 5) throw new IllegalStateException("request " + requestId + " read torn " + (attempt + 1) + " times");
            pause(attempt);
        }
    }

    /**
     * Where a request's trail stands, as the store hands it to the core in {@link Request#trailHead}:
     * the head hash the next event links to, and the version of the state item, which a change of
     * state is written over (so that it cannot overwrite a change it did not see).
     */
    record Position(Hash head, long stateVersion) {
        String token() {
            return head.hex() + "@" + stateVersion;
        }

        /** A head without a state version (a copy from before this layout): its state is the version before {@code next}. */
        static Position of(Request next) {
            String token = next.trailHead();
            if (token == null) return new Position(Hash.GENESIS, 0);
            int at = token.indexOf('@');
            return at < 0 ? new Position(new Hash(token), next.version() - 1)
                    : new Position(new Hash(token.substring(0, at)), Long.parseLong(token.substring(at + 1)));
        }
    }

    @Override
    public Request disclose(Request request) {
        return switch (request.sealing()) {
            case Sealing.Withheld withheld -> {
                byte[] sealed = Base64.getDecoder().decode(withheld.envelope());
                String text = new String(cipher.open(sealed, context(request.id())), StandardCharsets.UTF_8);
                yield request.disclosed(WordsCodec.read(text), new Sealing.Disclosed(withheld.envelope(), fingerprint(text)));
            }
            // Stored in clear: the words are here; from now on the request is sealed when it is written.
            case Sealing.Clear clear -> request.disclosed(request.words(), new Sealing.Unsealed());
            case Sealing.Disclosed disclosed -> request;
            case Sealing.Unsealed unsealed -> request;
        };
    }

    @Override
    public boolean apply(Request next, AuditEvent event) {
        return append(next, event, List.of());
    }

    /**
     * Writes a trail entry with {@code alongside} (a response's items, a review's). The event is put
     * under its sequence number only if no event has it yet: that one condition serializes every
     * entry of a trail, whatever wrote it, and keeps one linear chain. An entry that changes state
     * also rewrites the state item, conditional on the state version it was computed from, in the
     * same transaction. One that changes no state (a delivery, a read) and carries nothing else is a
     * single PutItem of the event: the request's items are not rewritten.
     */
    boolean append(Request next, AuditEvent event, List<TransactWriteItem> alongside) {
        List<TransactWriteItem> writes = new ArrayList<>(changeWithEvent(next, event));
        writes.addAll(alongside);
        if (writes.size() > 1) return commit(db, writes);
        try {
            Put only = writes.getFirst().put();
            db.putItem(p -> p.tableName(table).item(only.item()).conditionExpression(only.conditionExpression())
                    .expressionAttributeNames(only.expressionAttributeNames()));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The state item of a request, and its sealed words when they must be written (new or changed), else null. */
    record Written(Map<String, AttributeValue> state, AttributeValue words) {}

    /**
     * The request's state item, and its words sealed: nothing to write when they were withheld or
     * did not change (the words item keeps its sealed copy), a new seal when they did (or when
     * nothing was sealed yet), the old single clear item for a request stored before filings were
     * sealed that no use case disclosed.
     */
    Written written(Request request) {
        return switch (request.sealing()) {
            // The words item keeps the sealed copy; the state item only needs to know the words are sealed
            // (a list's copy, from an index, has no envelope at hand, and needs none).
            case Sealing.Withheld withheld -> state(RequestItems.toItem(request, new byte[0]), false);
            case Sealing.Clear clear -> state(RequestItems.toItem(request, null), false);
            case Sealing.Disclosed disclosed -> {
                String text = WordsCodec.write(request.words());
                yield fingerprint(text).equals(disclosed.fingerprint())
                        ? state(RequestItems.toItem(request, Base64.getDecoder().decode(disclosed.envelope())), false)
                        : state(RequestItems.toItem(request, seal(request.id(), text)), true);
            }
            case Sealing.Unsealed unsealed -> state(RequestItems.toItem(request, seal(request.id(), WordsCodec.write(request.words()))), true);
        };
    }

    private static Written state(Map<String, AttributeValue> whole, boolean wordsChanged) {
        Map<String, AttributeValue> state = new HashMap<>(whole);
        AttributeValue words = state.remove(WORDS);
        return new Written(state, wordsChanged ? words : null);
    }

    /**
     * Seals the words of a request stored in clear before filings were sealed, in place: the same
     * version, the same trail, the words now sealed. Returns false when there was nothing to seal
     * (already sealed, or no such request) or when the request changed meanwhile (run it again).
     */
    public boolean reseal(String requestId) {
        GetItemResponse response = db.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(requestPk(requestId), REQUEST_SK)));
        if (!response.hasItem() || !response.item().containsKey(FILING)) return false;
        Request clear = RequestItems.toRequest(response.item());
        Written written = written(disclose(clear));
        return commit(db, List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(written.state())
                        .conditionExpression("#v = :v AND attribute_exists(#filing)")
                        .expressionAttributeNames(Map.of("#v", VERSION, "#filing", FILING))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(clear.version()))))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(RequestItems.wordsItem(requestId, written.words()))).build()));
    }

    private byte[] seal(String requestId, String words) {
        return cipher.seal(words.getBytes(StandardCharsets.UTF_8), context(requestId));
    }

    static Map<String, String> context(String requestId) {
        return Map.of("requestId", requestId, "part", WORDS_PART);
    }

    /** Tells whether words changed; kept in memory only, never stored (it would let a guess be confirmed). */
    private static String fingerprint(String words) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(words.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    record Chained(Request request, Map<String, AttributeValue> event) {}

    /**
     * Links the event to the request's audit chain: its entry hash, and the chain hash over the
     * previous head and that entry, which becomes the request's new head in the same transaction.
     */
    static Chained chain(Request next, AuditEvent event) {
        Hash previous = Position.of(next).head();
        Hash entry = EventHashes.entry(event);
        Hash head = EventHashes.link(previous, entry);
        Map<String, AttributeValue> item = new HashMap<>(RequestItems.toItem(event));
        item.put(RequestItems.ENTRY_HASH, AttributeValue.fromS(entry.hex()));
        item.put(RequestItems.CHAIN_HASH, AttributeValue.fromS(head.hex()));
        // Not hashed, there to be found: the day index auditors list events by, and the two jurisdictions.
        item.put(RequestItems.GSI4PK, AttributeValue.fromS(RequestItems.eventDay(event.at())));
        item.put(RequestItems.GSI4SK, AttributeValue.fromS(io.liaison.json.Times.format(event.at()) + "#" + event.requestId()
                + "#" + String.format("%010d", event.sequence())));
        item.put("requesterJurisdiction", AttributeValue.fromS(next.requester().jurisdiction()));
        item.put("targetJurisdiction", AttributeValue.fromS(next.filing().targetJurisdiction()));
        return new Chained(next.withTrailHead(head.hex()), item);
    }

    /**
     * The writes of one trail entry: the event, chained; and, when the entry changes state, the
     * state item over the state version it was computed from, and the words if they changed.
     */
    List<TransactWriteItem> changeWithEvent(Request next, AuditEvent event) {
        Position position = Position.of(next);
        Chained chained = chain(next, event);
        if (!io.liaison.core.Lifecycle.changesState(next, event)) return List.of(putNew(table, chained.event()));
        Written written = written(chained.request());
        List<TransactWriteItem> writes = new ArrayList<>(List.of(putChanged(written.state(), position.stateVersion()),
                putNew(table, withChangedState(chained.event()))));
        if (written.words() != null) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(RequestItems.wordsItem(next.id(), written.words()))).build());
        }
        return writes;
    }

    private static Map<String, AttributeValue> withChangedState(Map<String, AttributeValue> event) {
        Map<String, AttributeValue> item = new HashMap<>(event);
        item.put(CHANGED_STATE, AttributeValue.fromBool(true));
        return item;
    }

    /** The state item as changed, written only over the state version the change was computed from. */
    private TransactWriteItem putChanged(Map<String, AttributeValue> state, long previous) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(state)
                .conditionExpression("#v = :previous")
                .expressionAttributeNames(Map.of("#v", VERSION))
                .expressionAttributeValues(Map.of(":previous", AttributeValue.fromN(Long.toString(previous))))
                .build()).build();
    }

    /** Commits the writes together; false when a condition failed or another transaction got in the way. */
    static boolean commit(DynamoDbClient db, List<TransactWriteItem> writes) {
        try {
            db.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().map(CancellationReason::code)
                    .anyMatch(c -> "ConditionalCheckFailed".equals(c) || "TransactionConflict".equals(c))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Page<Request> byAgency(String jurisdiction, String agency, Status status, String cursor, int limit) {
        return page(BY_AGENCY, GSI1PK, GSI1SK, agencyPk(jurisdiction, agency), "a", status, cursor, limit);
    }

    @Override
    public Page<Request> byContactPoint(String contactPointId, Status status, String cursor, int limit) {
        return page(BY_CONTACT_POINT, GSI2PK, GSI2SK, contactPointPk(contactPointId), "c", status, cursor, limit);
    }

    @Override
    public List<AuditEvent> events(String requestId) {
        return itemsOf(db, table, requestId, EVENT_SK_PREFIX).stream().map(RequestItems::toEvent).toList();
    }

    @Override
    public List<String> due(java.time.Instant now, int limit) {
        // Every time up to and including now sorts below "<now>$" ('$' follows the '#' before the id).
        AttributeValue bound = AttributeValue.fromS(io.liaison.json.Times.format(now) + "$");
        List<String> ids = new ArrayList<>();
        for (int shard = 0; shard < DUE_SHARDS && ids.size() < limit; shard++) {
            AttributeValue pk = AttributeValue.fromS(duePk(shard));
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse response = db.query(q -> q.tableName(table).indexName(DUE_BY)
                        .keyConditionExpression("#pk = :pk AND #sk < :bound")
                        .expressionAttributeNames(Map.of("#pk", GSI5PK, "#sk", GSI5SK))
                        .expressionAttributeValues(Map.of(":pk", pk, ":bound", bound))
                        .limit(limit - ids.size()).exclusiveStartKey(from));
                response.items().forEach(item -> ids.add(RequestItems.requestIdOf(s(item, PK))));
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && ids.size() < limit
                        ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return ids;
    }

    /** Every item of a request's collection whose sort key starts with {@code prefix}, in key order (consistent). */
    static List<Map<String, AttributeValue>> itemsOf(DynamoDbClient db, String table, String requestId, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse response = db.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(requestPk(requestId)),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(from));
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * Reads one page newest first, with the status filter applied. The cursor is the index sort
     * key of the last item returned; the partition comes from the caller, never from the cursor,
     * so a cursor cannot open somebody else's list.
     */
    private Page<Request> page(String index, String pkName, String skName, String pk, String list,
                               Status status, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null : startKey(pkName, skName, pk, decode(list, cursor));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int read = 0;
        String lastSortKey = null;
        boolean more;
        while (true) {
            Map<String, AttributeValue> from = start;
            QueryResponse response = db.query(q -> {
                // With a filter most items read may not match: read in larger chunks than the page.
                q.tableName(table).indexName(index).scanIndexForward(false)
                        .limit(status == null ? limit + 1 : Math.max(limit + 1, FILTERED_CHUNK))
                        .keyConditionExpression("#pk = :pk").exclusiveStartKey(from);
                Map<String, String> names = new HashMap<>(Map.of("#pk", pkName));
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk)));
                if (status != null) {
                    q.filterExpression("#status = :status");
                    names.put("#status", STATUS);
                    values.put(":status", AttributeValue.fromS(status.code()));
                }
                q.expressionAttributeNames(names).expressionAttributeValues(values);
            });
            read += response.scannedCount();
            boolean leftOver = false;
            for (Map<String, AttributeValue> item : response.items()) {
                if (items.size() == limit) {
                    leftOver = true;
                    break;
                }
                items.add(item);
                lastSortKey = s(item, skName);
            }
            boolean storeHasMore = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
            if (items.size() == limit || !storeHasMore) {
                more = leftOver || (items.size() == limit && storeHasMore);
                break;
            }
            if (read >= MAX_ITEMS_READ_PER_PAGE) { // a short page; the cursor goes on from where reading stopped
                lastSortKey = s(response.lastEvaluatedKey(), skName);
                more = true;
                break;
            }
            start = response.lastEvaluatedKey();
        }
        List<Request> requests = items.stream().map(RequestItems::toRequest).toList();
        return new Page<>(requests, more && lastSortKey != null ? encode(list, lastSortKey) : null);
    }

    private static Map<String, AttributeValue> startKey(String pkName, String skName, String pk, String sortKey) {
        String requestId = sortKey.substring(sortKey.indexOf('#') + 1);
        return Map.of(pkName, AttributeValue.fromS(pk), skName, AttributeValue.fromS(sortKey),
                PK, AttributeValue.fromS(requestPk(requestId)), SK, AttributeValue.fromS(REQUEST_SK));
    }

    static String encode(String list, String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((list + ":" + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor of {@code list} whose key is not a request-list sort key (checked by its reader). */
    static String decodeAny(String list, String cursor) {
        if (cursor.length() > MAX_CURSOR_LENGTH) throw new BadCursor("the cursor is not one this list handed out");
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCursor("the cursor is not one this list handed out");
        }
        if (!text.startsWith(list + ":")) throw new BadCursor("the cursor is not one this list handed out");
        return text.substring(list.length() + 1);
    }

    static String decode(String list, String cursor) {
        String sortKey = decodeAny(list, cursor);
        if (!SORT_KEY.matcher(sortKey).matches()) throw new BadCursor("the cursor is not one this list handed out");
        return sortKey;
    }

    static TransactWriteItem putNew(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK))).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a filing", e);
        }
    }
}
