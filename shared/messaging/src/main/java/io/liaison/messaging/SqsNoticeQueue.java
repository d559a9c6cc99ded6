package io.liaison.messaging;

import io.liaison.core.NoticeQueue;
import io.liaison.core.Notification;
import io.liaison.json.NotificationCodec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;

/** Notifications onto the SQS queue the notifier reads, ten to a batch call. */
public final class SqsNoticeQueue implements NoticeQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNoticeQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<Notification> notifications) {
        for (int from = 0; from < notifications.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Notification> batch = notifications.subList(from, Math.min(from + 10, notifications.size()));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(NotificationCodec.write(batch.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            // A partly failed batch fails the caller, which retries the stream record: a notice
            // sent twice is settled once by the notifier, a notice not sent would be lost.
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("the notice queue refused " + response.failed().size() + " of "
                        + batch.size() + " notices: " + response.failed().getFirst().code());
            }
        }
    }
}
