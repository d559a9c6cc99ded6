package io.liaison.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The local server runs the template's queues and invokes a function with an SQS event source as
 * Lambda does: real SQSEvent batches, handled messages deleted, failed ones left to the queue's
 * visibility timeout and RedrivePolicy (WorkQueue: VisibilityTimeout 1, maxReceiveCount 3).
 */
class QueueEventSourceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static LocalBroker broker;
    /** Everything the worker reported so far: reading the Deliveries queue consumes it. */
    private static final List<Delivery> seen = new CopyOnWriteArrayList<>();

    /** What the worker saw of one message in one invocation. */
    record Delivery(String body, String messageId, int receiveCount, String eventSource, String eventSourceArn,
                    String awsRegion, String trace) {}

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(QueueEventSourceTest.class.getResource("/queues-template.yaml").toURI());
        broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(0, 0).withTemplate(template));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aMessage_reachesTheFunction_asAnSqsEventWithItsReceiveCount() {
        String body = "ok " + UUID.randomUUID();
        String messageId = broker.sqs().sendMessage(s -> s.queueUrl(broker.queueUrl("WorkQueue")).messageBody(body)
                .messageAttributes(Map.of("trace", MessageAttributeValue.builder().dataType("String").stringValue("t-1").build())))
                .messageId();

        Delivery delivery = awaitDeliveries(body, d -> !d.isEmpty()).get(0);

        assertThat(delivery.messageId()).isEqualTo(messageId);
        assertThat(delivery.receiveCount()).isEqualTo(1);
        assertThat(delivery.eventSource()).isEqualTo("aws:sqs");
        assertThat(delivery.eventSourceArn()).isEqualTo("arn:aws:sqs:" + delivery.awsRegion() + ":000000000000:WorkQueue");
        assertThat(delivery.awsRegion()).isNotEqualTo("-");
        assertThat(delivery.trace()).isEqualTo("t-1");
    }

    @Test
    void aBatchWithOnePoisonMessage_deletesTheOthers_andOnlyThePoisonMessageComesBack() {
        String tag = UUID.randomUUID().toString();
        send("ok " + tag + " 1", "fail " + tag, "ok " + tag + " 2");

        // By the poison message's third receive the visibility timeout (1 s) has passed twice:
        // a handled message that was not deleted would have come back by then.
        List<Delivery> deliveries = awaitDeliveries(tag, d -> receiveCounts(d, "fail " + tag).contains(3));

        assertThat(receiveCounts(deliveries, "ok " + tag + " 1")).containsExactly(1);
        assertThat(receiveCounts(deliveries, "ok " + tag + " 2")).containsExactly(1);
        assertThat(receiveCounts(deliveries, "fail " + tag)).startsWith(1, 2, 3);
    }

    @Test
    void aMessageThatAlwaysFails_endsInTheDeadLetterQueue_afterMaxReceiveCountReceives() {
        String body = "fail " + UUID.randomUUID();
        send(body);

        Message dead = awaitDeadLetter(body);

        assertThat(dead.body()).isEqualTo(body);
        assertThat(receiveCounts(awaitDeliveries(body, d -> receiveCounts(d, body).contains(3)), body)).containsExactly(1, 2, 3);
    }

    @Test
    void aBatchWhoseFunctionThrows_isReceivedAgain() {
        String body = "throw " + UUID.randomUUID();
        send(body);

        List<Delivery> deliveries = awaitDeliveries(body, d -> receiveCounts(d, body).contains(2));

        assertThat(receiveCounts(deliveries, body)).startsWith(1, 2);
    }

    private static void send(String... bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build());
        }
        var result = broker.sqs().sendMessageBatch(s -> s.queueUrl(broker.queueUrl("WorkQueue")).entries(entries));
        assertThat(result.failed()).isEmpty();
    }

    private static List<Integer> receiveCounts(List<Delivery> deliveries, String body) {
        return deliveries.stream().filter(d -> d.body().equals(body)).map(Delivery::receiveCount).sorted().toList();
    }

    /** The worker's reports on messages whose body contains {@code tag}, once {@code done} holds for them. */
    private static List<Delivery> awaitDeliveries(String tag, Predicate<List<Delivery>> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            for (Message message : receive(broker.queueUrl("Deliveries"))) {
                Map<String, MessageAttributeValue> a = message.messageAttributes();
                seen.add(new Delivery(message.body(), a.get("messageId").stringValue(),
                        Integer.parseInt(a.get("receiveCount").stringValue()), a.get("eventSource").stringValue(),
                        a.get("eventSourceArn").stringValue(), a.get("awsRegion").stringValue(), a.get("trace").stringValue()));
            }
            List<Delivery> mine = seen.stream().filter(d -> d.body().contains(tag)).toList();
            if (!mine.isEmpty() && done.test(mine)) return mine;
            if (Instant.now().isAfter(deadline)) return fail("after " + PATIENCE + " the function had seen only " + mine);
        }
    }

    private static Message awaitDeadLetter(String body) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : receive(broker.queueUrl("WorkDeadLetters"))) {
                if (message.body().equals(body)) return message;
            }
        }
        return fail("no " + body + " in the dead-letter queue after " + PATIENCE);
    }

    /** Receives and deletes: each message is read once. */
    private static List<Message> receive(String queueUrl) {
        List<Message> messages = broker.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        for (Message message : messages) {
            broker.sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        return messages;
    }
}
