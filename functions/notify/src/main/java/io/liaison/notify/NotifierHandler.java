package io.liaison.notify;

import io.liaison.ops.Invocation;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.liaison.config.Clients;
import io.liaison.messaging.SqsClients;
import io.liaison.config.BatchEvents;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.core.Channel;
import io.liaison.core.ChannelService;
import io.liaison.core.Notification;
import io.liaison.core.NotificationService;
import io.liaison.core.Request;
import io.liaison.json.NotificationCodec;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers queued notifications on each recipient's channel and writes the evidence to the
 * request's trail: DELIVERY, or NON_DELIVERY after the last attempt (the message then moves to
 * the dead-letter queue). A failed delivery is retried with exponential backoff: the message is
 * hidden for longer after every attempt. A refused delivery (the webhook leads where notices must
 * not go: see {@link WebhookSender}) is NON_DELIVERY at once, without retry. Failures are reported
 * per message, so one bad message never brings back the batch.
 */
public final class NotifierHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, RequestStreamHandler {
    /** How many receives the queue allows before the dead-letter queue: maxReceiveCount in template.yaml. */
    public static final String MAX_ATTEMPTS = "NOTIFY_MAX_ATTEMPTS";
    /** The first retry's delay in seconds; each later one doubles it. */
    public static final String BACKOFF_SECONDS = "NOTIFY_BACKOFF_SECONDS";
    /** Locally: the folder e-mail notices are written to instead of being sent. */
    public static final String MAIL_OUTBOX = "MAIL_OUTBOX";
    /** On AWS: the SES-verified sender of e-mail notices. */
    public static final String MAIL_FROM = "MAIL_FROM";
    /** SQS holds a message back for at most 12 hours. */
    private static final Duration MAX_DELAY = Duration.ofHours(12);

    private final NotificationService notifications;
    private final ChannelService channels;
    private final WebhookSender webhooks;
    private final Mailer mailer;
    private final Retry retry;
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;

    /** Hides a message for the given delay before its next attempt. */
    interface Retry {
        int maxAttempts();

        Duration backoff(int attempt);

        void hide(SQSEvent.SQSMessage message, Duration delay);
    }

    public NotifierHandler() {
        this(Environment.system());
    }

    public NotifierHandler(Environment env) {
        this(Wiring.from(env), new WebhookSender(Clock.systemUTC(), Wiring.webhookReach(env)), mailer(env), sqsRetry(env));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: the webhook sender's TLS loaded, and a read of a request that does not exist. */
    public void prime() {
        webhooks.prime();
        notifications.request(Priming.ABSENT_REQUEST);
    }

    /** The directory is read when a notice needs a contact point's name: it may have changed since start. */
    private final Wiring wiring;

    NotifierHandler(Wiring wiring, WebhookSender webhooks, Mailer mailer, Retry retry) {
        this.wiring = wiring;
        this.notifications = wiring.notifications();
        this.channels = wiring.channels();
        this.webhooks = webhooks;
        this.mailer = mailer;
        this.retry = retry;
    }

    /** Lambda's entry (template.yaml names the class): the batch read and its failures written by Liaison (docs/decisions/0027). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SQSBatchResponse response = handleRequest(BatchEvents.sqs(input), context);
        BatchEvents.failures(output, response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocation.run(context, () -> deliverAll(event));
    }

    private SQSBatchResponse deliverAll(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            boolean done;
            try {
                done = deliver(message);
            } catch (RuntimeException e) {
                // The table or KMS did not answer: try again after the same backoff as a failed delivery.
                Invocation.failed("notice message " + message.getMessageId() + " not handled", e);
                hideQuietly(message, retry.backoff(attempt(message)));
                done = false;
            }
            if (!done) failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
        return new SQSBatchResponse(failures);
    }

    /** True when the message is finished with: delivered now or before. False to try it again. */
    private boolean deliver(SQSEvent.SQSMessage message) {
        Notification notification;
        try {
            notification = NotificationCodec.read(message.getBody());
        } catch (IllegalArgumentException e) {
            // Not ours to interpret, and no retry will change that: through its attempts at once, into
            // the dead-letter queue, where a person looks at it.
            Invocation.log("ERROR", "message " + message.getMessageId() + " is not a notification");
            retry.hide(message, Duration.ZERO);
            return false;
        }
        Optional<Request> request = notifications.request(notification.requestId());
        if (request.isEmpty()) {
            Invocation.log("ERROR", "message " + message.getMessageId() + " names no stored request");
            retry.hide(message, Duration.ZERO);
            return false;
        }
        Optional<java.time.Instant> eventAt = notifications.unsettled(notification, request.get().updatedAt());
        if (eventAt.isEmpty()) return true;
        ChannelService.InForce channel = channels.channelOf(notification.recipient());
        var at = eventAt.get();
        Notice notice = new Notice(notification.noticeId(), notification.type(), at,
                NoticeBody.of(notification, request.get(), wiring.currentDirectory(), at));
        DeliveryResult result = switch (channel.channel()) {
            case Channel.Webhook w -> channels.secret(notification.recipient())
                    .map(secret -> webhooks.send(w.url(), secret, notice))
                    .orElseGet(() -> new DeliveryResult.Failed("the webhook has no signing secret"));
            case Channel.Email e -> mailer.send(e.address(), notice);
        };
        int attempt = attempt(message);
        switch (result) {
            case DeliveryResult.Delivered d -> {
                notifications.record(notification, request.get(), true, channel.channel().type() + ", attempt " + attempt + ": " + d.detail());
                return true;
            }
            case DeliveryResult.Refused r -> {
                // No attempt can change where the URL leads: the evidence now, and the message is done with.
                Invocation.log("ERROR", "notice " + notice.id() + " not sent: " + r.reason());
                notifications.record(notification, request.get(), false, channel.channel().type() + ", attempt " + attempt + ", not retried: " + r.reason());
                return true;
            }
            case DeliveryResult.Failed f -> {
                Invocation.log("WARN", "notice " + notice.id() + " attempt " + attempt + " failed: " + f.reason());
                if (attempt >= retry.maxAttempts()) {
                    notifications.record(notification, request.get(), false, channel.channel().type() + ", " + attempt + " attempts, last: " + f.reason());
                    // Visible again at once, so the queue's next receive moves it to the dead-letter queue
                    // now rather than after the visibility timeout.
                    retry.hide(message, Duration.ZERO);
                } else {
                    retry.hide(message, retry.backoff(attempt));
                }
                return false;
            }
        }
    }

    private void hideQuietly(SQSEvent.SQSMessage message, Duration delay) {
        try {
            retry.hide(message, delay);
        } catch (RuntimeException e) {
            Invocation.failed("could not delay message " + message.getMessageId(), e);
        }
    }

    private static int attempt(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** base, 2 base, 4 base ... capped at what SQS allows. */
    static Duration backoff(Duration base, int attempt) {
        Duration delay = base.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Mailer mailer(Environment env) {
        Optional<String> outbox = env.optional(MAIL_OUTBOX);
        if (outbox.isPresent()) return new Outbox(Path.of(outbox.get()));
        SesV2Client ses = Clients.configured(SesV2Client.builder(), env, "AWS_ENDPOINT_URL_SESV2").build();
        return new SesMailer(ses, env.require(MAIL_FROM));
    }

    private static Retry sqsRetry(Environment env) {
        // Built at the first retry: a notice delivered at once never needs it.
        java.util.function.Supplier<SqsClient> sqs = new java.util.function.Supplier<>() {
            private SqsClient client;

            @Override
            public synchronized SqsClient get() {
                if (client == null) client = SqsClients.sqs(env);
                return client;
            }
        };
        String queueUrl = env.require("NOTIFICATION_QUEUE_URL");
        int maxAttempts = Integer.parseInt(env.optional(MAX_ATTEMPTS).orElse("8"));
        Duration base = Duration.ofSeconds(Long.parseLong(env.optional(BACKOFF_SECONDS).orElse("5")));
        return new Retry() {
            @Override public int maxAttempts() { return maxAttempts; }

            @Override public Duration backoff(int attempt) { return NotifierHandler.backoff(base, attempt); }

            @Override public void hide(SQSEvent.SQSMessage message, Duration delay) {
                sqs.get().changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(message.getReceiptHandle())
                        .visibilityTimeout((int) delay.toSeconds()));
            }
        };
    }
}
