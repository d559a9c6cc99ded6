package io.liaison.router;

import io.liaison.ops.Invocation;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.liaison.messaging.SqsClients;
import io.liaison.config.BatchEvents;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.core.NoticeQueue;
import io.liaison.core.Notification;
import io.liaison.core.Status;
import io.liaison.messaging.SqsNoticeQueue;
import io.liaison.store.RequestItems;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes every newly filed request and queues the notices each new audit event calls for,
 * triggered by the table's stream. Routing is idempotent, so
 * a redelivered record changes nothing; a record that fails is reported, and Lambda retries the
 * batch from it (ReportBatchItemFailures) without losing the records before it.
 */
public final class RouterHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    public static final String NOTIFICATION_QUEUE_URL = "NOTIFICATION_QUEUE_URL";

    private final Wiring wiring;
    private final NoticeQueue notices;

    public RouterHandler() {
        this(Environment.system());
    }

    public RouterHandler(Environment env) {
        this(Wiring.from(env), new SqsNoticeQueue(SqsClients.sqs(env), env.require(NOTIFICATION_QUEUE_URL)));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: a batch with nothing to do, and a read of a request that does not exist. */
    public void prime() {
        DynamodbEvent nothing = new DynamodbEvent();
        nothing.setRecords(List.of());
        handleRequest(nothing, Priming.CONTEXT);
        wiring.requests();
        wiring.notifications().request(Priming.ABSENT_REQUEST);
    }

    RouterHandler(Wiring wiring, NoticeQueue notices) {
        this.wiring = wiring;
        this.notices = notices;
    }

    /** Lambda's entry (template.yaml names the class): the batch read and its failures written by Liaison (docs/decisions/0027). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamsEventResponse response = handleRequest(BatchEvents.dynamodb(input), context);
        BatchEvents.failures(output, response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocation.run(context, () -> handle(event));
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String requestId = filedRequestId(record);
            Purged purged = purgedPayload(record);
            Recorded recorded = recordedEvent(record);
            if (requestId == null && purged == null && recorded == null) continue;
            try {
                if (requestId != null) wiring.requests().route(requestId);
                else if (purged != null) wiring.responses().recordPurge(purged.requestId(), purged.number());
                else notify(recorded);
            } catch (RuntimeException e) {
                Invocation.failed("stream record " + record.getEventID() + " not handled", e);
                failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
                break; // stream order: the records after a failure are retried with it
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** Queues the notices an event calls for; the notifier delivers them and records the outcome. */
    private void notify(Recorded event) {
        wiring.notifications().request(event.requestId()).ifPresent(request -> {
            List<Notification> due = Notification.of(event.action(), event.sequence(), event.ground(), request);
            if (!due.isEmpty()) notices.send(due);
        });
    }

    record Recorded(String requestId, long sequence, String action, String ground) {}

    /** An audit event just written (every event item is inserted once, never changed). */
    static Recorded recordedEvent(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) return null;
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || !"EVENT".equals(text(image, "kind")) || image.get("sequence") == null
                || text(image, "action") == null || !Notification.mayNotify(text(image, "action"))) {
            return null;
        }
        return new Recorded(text(image, "requestId"), Long.parseLong(image.get("sequence").getN()), text(image, "action"),
                text(image, "ground"));
    }

    /** The id of a request this record shows being filed, or null for any other change. */
    static String filedRequestId(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) return null;
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null || !"REQUEST".equals(text(image, "SK"))
                || !Status.FILED.code().equals(text(image, "status"))) {
            return null;
        }
        // The key, not a copy: a compact state item holds none (ADR 0023).
        return RequestItems.requestIdOf(text(image, "PK"));
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
        String requestId = keys == null ? null : RequestItems.requestIdOf(text(keys, "PK"));
        if (old == null || !"PAYLOAD".equals(text(old, "kind")) || sk == null || requestId == null) {
            return null;
        }
        String number = sk.substring("RESP#".length(), sk.length() - "#PAYLOAD".length());
        return new Purged(requestId, Long.parseLong(number));
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
