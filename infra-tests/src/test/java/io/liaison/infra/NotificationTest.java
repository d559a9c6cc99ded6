package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices over the whole path: the router queues them on ElasticMQ, the notifier delivers them to
 * a webhook the test starts (or to the e-mail outbox), and the trail records DELIVERY or NON_DELIVERY.
 * Each test uses its own contact point, so that one test's receiver never sees another's notices.
 */
@ExtendWith(Broker.class)
class NotificationTest {
    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** The administrator points a contact point's channel at the receiver. */
    private static void register(Api api, String contactPoint, WebhookReceiver receiver, String secret) {
        ObjectNode channel = Api.JSON.createObjectNode().put("type", "webhook").put("url", receiver.url()).put("secret", secret);
        Api.Response response = api.put("admin", "/channels/contact-points/" + contactPoint, channel);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(secret).contains("\"secretSet\":true");
        receiver.onClose(() -> api.put("admin", "/channels/contact-points/" + contactPoint, Api.JSON.createObjectNode()
                .put("type", "email").put("address", contactPoint.toLowerCase() + "@contact-points.liaison.invalid")));
    }

    /** A preservation request of the Dutch police to {@code jurisdiction}: R2 sends it to that country's 24/7 point. */
    private static String preservationTo(Api api, String jurisdiction) {
        String id = api.file("nl-police", Api.preservation().put("targetJurisdiction", jurisdiction));
        api.awaitRouted("nl-police", id);
        return id;
    }

    private static List<WebhookReceiver.Delivery> await(WebhookReceiver receiver, String requestId, int count) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (receiver.about(requestId).size() < count && System.currentTimeMillis() < deadline) sleep(50);
        return receiver.about(requestId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRoutedRequest_reachesTheContactPointsWebhook_signedSoTheReceiverCanVerifyIt(Api api) throws Exception {
        String secret = newSecret();
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            register(api, "BE-POC247", receiver, secret);

            String id = preservationTo(api, "BE");

            WebhookReceiver.Delivery delivery = await(receiver, id, 1).getFirst();
            Map<String, List<String>> headers = headers(delivery);
            new Webhook(secret).verify(delivery.body(), headers); // throws when the signature does not match
            JsonNode notice = Api.JSON.readTree(delivery.body());
            assertThat(notice.path("type").asText()).isEqualTo("request.routed");
            assertThat(notice.path("data").path("requestId").asText()).isEqualTo(id);
            assertThat(notice.path("data").path("contactPoint").path("id").asText()).isEqualTo("BE-POC247");
            assertThat(delivery.body()).doesNotContain("summaryOfFacts").doesNotContain("identifiers");
            JsonNode trail = api.awaitEvent("nl-police", id, "DELIVERY");
            assertThat(trail.findValuesAsText("ground")).contains("notice:2:BE-POC247");
            assertThat(api.get("admin", "/channels").body()).contains(receiver.url()).doesNotContain(secret)
                    .doesNotContain(secret.substring("whsec_".length()));
        }
    }

    @Test
    void aSignatureMadeWithAnotherSecret_isRejectedByTheReceiver(Api api) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            register(api, "DK-POC247", receiver, newSecret());
            String id = preservationTo(api, "DK");

            WebhookReceiver.Delivery delivery = await(receiver, id, 1).getFirst();
            Map<String, List<String>> headers = headers(delivery);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Webhook(newSecret()).verify(delivery.body(), headers))
                    .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        }
    }

    @Test
    void anEndpointThatFailsThreeTimes_getsTheSameNoticeAFourthTime_andTheTrailRecordsOneDelivery(Api api) {
        try (WebhookReceiver receiver = new WebhookReceiver(3)) {
            register(api, "JP-POC247", receiver, newSecret());

            String id = preservationTo(api, "JP");

            List<WebhookReceiver.Delivery> deliveries = await(receiver, id, 4);
            JsonNode trail = api.awaitEvent("nl-police", id, "DELIVERY");
            assertThat(deliveries).hasSize(4);
            assertThat(deliveries).extracting(d -> d.headers().get("webhook-id")).containsOnly(deliveries.getFirst().headers().get("webhook-id"));
            assertThat(trail.findValuesAsText("action")).containsOnlyOnce("DELIVERY").doesNotContain("NON_DELIVERY");
            assertThat(trail.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("attempt 4"));
        }
    }

    @Test
    void anEndpointThatAlwaysFails_endsInTheDeadLetterQueue_andTheTrailRecordsNonDelivery(Api api, LocalBroker broker) {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE)) {
            register(api, "CH-POC247", receiver, newSecret());

            String id = preservationTo(api, "CH");

            JsonNode trail = api.awaitEvent("nl-police", id, "NON_DELIVERY");
            assertThat(receiver.about(id)).hasSize(8); // maxReceiveCount of the NotificationQueue in template.yaml
            assertThat(trail.findValuesAsText("reason")).anySatisfy(r -> assertThat(r).contains("8 attempts").contains("500"));
            assertThat(deadLetters(broker, id, Duration.ofSeconds(20))).isNotEmpty();
        }
    }

    @Test
    void aWebhookToTheMetadataAddressInAnotherSpelling_is422_andTheChannelStaysAsItWas(Api api) {
        JsonNode before = channelOf(api, "FR-POC247");
        ObjectNode channel = Api.JSON.createObjectNode().put("type", "webhook").put("url", "https://0xa9fea9fe/latest/meta-data/")
                .put("secret", newSecret());

        Api.Response response = api.put("admin", "/channels/contact-points/FR-POC247", channel);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/url");
        assertThat(response.json().path("errors").get(0).path("detail").asText())
                .isEqualTo("'0xa9fea9fe' is read as 169.254.169.254, a link-local address (169.254.0.0/16, where cloud metadata services answer): "
                        + "webhooks go to public hosts only");
        assertThat(channelOf(api, "FR-POC247")).isEqualTo(before);
    }

    private static JsonNode channelOf(Api api, String contactPoint) {
        for (JsonNode item : api.get("admin", "/channels").json().path("items")) {
            if (item.path("recipient").path("contactPoint").asText().equals(contactPoint)) return item;
        }
        throw new AssertionError("no channel for " + contactPoint);
    }

    @Test
    void aPoisonMessage_goesToTheDeadLetterQueue_whileTheNoticeBesideItIsDelivered(Api api, LocalBroker broker) {
        String id = preservationTo(api, "DE");
        String queue = broker.queueUrl("NotificationQueue");
        String notice = "{\"requestId\":\"" + id + "\",\"sequence\":1,\"action\":\"FILED\",\"recipient\":{\"contactPoint\":\"DE-POC247\"}}";

        broker.sqs().sendMessageBatch(b -> b.queueUrl(queue).entries(
                e -> e.id("poison").messageBody("{\"poison\":\"" + id + "\""),
                e -> e.id("notice").messageBody(notice)));

        JsonNode trail = api.awaitGround("nl-police", id, "notice:1:DE-POC247");
        assertThat(trail.findValuesAsText("action")).contains("DELIVERY");
        assertThat(deadLetters(broker, id, Duration.ofSeconds(20))).singleElement().asString().startsWith("{\"poison\"");
    }

    private static Map<String, List<String>> headers(WebhookReceiver.Delivery delivery) {
        return delivery.headers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    /** The bodies in the dead-letter queue that mention {@code requestId}, waiting up to {@code patience}. */
    private static List<String> deadLetters(LocalBroker broker, String requestId, Duration patience) {
        String dlq = broker.queueUrl("NotificationDeadLetterQueue");
        long deadline = System.currentTimeMillis() + patience.toMillis();
        List<String> found = new java.util.ArrayList<>();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
            broker.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(0))
                    .messages().stream().map(m -> m.body()).filter(b -> b.contains(requestId)).forEach(found::add);
        }
        return found;
    }
}
