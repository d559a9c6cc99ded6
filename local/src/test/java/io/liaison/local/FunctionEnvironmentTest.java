package io.liaison.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a function of the template gets from the local server: its variables, and a scheduled event. */
class FunctionEnvironmentTest {
    private static LocalBroker broker;

    @BeforeAll
    static void start() throws Exception {
        Path template = Path.of(FunctionEnvironmentTest.class.getResource("/queues-template.yaml").toURI());
        broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(0, 0).withTemplate(template));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void refToAQueue_inTheEnvironment_isTheLocalQueueUrl() {
        String url = environment().get("WORK_QUEUE_URL");

        assertThat(url).isEqualTo(broker.queueUrl("WorkQueue"));
        assertThat(broker.sqs().getQueueUrl(g -> g.queueName("WorkQueue")).queueUrl()).isEqualTo(url);
    }

    @Test
    void getAttOfAQueue_inTheEnvironment_isItsArnOrName() {
        Map<String, String> environment = environment();

        assertThat(environment.get("WORK_QUEUE_ARN")).isEqualTo("arn:aws:sqs:" + environment.get("AWS_REGION") + ":000000000000:WorkQueue");
        assertThat(environment.get("DEAD_LETTERS_NAME")).isEqualTo("WorkDeadLetters");
    }

    @Test
    void everyFunction_getsTheLocalSqsEndpoint() {
        String endpoint = environment().get("AWS_ENDPOINT_URL_SQS");

        assertThat(broker.queueUrl("WorkQueue")).startsWith(endpoint);
    }

    @Test
    void everyFunction_mayPointWebhooksAtThisMachine_here() {
        assertThat(environment()).containsEntry(io.liaison.config.Wiring.WEBHOOK_ALLOW_LOOPBACK, "true");
    }

    @Test
    void runScheduled_passesAnEventBridgeScheduledEvent_withTheGivenTime() {
        Instant later = Instant.parse("2026-11-24T13:00:00Z");

        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) result(later).get("event");

        assertThat(event).containsEntry("version", "0").containsEntry("detail-type", "Scheduled Event")
                .containsEntry("source", "aws.events").containsEntry("account", "000000000000")
                .containsEntry("time", "2026-11-24T13:00:00Z").containsEntry("resources", java.util.List.of())
                .containsEntry("detail", Map.of()).containsKeys("id", "region");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment() {
        return (Map<String, String>) result(Instant.now()).get("environment");
    }

    private static Map<?, ?> result(Instant time) {
        return (Map<?, ?>) broker.runScheduled("TickFunction", time);
    }
}
