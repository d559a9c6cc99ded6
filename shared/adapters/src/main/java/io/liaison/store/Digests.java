package io.liaison.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.audit.DigestSigner;
import io.liaison.audit.Hash;
import io.liaison.audit.TrailVerifier;
import org.erdtman.jcs.JsonCanonicalizer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hourly digests, as CloudTrail's log file integrity validation writes them: for one hour, the
 * head (last sequence and chain hash) of every trail that changed in it, and the hash of the
 * previous digest, in canonical JSON, signed. A digest is written once and never changed.
 */
public final class Digests {
    private static final String PK_DIGEST = "DIGEST";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final DynamoDbClient db;
    private final String table;
    private final DigestSigner signer;

    public Digests(DynamoDbClient db, String table, DigestSigner signer) {
        this.db = db;
        this.table = table;
        this.signer = signer;
    }

    /** One trail's head at the end of the hour. */
    public record Head(String requestId, long sequence, String chainHash) {}

    /** A stored digest: the signed canonical document, its hash, and what it says. */
    public record Digest(String hour, String document, Hash digestHash, byte[] signature, String previousDigestHash, List<Head> heads) {
        public boolean signedBy(byte[] publicKey) {
            return DigestSigner.verify(publicKey, document.getBytes(StandardCharsets.UTF_8), signature);
        }
    }

    public static String hourOf(Instant instant) {
        return HOUR.format(instant);
    }

    /** Writes the digest of the hour that starts at {@code hourStart}, unless it exists; returns the stored one. */
    public Digest write(Instant hourStart) {
        Instant start = hourStart.truncatedTo(ChronoUnit.HOURS);
        String hour = hourOf(start);
        Optional<Digest> existing = read(hour);
        if (existing.isPresent()) return existing.get();
        Map<String, Head> heads = new TreeMap<>();
        String day = RequestItems.eventDay(start);
        Map<String, AttributeValue> from = null;
        do {
            Map<String, AttributeValue> page = from;
            var response = db.query(q -> q.tableName(table).indexName(RequestItems.EVENTS_BY_DAY)
                    .keyConditionExpression("#pk = :day AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", RequestItems.GSI4PK, "#sk", RequestItems.GSI4SK))
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day),
                            ":from", AttributeValue.fromS(io.liaison.json.Times.format(start)),
                            ":to", AttributeValue.fromS(io.liaison.json.Times.format(start.plus(1, ChronoUnit.HOURS).minusMillis(1)) + "#~")))
                    .exclusiveStartKey(page));
            for (Map<String, AttributeValue> item : response.items()) {
                String requestId = item.get("requestId").s();
                long sequence = Long.parseLong(item.get("sequence").n());
                Head known = heads.get(requestId);
                if (known == null || known.sequence() < sequence) {
                    heads.put(requestId, new Head(requestId, sequence, item.get(RequestItems.CHAIN_HASH).s()));
                }
            }
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (from != null);
        for (io.liaison.network.Trail trail : io.liaison.network.Trail.values()) {
            latestRevisionIn(trail, start).ifPresent(h -> heads.put(trail.id(), h));
        }
        String previous = latestBefore(hour).map(d -> d.digestHash().hex()).orElse(null);
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("hour", hour);
        if (previous == null) document.putNull("previousDigestHash");
        else document.put("previousDigestHash", previous);
        ArrayNode trails = document.putArray("trails");
        heads.values().forEach(h -> trails.addObject().put("requestId", h.requestId()).put("sequence", h.sequence())
                .put("chainHash", h.chainHash()));
        String canonical = canonical(document.toString());
        byte[] signature = signer.sign(canonical.getBytes(StandardCharsets.UTF_8));
        Map<String, AttributeValue> item = new HashMap<>(key(hour));
        item.put("kind", AttributeValue.fromS("DIGEST"));
        item.put("document", AttributeValue.fromS(canonical));
        item.put("digestHash", AttributeValue.fromS(sha256(canonical).hex()));
        item.put("signature", AttributeValue.fromB(SdkBytes.fromByteArray(signature)));
        try {
            db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException raced) {
            // another run wrote it first: that one stands
        }
        return read(hour).orElseThrow();
    }

    /**
     * The last revision of a directory or rules trail written in the hour from {@code start}: read
     * backwards from the newest revision, so only the revisions since then are read.
     */
    private Optional<Head> latestRevisionIn(io.liaison.network.Trail trail, Instant start) {
        String from = io.liaison.json.Times.format(start);
        String until = io.liaison.json.Times.format(start.plus(1, ChronoUnit.HOURS));
        Map<String, AttributeValue> page = null;
        do {
            Map<String, AttributeValue> after = page;
            var response = db.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :revision)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DynamoNetworkStore.pk(trail)),
                            ":revision", AttributeValue.fromS("REVISION#")))
                    .projectionExpression("#n, #at, chainHash").expressionAttributeNames(Map.of("#n", "number", "#at", "at"))
                    .scanIndexForward(false).limit(20).exclusiveStartKey(after));
            for (Map<String, AttributeValue> item : response.items()) {
                String at = item.get("at").s();
                if (at.compareTo(until) >= 0) continue;
                if (at.compareTo(from) < 0) return Optional.empty();
                return Optional.of(new Head(trail.id(), Long.parseLong(item.get("number").n()), item.get("chainHash").s()));
            }
            page = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (page != null);
        return Optional.empty();
    }

    public Optional<Digest> read(String hour) {
        var response = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(hour)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(digest(response.item())) : Optional.empty();
    }

    /**
     * Checks a trail against the digests of the hours its events fall in: each digest must carry a
     * valid signature, and every head it recorded for this request must still be in the trail.
     */
    public Optional<TrailVerifier.Broken> check(String requestId, List<? extends TrailVerifier.Link> events, byte[] publicKey) {
        Map<Long, TrailVerifier.Link> bySequence = new HashMap<>();
        java.util.Set<String> hours = new java.util.TreeSet<>();
        for (TrailVerifier.Link e : events) {
            bySequence.put(e.sequence(), e);
            hours.add(hourOf(e.at()));
        }
        for (String hour : hours) {
            Optional<Digest> digest = read(hour);
            if (digest.isEmpty()) continue; // that hour is not digested yet
            if (!digest.get().signedBy(publicKey)) {
                return Optional.of(new TrailVerifier.Broken(0, TrailVerifier.Damage.DIGEST_MISMATCH,
                        "the digest of " + hour + " does not carry a valid signature of the published key"));
            }
            for (Head head : digest.get().heads()) {
                if (!head.requestId().equals(requestId)) continue;
                TrailVerifier.Link stored = bySequence.get(head.sequence());
                if (stored == null || !stored.chainHash().hex().equals(head.chainHash())) {
                    return Optional.of(new TrailVerifier.Broken(head.sequence(), TrailVerifier.Damage.DIGEST_MISMATCH,
                            "event " + head.sequence() + " is not the one the signed digest of " + hour + " recorded"));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Digest> latestBefore(String hour) {
        var response = db.query(q -> q.tableName(table).keyConditionExpression("PK = :pk AND SK < :sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_DIGEST), ":sk", AttributeValue.fromS("HOUR#" + hour)))
                .scanIndexForward(false).limit(1).consistentRead(true));
        return response.items().stream().findFirst().map(Digests::digest);
    }

    private static Digest digest(Map<String, AttributeValue> item) {
        String document = item.get("document").s();
        try {
            var node = io.liaison.json.Json.MAPPER.readTree(document);
            List<Head> heads = new java.util.ArrayList<>();
            node.path("trails").forEach(t -> heads.add(new Head(t.path("requestId").asText(), t.path("sequence").asLong(),
                    t.path("chainHash").asText())));
            return new Digest(node.path("hour").asText(), document, new Hash(item.get("digestHash").s()),
                    item.get("signature").b().asByteArray(), node.path("previousDigestHash").asText(null), heads);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored digest does not parse", e);
        }
    }

    private static Map<String, AttributeValue> key(String hour) {
        return Map.of(RequestItems.PK, AttributeValue.fromS(PK_DIGEST), RequestItems.SK, AttributeValue.fromS("HOUR#" + hour));
    }

    private static String canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Hash sha256(String text) {
        try {
            return Hash.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
