package io.liaison.store;

import io.liaison.core.Channel;
import io.liaison.core.ChannelStore;
import io.liaison.core.Recipient;
import io.liaison.json.Times;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.liaison.store.RequestItems.PK;
import static io.liaison.store.RequestItems.SK;

/**
 * Registered channels in the table: {@code CHANNELS / <recipient key>}, one partition, so that
 * the administrator's list is one query. A webhook secret is sealed with the payload key, bound to
 * its recipient, so a sealed secret copied to another item does not open.
 */
public final class DynamoChannelStore implements ChannelStore {
    private static final String CHANNELS_PK = "CHANNELS";

    private final DynamoDbClient db;
    private final String table;
    private final PayloadCipher cipher;

    public DynamoChannelStore(DynamoDbClient db, String table, PayloadCipher cipher) {
        this.db = db;
        this.table = table;
        this.cipher = cipher;
    }

    @Override
    public Optional<Registered> find(Recipient recipient) {
        return item(recipient).map(DynamoChannelStore::registered);
    }

    @Override
    public Optional<String> secret(Recipient recipient) {
        return item(recipient).filter(item -> item.containsKey("secret")).map(item -> new String(
                cipher.open(item.get("secret").b().asByteArray(), context(recipient)), StandardCharsets.UTF_8));
    }

    @Override
    public void put(Registered registration, String secret) {
        Recipient recipient = registration.recipient();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(CHANNELS_PK));
        item.put(SK, AttributeValue.fromS(recipient.key()));
        item.put("kind", AttributeValue.fromS("CHANNEL"));
        switch (recipient) {
            case Recipient.ContactPointRecipient cp -> item.put("contactPointId", AttributeValue.fromS(cp.contactPointId()));
            case Recipient.AgencyRecipient a -> {
                item.put("jurisdiction", AttributeValue.fromS(a.jurisdiction()));
                item.put("agency", AttributeValue.fromS(a.agency()));
            }
        }
        item.put("channelType", AttributeValue.fromS(registration.channel().type()));
        switch (registration.channel()) {
            case Channel.Webhook w -> item.put("url", AttributeValue.fromS(w.url()));
            case Channel.Email e -> item.put("address", AttributeValue.fromS(e.address()));
        }
        if (secret != null) {
            item.put("secret", AttributeValue.fromB(SdkBytes.fromByteArray(
                    cipher.seal(secret.getBytes(StandardCharsets.UTF_8), context(recipient)))));
        }
        item.put("updatedAt", AttributeValue.fromS(Times.format(registration.updatedAt())));
        item.put("updatedBy", AttributeValue.fromS(registration.updatedBy()));
        db.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public List<Registered> all() {
        return db.queryPaginator(q -> q.tableName(table).consistentRead(true).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CHANNELS_PK))))
                .items().stream().map(DynamoChannelStore::registered).toList();
    }

    private Optional<Map<String, AttributeValue>> item(Recipient recipient) {
        var response = db.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(CHANNELS_PK), SK, AttributeValue.fromS(recipient.key()))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static Map<String, String> context(Recipient recipient) {
        return Map.of("purpose", "webhook-secret", "recipient", recipient.key());
    }

    private static Registered registered(Map<String, AttributeValue> item) {
        Recipient recipient = item.containsKey("contactPointId")
                ? new Recipient.ContactPointRecipient(item.get("contactPointId").s())
                : new Recipient.AgencyRecipient(item.get("jurisdiction").s(), item.get("agency").s());
        Channel channel = "webhook".equals(item.get("channelType").s())
                ? new Channel.Webhook(item.get("url").s()) : new Channel.Email(item.get("address").s());
        return new Registered(recipient, channel, item.containsKey("secret"), Instant.parse(item.get("updatedAt").s()),
                item.get("updatedBy").s());
    }
}
