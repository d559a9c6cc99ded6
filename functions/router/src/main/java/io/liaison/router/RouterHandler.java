package io.liaison.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.liaison.config.Environment;
import io.liaison.config.Wiring;
import io.liaison.core.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes every newly filed request, triggered by the table's stream. Routing is idempotent, so
 * a redelivered record changes nothing; a record that fails is reported, and Lambda retries the
 * batch from it (ReportBatchItemFailures) without losing the records before it.
 */
public final class RouterHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final Wiring wiring;

    public RouterHandler() {
        this(Environment.system());
    }

    public RouterHandler(Environment env) {
        this(Wiring.from(env));
    }

    RouterHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String requestId = filedRequestId(record);
            Purged purged = purgedPayload(record);
            if (requestId == null && purged == null) continue;
            try {
                if (requestId != null) wiring.requests().route(requestId);
                else wiring.responses().recordPurge(purged.requestId(), purged.number());
            } catch (RuntimeException e) {
                System.err.println("ERROR handling stream record " + record.getEventID() + ": " + e);
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
                break; // stream order: the records after a failure are retried with it
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** The id of a request this record shows being filed, or null for any other change. */
    static String filedRequestId(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) return null;
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || !"REQUEST".equals(text(image, "SK"))
                || !Status.FILED.code().equals(text(image, "status"))) {
            return null;
        }
        return text(image, "requestId");
    }

    record Purged(String requestId, long number) {}

    /**
     * A response payload that left the table: TTL deleted it after its retention period. DynamoDB
     * Local reports TTL deletions under another event name than REMOVE, so the old image decides.
     */
    static Purged purgedPayload(DynamodbEvent.DynamodbStreamRecord record) {
        if ("INSERT".equals(record.getEventName()) || "MODIFY".equals(record.getEventName()) || record.getDynamodb() == null) {
            return null;
        }
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        Map<String, AttributeValue> old = record.getDynamodb().getOldImage();
        String sk = keys == null ? null : text(keys, "SK");
        String pk = keys == null ? null : text(keys, "PK");
        if (old == null || !"PAYLOAD".equals(text(old, "kind")) || sk == null || pk == null || !pk.startsWith("REQ#")) {
            return null;
        }
        String number = sk.substring("RESP#".length(), sk.length() - "#PAYLOAD".length());
        return new Purged(pk.substring("REQ#".length()), Long.parseLong(number));
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
