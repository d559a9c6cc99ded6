package io.liaison.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.util.List;
import java.util.Map;

import static io.liaison.local.Template.map;

/** Creates the table as template.yaml declares it (keys, indexes, stream, TTL) when it is not there yet. */
final class Tables {
    private Tables() {}

    /** Returns the table's stream ARN. */
    /** The hierarchical keyring's key store, as template.yaml declares it: keys only, no index, no stream. */
    static void ensureKeyStore(DynamoDbClient db, String name, Map<String, Object> properties) {
        if (describe(db, name) != null) return;
        db.createTable(c -> c.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                .attributeType(str(a, "AttributeType")).build()).toList())
                .keySchema(keys(properties.get("KeySchema"))));
        db.waiter().waitUntilTableExists(w -> w.tableName(name));
    }

    static String ensure(DynamoDbClient db, String name, Map<String, Object> properties) {
        TableDescription existing = describe(db, name);
        if (existing == null) {
            Map<String, Object> stream = map(properties.get("StreamSpecification"));
            db.createTable(c -> c.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                            .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                    .attributeType(str(a, "AttributeType")).build()).toList())
                    .keySchema(keys(properties.get("KeySchema")))
                    .globalSecondaryIndexes(list(properties.get("GlobalSecondaryIndexes")).stream()
                            .map(i -> GlobalSecondaryIndex.builder().indexName(str(i, "IndexName"))
                                    .keySchema(keys(i.get("KeySchema")))
                                    .projection(p -> p.projectionType(str(map(i.get("Projection")), "ProjectionType"))
                                            .nonKeyAttributes(strings(map(i.get("Projection")).get("NonKeyAttributes"))))
                                    .build()).toList())
                    .streamSpecification(stream.isEmpty() ? null : StreamSpecification.builder().streamEnabled(true)
                            .streamViewType(str(stream, "StreamViewType")).build()));
            db.waiter().waitUntilTableExists(w -> w.tableName(name));
            Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
            if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
                db.updateTimeToLive(u -> u.tableName(name).timeToLiveSpecification(t -> t.enabled(true)
                        .attributeName(str(ttl, "AttributeName"))));
            }
            existing = describe(db, name);
        }
        addMissingIndexes(db, name, properties, existing);
        if (existing == null || existing.latestStreamArn() == null) {
            throw new IllegalStateException("table " + name + " has no stream");
        }
        return existing.latestStreamArn();
    }

    /**
     * A table kept with --data-dir may predate an index the template declares now: add it, so an
     * older local data folder keeps working after an upgrade.
     */
    private static void addMissingIndexes(DynamoDbClient db, String name, Map<String, Object> properties, TableDescription table) {
        java.util.Set<String> present = new java.util.HashSet<>();
        if (table.hasGlobalSecondaryIndexes()) table.globalSecondaryIndexes().forEach(i -> present.add(i.indexName()));
        for (Map<String, Object> index : list(properties.get("GlobalSecondaryIndexes"))) {
            if (present.contains(str(index, "IndexName"))) continue;
            db.updateTable(u -> u.tableName(name)
                    .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                            .map(a -> AttributeDefinition.builder().attributeName(str(a, "AttributeName"))
                                    .attributeType(str(a, "AttributeType")).build()).toList())
                    .globalSecondaryIndexUpdates(g -> g.create(c -> c.indexName(str(index, "IndexName"))
                            .keySchema(keys(index.get("KeySchema")))
                            .projection(p -> p.projectionType(str(map(index.get("Projection")), "ProjectionType"))
                                    .nonKeyAttributes(strings(map(index.get("Projection")).get("NonKeyAttributes")))))));
        }
    }

    /**
     * Waits until the table's stream can be read. DynamoDB Local's is at once; LocalStack reports
     * a new table active about half a second before its stream is, and writes in between would
     * never reach the router.
     */
    static void awaitStream(software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streams, String streamArn) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            var status = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().streamStatus();
            if (status == software.amazon.awssdk.services.dynamodb.model.StreamStatus.ENABLED) return;
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("the table's stream is still " + status);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the table's stream", e);
            }
        }
    }

    private static TableDescription describe(DynamoDbClient db, String name) {
        try {
            return db.describeTable(d -> d.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static List<KeySchemaElement> keys(Object schema) {
        return list(schema).stream().map(k -> KeySchemaElement.builder().attributeName(str(k, "AttributeName"))
                .keyType(str(k, "KeyType")).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
    }

    private static String str(Map<String, Object> map, String key) {
        return String.valueOf(map.get(key));
    }
}
