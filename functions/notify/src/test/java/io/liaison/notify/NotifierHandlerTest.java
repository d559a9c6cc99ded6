package io.liaison.notify;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.liaison.core.AuditEvent;
import io.liaison.core.Channel;
import io.liaison.core.ChannelStore;
import io.liaison.core.Outcome;
import io.liaison.core.webhook.Reach;
import io.liaison.core.Notification;
import io.liaison.core.Recipient;
import io.liaison.json.NotificationCodec;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier over the in-memory broker: the sample request routed to DE-POC247, whose channel
 * is the directory's e-mail address unless a test registers a webhook.
 */
class NotifierHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;
    private static final String SECRET = "whsec_" + "A".repeat(43) + "=";
    private static final Notification ROUTED = new Notification(ID, 2, "ROUTED", new Recipient.ContactPointRecipient("DE-POC247"));

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final List<String> mailedTo = new ArrayList<>();
    private final List<Duration> hidden = new ArrayList<>();
    private DeliveryResult mailResult = new DeliveryResult.Delivered("written");

    private final NotifierHandler.Retry retry = new NotifierHandler.Retry() {
        @Override public int maxAttempts() { return 3; }

        @Override public Duration backoff(int attempt) { return NotifierHandler.backoff(Duration.ofSeconds(5), attempt); }

        @Override public void hide(SQSEvent.SQSMessage message, Duration delay) { hidden.add(delay); }
    };
    /** hooks.test is on this machine (127.0.0.2); no other name resolves, so no test reaches beyond it. */
    private final HostResolver resolver = host -> {
        if (host.equals("hooks.test")) return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 2}));
        throw new UnknownHostException(host);
    };
    private final WebhookSender webhooks = new WebhookSender(Clock.systemUTC(), Reach.PUBLIC, resolver, null,
            Duration.ofSeconds(1), Duration.ofSeconds(1));
    private final NotifierHandler handler = new NotifierHandler(broker.wiring, webhooks,
            (to, notice) -> {
                mailedTo.add(to);
                return mailResult;
            }, retry);

    NotifierHandlerTest() {
        broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
        broker.requests.route(ID);
    }

    private static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setReceiptHandle("receipt-" + id);
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return m;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private List<AuditEvent> evidence() {
        return broker.store.events(ID).stream()
                .filter(e -> e.action().equals("DELIVERY") || e.action().equals("NON_DELIVERY")).toList();
    }

    @Test
    void aDeliveredNotice_isRecordedAsDeliveryInTheTrail() {
        SQSBatchResponse response = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        assertThat(failed(response)).isEmpty();
        assertThat(mailedTo).containsExactly("de-poc247@contact-points.liaison.invalid");
        assertThat(evidence()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("DELIVERY");
            assertThat(e.ground()).isEqualTo("notice:2:DE-POC247");
            assertThat(e.reason()).startsWith("notice of event 2 (ROUTED) to DE-POC247: email");
        });
    }

    @Test
    void aRedeliveredMessage_isNotSentAgain_andLeavesOneEntry() {
        handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        SQSBatchResponse again = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 2)), null);

        assertThat(failed(again)).isEmpty();
        assertThat(mailedTo).hasSize(1);
        assertThat(evidence()).hasSize(1);
    }

    @Test
    void aNoticeDeliveredTwiceAtOnce_leavesOneEntry_theSecondRecordedOverARead_theFirstOvertook() {
        // The mail of the first delivery takes so long that the queue hands the message to a second
        // poller, which mails and records the notice; the first then records over what it read before.
        NotifierHandler[] overtaking = new NotifierHandler[1];
        NotifierHandler slow = new NotifierHandler(broker.wiring, webhooks, (to, notice) -> {
            mailedTo.add(to);
            if (mailedTo.size() == 1) overtaking[0].handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 2)), null);
            return new DeliveryResult.Delivered("written");
        }, retry);
        overtaking[0] = slow;

        SQSBatchResponse response = slow.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        assertThat(failed(response)).isEmpty();
        assertThat(mailedTo).hasSize(2);
        assertThat(evidence()).hasSize(1);
    }

    @Test
    void aFailedAttempt_isHiddenForLongerEachTime_andLeavesNothingInTheTrailYet() {
        mailResult = new DeliveryResult.Failed("SES refused: Throttling");

        SQSBatchResponse first = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);
        handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 2)), null);

        assertThat(failed(first)).containsExactly("m1");
        assertThat(hidden).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(evidence()).isEmpty();
    }

    @Test
    void theLastFailedAttempt_isRecordedAsNonDelivery_andTheMessageIsLeftForTheDeadLetterQueue() {
        mailResult = new DeliveryResult.Failed("SES refused: MessageRejected");

        SQSBatchResponse last = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 3)), null);

        assertThat(failed(last)).containsExactly("m1");
        assertThat(hidden).as("visible at once, for the dead-letter queue").containsExactly(Duration.ZERO);
        assertThat(evidence()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("NON_DELIVERY");
            assertThat(e.reason()).contains("3 attempts").contains("MessageRejected");
        });
    }

    @Test
    void aPoisonMessage_failsAlone_andTheRestOfTheBatchIsDelivered() {
        SQSBatchResponse response = handler.handleRequest(batch(message("poison", "{not json", 1),
                message("m2", NotificationCodec.write(ROUTED), 1)), null);

        assertThat(failed(response)).containsExactly("poison");
        assertThat(hidden).as("no retry helps a poison message: straight on").containsExactly(Duration.ZERO);
        assertThat(evidence()).extracting(AuditEvent::action).containsExactly("DELIVERY");
    }

    @Test
    void aWebhookWithoutASecret_isNotSent() {
        // GIVEN a channel store that lost the secret (the registration always stores one)
        broker.channelStore.put(new io.liaison.core.ChannelStore.Registered(ROUTED.recipient(),
                new io.liaison.core.Channel.Webhook("https://receiver.example/hooks"), true, broker.clock.instant(), "admin"), null);

        SQSBatchResponse response = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 3)), null);

        assertThat(failed(response)).containsExactly("m1");
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.reason()).contains("no signing secret"));
    }

    @Test
    void aWebhookWhoseNameResolvesToALoopbackAddress_isNonDeliveryAtOnce_withoutRetry() {
        // GIVEN a webhook registered as a public name, which now resolves to this machine
        assertThat(broker.channels.register(Callers.ADMIN, ROUTED.recipient(), new Channel.Webhook("https://hooks.test/hooks"), SECRET))
                .isInstanceOf(Outcome.Ok.class);

        // WHEN the first attempt is made
        SQSBatchResponse response = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        // THEN nothing is retried, and the trail says why it was not sent
        assertThat(failed(response)).isEmpty();
        assertThat(hidden).isEmpty();
        assertThat(evidence()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("NON_DELIVERY");
            assertThat(e.reason()).contains("webhook, attempt 1, not retried")
                    .contains("hooks.test resolves to 127.0.0.2, a loopback address");
        });
    }

    @Test
    void aStoredWebhookTheRuleNowRefuses_isNonDeliveryAtOnce_withoutALookup() {
        // GIVEN a channel stored before the rule: a loopback address
        broker.channelStore.put(new ChannelStore.Registered(ROUTED.recipient(), new Channel.Webhook("https://127.0.0.1:1/hooks"), true,
                broker.clock.instant(), "admin"), SECRET);

        SQSBatchResponse response = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        assertThat(failed(response)).isEmpty();
        assertThat(evidence()).singleElement().satisfies(e -> assertThat(e.reason()).contains("127.0.0.1 is a loopback address"));
    }

    @Test
    void aWebhookWhoseNameHasNoAddress_isRetried() {
        assertThat(broker.channels.register(Callers.ADMIN, ROUTED.recipient(), new Channel.Webhook("https://gone.example.org/hooks"), SECRET))
                .isInstanceOf(Outcome.Ok.class);

        SQSBatchResponse response = handler.handleRequest(batch(message("m1", NotificationCodec.write(ROUTED), 1)), null);

        assertThat(failed(response)).containsExactly("m1");
        assertThat(hidden).containsExactly(Duration.ofSeconds(5));
        assertThat(evidence()).isEmpty();
    }

    @Test
    void backoff_doublesFromTheBase_andStopsAtTwelveHours() {
        assertThat(NotifierHandler.backoff(Duration.ofSeconds(5), 1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(NotifierHandler.backoff(Duration.ofSeconds(5), 4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(NotifierHandler.backoff(Duration.ofSeconds(5), 30)).isEqualTo(Duration.ofHours(12));
    }
}
