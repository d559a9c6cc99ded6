package io.liaison.benchmark.broker;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction one filing made, written again as a new filing: every occurrence of the captured
 * request id and idempotency key (keys, attributes, index keys, condition values) is replaced by a
 * fresh UUID, so each replay writes new items of the same sizes under the same conditions.
 */
record FilingReplay(TransactWriteItemsRequest captured, String requestId, String idempotencyKey) {
    FilingReplay {
        for (TransactWriteItem item : captured.transactItems()) {
            if (item.put() == null) throw new IllegalArgumentException("a filing's transaction was expected to hold puts only: " + item);
        }
    }

    /** The captured transaction for a new request; its id is returned with it. */
    Fresh next() {
        String id = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        List<TransactWriteItem> items = captured.transactItems().stream().map(item -> {
            Put put = item.put();
            return TransactWriteItem.builder().put(put.toBuilder().item(replace(put.item(), id, key))
                    .expressionAttributeValues(put.hasExpressionAttributeValues()
                            ? replace(put.expressionAttributeValues(), id, key) : null).build()).build();
        }).toList();
        return new Fresh(id, captured.toBuilder().transactItems(items).build());
    }

    record Fresh(String requestId, TransactWriteItemsRequest transaction) {}

    private Map<String, AttributeValue> replace(Map<String, AttributeValue> item, String id, String key) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, replace(value, id, key)));
        return out;
    }

    private AttributeValue replace(AttributeValue value, String id, String key) {
        return switch (value.type()) {
            case S -> AttributeValue.fromS(replace(value.s(), id, key));
            case SS -> AttributeValue.fromSs(value.ss().stream().map(s -> replace(s, id, key)).toList());
            case M -> AttributeValue.fromM(replace(value.m(), id, key));
            case L -> AttributeValue.fromL(value.l().stream().map(v -> replace(v, id, key)).toList());
            default -> value;
        };
    }

    private String replace(String text, String id, String key) {
        String out = text.replace(requestId, id);
        return idempotencyKey == null ? out : out.replace(idempotencyKey, key);
    }
}
