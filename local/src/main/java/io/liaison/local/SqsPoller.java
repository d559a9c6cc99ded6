package io.liaison.local;

import io.liaison.config.InvocationContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Stands in for Lambda's SQS event source mapping: receives from one queue, invokes the function
 * with real SQSEvent batches and deletes what the function handled. Nothing else: a message left
 * in the queue comes back after its visibility timeout, and the queue's RedrivePolicy moves it to
 * the dead-letter queue, exactly as SQS does for Lambda.
 */
final class SqsPoller extends Poller {
    /** Short, so that close() is quick; Lambda long-polls for 20 s. */
    private static final int WAIT_SECONDS = 1;

    /** Where the poller reads: the queue's URL for the API, and what the event names as its source. */
    record Source(String queueUrl, String queueArn, String region) {}

    private final SqsClient sqs;
    private final Source source;
    private final String function;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;

    SqsPoller(SqsClient sqs, Source source, String function, Template.QueueTrigger trigger,
              RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        super("sqs-" + function + "-" + trigger.queue(), 2000 + WAIT_SECONDS * 1000L);
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        // ReceiveMessage returns at most 10; Lambda gathers larger batches over a batching window, not modelled here.
        this.batchSize = Math.max(1, Math.min(10, trigger.batchSize()));
        this.reportBatchItemFailures = trigger.reportBatchItemFailures();
        this.handler = handler;
    }



    @Override
    protected void run() {
        while (running()) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(source.queueUrl())
                        .maxNumberOfMessages(batchSize).waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) deliver(messages);
            } catch (RuntimeException e) {
                if (!running()) return;
                System.err.println("sqs poller " + function + ": " + e);
                sleepQuietly(500);
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::convert).toList());
        Set<String> handled;
        try {
            SQSBatchResponse response = handler.handleRequest(event, InvocationContext.of(function));
            handled = handled(messages.stream().map(Message::messageId).toList(), response, reportBatchItemFailures);
        } catch (RuntimeException | Error e) {
            // Lambda fails the invocation on an Error too; the messages come back after the visibility timeout.
            // Only the exception, never the messages: their bodies may carry personal data.
            System.err.println("queue function " + function + " failed on a batch of " + messages.size() + ": " + e);
            return;
        }
        List<Message> done = messages.stream().filter(m -> handled.contains(m.messageId())).toList();
        if (done.isEmpty()) return;
        var result = sqs.deleteMessageBatch(d -> d.queueUrl(source.queueUrl()).entries(IntStream.range(0, done.size())
                .mapToObj(i -> DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(done.get(i).receiptHandle()).build()).toList()));
        if (result.hasFailed() && !result.failed().isEmpty()) {
            System.err.println("sqs poller " + function + ": " + result.failed().size() + " handled messages were not deleted ("
                    + result.failed().get(0).code() + "); they will be delivered again");
        }
    }

    /**
     * The ids of the messages to delete, as Lambda decides it. Without ReportBatchItemFailures the
     * response means nothing and a return means the whole batch succeeded. With it, every message
     * not named in batchItemFailures succeeded; a failure naming no message of the batch (a null,
     * empty or unknown id) fails the whole batch.
     */
    static Set<String> handled(List<String> batch, SQSBatchResponse response, boolean reportBatchItemFailures) {
        if (!reportBatchItemFailures || response == null || response.getBatchItemFailures() == null) return Set.copyOf(batch);
        Set<String> failed = new java.util.HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            if (id == null || id.isBlank() || !batch.contains(id)) return Set.of();
            failed.add(id);
        }
        return batch.stream().filter(id -> !failed.contains(id)).collect(Collectors.toUnmodifiableSet());
    }

    private SQSEvent.SQSMessage convert(Message message) {
        SQSEvent.SQSMessage out = new SQSEvent.SQSMessage();
        out.setMessageId(message.messageId());
        out.setReceiptHandle(message.receiptHandle());
        out.setBody(message.body());
        out.setMd5OfBody(message.md5OfBody());
        out.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        out.setAttributes(new HashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, convert(value)));
        out.setMessageAttributes(attributes);
        out.setEventSource("aws:sqs");
        out.setEventSourceArn(source.queueArn());
        out.setAwsRegion(source.region());
        return out;
    }

    private static SQSEvent.MessageAttribute convert(MessageAttributeValue value) {
        SQSEvent.MessageAttribute out = new SQSEvent.MessageAttribute();
        out.setDataType(value.dataType());
        out.setStringValue(value.stringValue());
        if (value.binaryValue() != null) out.setBinaryValue(value.binaryValue().asByteBuffer());
        // Lambda sends empty lists rather than leaving these out.
        out.setStringListValues(List.copyOf(value.stringListValues()));
        out.setBinaryListValues(value.binaryListValues().stream().map(SdkBytes::asByteBuffer).toList());
        return out;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
