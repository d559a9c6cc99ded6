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
            if (requestId == null) continue;
            try {
                wiring.requests().route(requestId);
            } catch (RuntimeException e) {
                System.err.println("ERROR routing request " + requestId + ": " + e);
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

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
