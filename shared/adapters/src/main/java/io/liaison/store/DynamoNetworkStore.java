package io.liaison.store;

import io.liaison.audit.Hash;
import io.liaison.core.Actor;
import io.liaison.network.NetworkStore;
import io.liaison.network.Proposal;
import io.liaison.network.Revision;
import io.liaison.network.Trail;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.liaison.store.RequestItems.PK;
import static io.liaison.store.RequestItems.SK;

/**
 * The two trails in the table: {@code NETWORK#<trail> / REVISION#<number>} per revision, and a
 * {@code HEAD} moved with a condition in the same transaction, as a request's version is. Rule
 * proposals are {@code PROPOSAL#<id>} beside the rules' trail, each version name reserved once
 * ({@code VERSION#<name>}), so that two proposals can never share one.
 */
public final class DynamoNetworkStore implements NetworkStore {
    private static final String HEAD = "HEAD";
    private static final String REVISION = "REVISION#";
    private static final String PROPOSAL = "PROPOSAL#";
    private static final String VERSION = "VERSION#";

    private final DynamoDbClient db;
    private final String table;

    public DynamoNetworkStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    static String pk(Trail trail) {
        return "NETWORK#" + trail.id();
    }

    @Override
    public Optional<Head> head(Trail trail) {
        var item = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(trail, HEAD)));
        if (!item.hasItem() || item.item().isEmpty()) return Optional.empty();
        return Optional.of(new Head(Long.parseLong(item.item().get("number").n()), new Hash(item.item().get("chainHash").s())));
    }

    @Override
    public List<Revision> revisions(Trail trail, long after) {
        return between(trail, revisionSk(after + 1), REVISION + "~").stream().map(i -> revision(trail, i)).toList();
    }

    /** Every item of a trail's partition whose sort key lies between the two, in key order (every page). */
    private List<Map<String, AttributeValue>> between(Trail trail, String from, String to) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> after = start;
            QueryResponse response = db.query(q -> q.tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(trail)),
                            ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)))
                    .exclusiveStartKey(after));
            out.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public Optional<Revision> revision(Trail trail, long number) {
        var item = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(trail, revisionSk(number))));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(revision(trail, item.item())) : Optional.empty();
    }

    @Override
    public boolean append(Revision next, long expected) {
        return DynamoRequestStore.commit(db, appending(next, expected));
    }

    private List<TransactWriteItem> appending(Revision next, long expected) {
        Map<String, AttributeValue> item = new HashMap<>(key(next.trail(), revisionSk(next.number())));
        item.put("kind", AttributeValue.fromS("NETWORK_REVISION"));
        item.put("trail", AttributeValue.fromS(next.trail().id()));
        item.put("number", AttributeValue.fromN(Long.toString(next.number())));
        item.put("at", AttributeValue.fromS(io.liaison.json.Times.format(next.at())));
        item.put("validFrom", AttributeValue.fromS(io.liaison.json.Times.format(next.validFrom())));
        actor(item, "author", next.author());
        if (next.approvedBy() != null) actor(item, "approvedBy", next.approvedBy());
        put(item, "reason", next.reason());
        put(item, "change", next.change());
        put(item, "version", next.version());
        item.put("state", AttributeValue.fromS(next.state()));
        item.put(RequestItems.ENTRY_HASH, AttributeValue.fromS(next.entryHash().hex()));
        item.put(RequestItems.CHAIN_HASH, AttributeValue.fromS(next.chainHash().hex()));
        Map<String, AttributeValue> head = new HashMap<>(key(next.trail(), HEAD));
        head.put("kind", AttributeValue.fromS("NETWORK_HEAD"));
        head.put("number", AttributeValue.fromN(Long.toString(next.number())));
        head.put("chainHash", AttributeValue.fromS(next.chainHash().hex()));
        TransactWriteItem moveHead = TransactWriteItem.builder().put(p -> p.tableName(table).item(head)
                .conditionExpression(expected == 0 ? "attribute_not_exists(#pk)" : "#n = :expected")
                .expressionAttributeNames(expected == 0 ? Map.of("#pk", PK) : Map.of("#n", "number"))
                .expressionAttributeValues(expected == 0 ? null
                        : Map.of(":expected", AttributeValue.fromN(Long.toString(expected))))).build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(DynamoRequestStore.putNew(table, item));
        writes.add(moveHead);
        return writes;
    }

    @Override
    public boolean propose(Proposal proposal) {
        Map<String, AttributeValue> reserved = new HashMap<>(key(Trail.ROUTING_RULES, VERSION + proposal.version()));
        reserved.put("kind", AttributeValue.fromS("RULES_VERSION_NAME"));
        reserved.put("proposal", AttributeValue.fromS(proposal.id()));
        return DynamoRequestStore.commit(db, List.of(DynamoRequestStore.putNew(table, proposalItem(proposal)),
                DynamoRequestStore.putNew(table, reserved)));
    }

    @Override
    public Optional<Proposal> proposal(String id) {
        var item = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(Trail.ROUTING_RULES, PROPOSAL + id)));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(proposal(item.item())) : Optional.empty();
    }

    @Override
    public List<Proposal> proposals() {
        List<Proposal> out = new ArrayList<>(between(Trail.ROUTING_RULES, PROPOSAL, PROPOSAL + "~").stream()
                .map(DynamoNetworkStore::proposal).toList());
        out.sort(java.util.Comparator.comparing(Proposal::proposedAt));
        return out;
    }

    @Override
    public boolean versionProposed(String version) {
        var item = db.getItem(g -> g.tableName(table).consistentRead(true).key(key(Trail.ROUTING_RULES, VERSION + version)));
        return item.hasItem() && !item.item().isEmpty();
    }

    @Override
    public boolean approve(Proposal approved, Revision next, long expected) {
        List<TransactWriteItem> writes = appending(next, expected);
        Map<String, AttributeValue> item = proposalItem(approved);
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("#status = :pending").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(Proposal.Status.PENDING.name())))).build());
        return DynamoRequestStore.commit(db, writes);
    }

    private Map<String, AttributeValue> proposalItem(Proposal p) {
        Map<String, AttributeValue> item = new HashMap<>(key(Trail.ROUTING_RULES, PROPOSAL + p.id()));
        item.put("kind", AttributeValue.fromS("RULES_PROPOSAL"));
        item.put("id", AttributeValue.fromS(p.id()));
        item.put("version", AttributeValue.fromS(p.version()));
        item.put("document", AttributeValue.fromS(p.document()));
        put(item, "reason", p.reason());
        if (p.validFrom() != null) item.put("validFrom", AttributeValue.fromS(io.liaison.json.Times.format(p.validFrom())));
        actor(item, "proposedBy", p.proposedBy());
        item.put("proposedAt", AttributeValue.fromS(io.liaison.json.Times.format(p.proposedAt())));
        item.put("baseRevision", AttributeValue.fromN(Long.toString(p.baseRevision())));
        item.put("status", AttributeValue.fromS(p.status().name()));
        if (p.decidedBy() != null) actor(item, "decidedBy", p.decidedBy());
        if (p.decidedAt() != null) item.put("decidedAt", AttributeValue.fromS(io.liaison.json.Times.format(p.decidedAt())));
        return item;
    }

    private static Proposal proposal(Map<String, AttributeValue> i) {
        return new Proposal(s(i, "id"), s(i, "version"), s(i, "document"), s(i, "reason"), instant(i, "validFrom"),
                actor(i, "proposedBy"), instant(i, "proposedAt"), Long.parseLong(i.get("baseRevision").n()),
                Proposal.Status.valueOf(s(i, "status")), actor(i, "decidedBy"), instant(i, "decidedAt"));
    }

    private static Revision revision(Trail trail, Map<String, AttributeValue> i) {
        return new Revision(trail, Long.parseLong(i.get("number").n()), instant(i, "at"), instant(i, "validFrom"),
                actor(i, "author"), actor(i, "approvedBy"), s(i, "reason"), s(i, "change"), s(i, "version"), s(i, "state"),
                new Hash(s(i, RequestItems.ENTRY_HASH)), new Hash(s(i, RequestItems.CHAIN_HASH)));
    }

    private static void actor(Map<String, AttributeValue> item, String prefix, Actor actor) {
        put(item, prefix + "Role", actor.role());
        put(item, prefix + "Jurisdiction", actor.jurisdiction());
        put(item, prefix + "Subject", actor.subject());
    }

    private static Actor actor(Map<String, AttributeValue> item, String prefix) {
        String role = s(item, prefix + "Role");
        return role == null ? null : new Actor(role, s(item, prefix + "Jurisdiction"), null, s(item, prefix + "Subject"));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, AttributeValue.fromS(value));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static String revisionSk(long number) {
        return REVISION + String.format("%010d", number);
    }

    private static Map<String, AttributeValue> key(Trail trail, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk(trail)), SK, AttributeValue.fromS(sk));
    }
}
