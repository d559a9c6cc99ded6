package io.liaison.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.liaison.messaging.SqsClients;
import io.liaison.config.Environment;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue function of the test template. It reports every message it receives to the Deliveries
 * queue (through the SQS endpoint the local server gives functions), then fails the messages whose
 * body starts with "fail" one by one, and throws for a batch with a body starting with "throw".
 */
public final class RecordingWorker implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final SqsClient sqs;
    private final String deliveries;

    public RecordingWorker(Environment env) {
        this.sqs = SqsClients.sqs(env);
        this.deliveries = env.require("DELIVERIES_URL");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean fatal = false;
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            report(message);
            if (message.getBody().startsWith("fail")) failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            fatal |= message.getBody().startsWith("throw");
        }
        if (fatal) throw new IllegalStateException("told to throw");
        return new SQSBatchResponse(failures);
    }

    private void report(SQSEvent.SQSMessage message) {
        SQSEvent.MessageAttribute trace = message.getMessageAttributes().get("trace");
        sqs.sendMessage(s -> s.queueUrl(deliveries).messageBody(message.getBody()).messageAttributes(Map.of(
                "messageId", text(message.getMessageId()),
                "receiveCount", text(message.getAttributes().get("ApproximateReceiveCount")),
                "eventSource", text(message.getEventSource()),
                "eventSourceArn", text(message.getEventSourceArn()),
                "awsRegion", text(message.getAwsRegion()),
                "trace", text(trace == null ? null : trace.getStringValue()))));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value == null ? "-" : value).build();
    }
}
