package io.liaison.store;

import io.liaison.core.AuditEvent;
import io.liaison.core.Page;
import io.liaison.core.Request;
import io.liaison.core.RequestStore;
import io.liaison.core.Response;
import io.liaison.core.ResponseStore;
import io.liaison.core.gate.Answer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.liaison.store.RequestItems.GSI3PK;
import static io.liaison.store.RequestItems.GSI3SK;
import static io.liaison.store.RequestItems.HELD_FOR_REVIEW;
import static io.liaison.store.RequestItems.PK;
import static io.liaison.store.RequestItems.SK;
import static io.liaison.store.RequestItems.EXPIRES_AT;
import static io.liaison.store.RequestItems.requestPk;

/**
 * Responses in the request's item collection, in two items each: the decision in clear
 * ({@code RESP#n}) and the sealed payload ({@code RESP#n#PAYLOAD}), which carries the TTL so that
 * released data disappear after the retention period while the decision stays for the trail.
 * Held responses carry the keys of the sparse HeldForReview index, by responding jurisdiction.
 */
public final class DynamoResponseStore implements ResponseStore {
    private static final String PREFIX = "RESP#";
    private static final String PAYLOAD_SUFFIX = "#PAYLOAD";

    private final DynamoDbClient db;
    private final String table;
    private final DynamoRequestStore requests;
    private final PayloadCipher cipher;
    private final Clock clock;
    private final IdempotencyKeys idempotency;

    /** {@code requests} writes the request item each change rewrites, its words sealed as it seals them. */
    public DynamoResponseStore(DynamoDbClient db, String table, DynamoRequestStore requests, PayloadCipher cipher, Clock clock) {
        this.db = db;
        this.table = table;
        this.requests = requests;
        this.cipher = cipher;
        this.clock = clock;
        this.idempotency = new IdempotencyKeys(db, table, clock, "RESPONSE_IDEMPOTENCY");
    }

    @Override
    public boolean submit(Request next, AuditEvent event, Response response, RequestStore.IdempotencyKey key) {
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                DynamoRequestStore.putNew(table, metadata(response, next.filing().targetJurisdiction())),
                DynamoRequestStore.putNew(table, payload(response))));
        if (key != null) writes.add(idempotency.put(key, r -> {
            r.put("number", AttributeValue.fromN(Long.toString(response.number())));
            r.put("requestId", AttributeValue.fromS(response.requestId()));
        }));
        return requests.append(next, event, writes);
    }

    @Override
    public Optional<Keyed> keyed(RequestStore.IdempotencyKey key) {
        return idempotency.live(key).map(item -> new Keyed(Long.parseLong(item.get("number").n()), item.get("fingerprint").s()));
    }

    @Override
    public boolean review(Request next, AuditEvent event, Response reviewed) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(metadata(reviewed, next.filing().targetJurisdiction()))
                        .conditionExpression("#status = :held")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":held", AttributeValue.fromS(Response.Status.HELD.name())))).build());
        // Released: kept for the retention period from now. Blocked: purged at once.
        Instant purgeAt = reviewed.expiresAt() != null ? reviewed.expiresAt() : reviewed.review().at();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key(reviewed.requestId(), sk(reviewed.number()) + PAYLOAD_SUFFIX))
                .updateExpression("SET #exp = :exp")
                .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":exp", epoch(purgeAt)))).build());
        return requests.append(next, event, writes);
    }

    @Override
    public boolean record(Request next, AuditEvent event) {
        return requests.append(next, event, List.of());
    }

    @Override
    public List<Response> responses(String requestId) {
        Map<String, Map<String, AttributeValue>> payloads = new HashMap<>();
        List<Map<String, AttributeValue>> metadata = new ArrayList<>();
        for (Map<String, AttributeValue> item : DynamoRequestStore.itemsOf(db, table, requestId, PREFIX)) {
            String sk = item.get(SK).s();
            if (sk.endsWith(PAYLOAD_SUFFIX)) payloads.put(sk.substring(0, sk.length() - PAYLOAD_SUFFIX.length()), item);
            else metadata.add(item);
        }
        return metadata.stream().map(m -> response(m, payloads.get(m.get(SK).s()))).toList();
    }

    @Override
    public Optional<Response> response(String requestId, long number) {
        var metadata = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(requestId, sk(number))));
        if (!metadata.hasItem() || metadata.item().isEmpty()) return Optional.empty();
        var payload = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(requestId, sk(number) + PAYLOAD_SUFFIX)));
        return Optional.of(response(metadata.item(), payload.hasItem() ? payload.item() : null));
    }

    @Override
    public Page<Response> held(String jurisdiction, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null : heldStart(jurisdiction, cursor);
        QueryResponse page = db.query(q -> q.tableName(table).indexName(HELD_FOR_REVIEW).limit(limit)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI3PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(heldPk(jurisdiction))))
                .exclusiveStartKey(start));
        List<Response> held = new ArrayList<>();
        for (Map<String, AttributeValue> item : page.items()) {
            String requestId = item.get("requestId").s();
            long number = Long.parseLong(item.get("number").n());
            response(requestId, number).filter(r -> r.status() == Response.Status.HELD).ifPresent(held::add);
        }
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Page<>(held, more ? DynamoRequestStore.encode("h", page.lastEvaluatedKey().get(GSI3SK).s()) : null);
    }

    private Map<String, AttributeValue> heldStart(String jurisdiction, String cursor) {
        String sortKey;
        try {
            sortKey = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new io.liaison.core.RequestStore.BadCursor("the cursor is not one this list handed out");
        }
        String[] parts = sortKey.startsWith("h:") ? sortKey.substring(2).split("#") : new String[0];
        if (parts.length != 3) throw new io.liaison.core.RequestStore.BadCursor("the cursor is not one this list handed out");
        return Map.of(GSI3PK, AttributeValue.fromS(heldPk(jurisdiction)), GSI3SK, AttributeValue.fromS(sortKey.substring(2)),
                PK, AttributeValue.fromS(requestPk(parts[1])), SK, AttributeValue.fromS(PREFIX + parts[2]));
    }

    private Map<String, AttributeValue> metadata(Response r, String respondingJurisdiction) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.requestId(), sk(r.number())));
        item.put("kind", AttributeValue.fromS("RESPONSE"));
        item.put("requestId", AttributeValue.fromS(r.requestId()));
        item.put("number", AttributeValue.fromN(Long.toString(r.number())));
        item.put("status", AttributeValue.fromS(r.status().name()));
        item.put("authorSubject", AttributeValue.fromS(r.authorSubject()));
        item.put("contactPointId", AttributeValue.fromS(r.contactPointId()));
        item.put("submittedAt", AttributeValue.fromS(io.liaison.json.Times.format(r.submittedAt())));
        item.put("final", AttributeValue.fromBool(r.answer().isFinal()));
        item.put("decision", AttributeValue.fromS(ResponseItems.decision(r.decision())));
        if (r.expiresAt() != null) item.put("releasedUntil", AttributeValue.fromS(r.expiresAt().toString()));
        if (r.review() != null) {
            item.put("reviewer", AttributeValue.fromS(r.review().reviewerSubject()));
            item.put("reviewerJurisdiction", AttributeValue.fromS(r.review().jurisdiction()));
            item.put("reviewApproved", AttributeValue.fromBool(r.review().approved()));
            item.put("reviewedAt", AttributeValue.fromS(r.review().at().toString()));
            // The reviewer's reason is a person's text: it is sealed, never stored in clear.
            item.put("reviewReason", AttributeValue.fromB(SdkBytes.fromByteArray(cipher.seal(
                    r.review().reason().getBytes(java.nio.charset.StandardCharsets.UTF_8), context(r, "review")))));
        }
        if (r.status() == Response.Status.HELD) {
            item.put(GSI3PK, AttributeValue.fromS(heldPk(respondingJurisdiction)));
            item.put(GSI3SK, AttributeValue.fromS(io.liaison.json.Times.format(r.submittedAt()) + "#" + r.requestId()
                    + "#" + sk(r.number()).substring(PREFIX.length())));
        }
        return item;
    }

    private Map<String, AttributeValue> payload(Response r) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.requestId(), sk(r.number()) + PAYLOAD_SUFFIX));
        item.put("kind", AttributeValue.fromS("PAYLOAD"));
        item.put("payload", AttributeValue.fromB(SdkBytes.fromByteArray(cipher.seal(ResponseItems.payload(r), context(r, "payload")))));
        // Every payload expires: a released one at its retention date, a held or blocked one at the
        // retention date its decision set, unless a review moves it.
        item.put(EXPIRES_AT, epoch(r.expiresAt() != null ? r.expiresAt() : r.decision().expiresAt()));
        return item;
    }

    private Response response(Map<String, AttributeValue> metadata, Map<String, AttributeValue> payloadItem) {
        String requestId = metadata.get("requestId").s();
        long number = Long.parseLong(metadata.get("number").n());
        Instant releasedUntil = metadata.containsKey("releasedUntil") ? Instant.parse(metadata.get("releasedUntil").s()) : null;
        Response.Status status = Response.Status.valueOf(metadata.get("status").s());
        Response.Review review = null;
        Response shell = new Response(requestId, number, metadata.get("authorSubject").s(), metadata.get("contactPointId").s(),
                null, ResponseItems.decision(metadata.get("decision").s(), List.of()), status, null,
                Instant.parse(metadata.get("submittedAt").s()), releasedUntil);
        if (metadata.containsKey("reviewer")) {
            String reason = new String(cipher.open(metadata.get("reviewReason").b().asByteArray(), context(shell, "review")),
                    java.nio.charset.StandardCharsets.UTF_8);
            review = new Response.Review(metadata.get("reviewer").s(), metadata.get("reviewerJurisdiction").s(),
                    metadata.get("reviewApproved").bool(), reason, Instant.parse(metadata.get("reviewedAt").s()));
        }
        // TTL deletion is eventual: an expired payload still in the table is treated as gone.
        boolean gone = payloadItem == null || shell.expired(clock.instant());
        if (payloadItem == null && status == Response.Status.RELEASED && !shell.expired(clock.instant())) {
            releasedUntil = clock.instant(); // the payload has left the table: it reads as expired from now on
        }
        ResponseItems.Payload payload = gone ? null
                : ResponseItems.payload(cipher.open(payloadItem.get("payload").b().asByteArray(), context(shell, "payload")));
        Answer answer = payload == null ? new Answer(List.of(), null, metadata.get("final").bool(), shell.decision().tlp())
                : payload.answer();
        return new Response(requestId, number, shell.authorSubject(), shell.contactPointId(), answer,
                ResponseItems.decision(metadata.get("decision").s(), payload == null ? List.of() : payload.released()),
                status, review, shell.submittedAt(), releasedUntil);
    }

    private static Map<String, String> context(Response r, String part) {
        return Map.of("requestId", r.requestId(), "response", Long.toString(r.number()), "part", part);
    }

    private static Map<String, AttributeValue> key(String requestId, String sk) {
        return Map.of(PK, AttributeValue.fromS(requestPk(requestId)), SK, AttributeValue.fromS(sk));
    }

    static String sk(long number) {
        return PREFIX + String.format("%010d", number);
    }

    private static String heldPk(String jurisdiction) {
        return "HELD#" + jurisdiction;
    }

    private static AttributeValue epoch(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
