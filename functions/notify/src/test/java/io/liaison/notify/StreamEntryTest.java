package io.liaison.notify;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.liaison.config.BatchEvents;
import io.liaison.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda calls the notifier through its stream entry (template.yaml names the class): Liaison
 * reads the SQS batch and writes the failures itself, as the runtime's own serialization library
 * does for the typed handler (docs/decisions/0027).
 */
class StreamEntryTest {
    /** Two notices as Lambda's SQS event source mapping delivers them, the second on its third receipt. */
    private static final String BATCH = """
            {"Records":[
             {"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body":"{\\"requestId\\":\\"276b1bd5-f897-474b-8535-d60307d343ee\\",\\"event\\":2}",
              "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp":"1545082649185"},
              "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
              "eventSourceARN":"arn:aws:sqs:eu-central-1:123456789012:NotificationQueue","awsRegion":"eu-central-1"},
             {"messageId":"2e1424d4-f796-459a-8184-9c92662be6da","receiptHandle":"AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
              "body":"{}","attributes":{"ApproximateReceiveCount":"3"},"messageAttributes":{"a":{"stringValue":"b","dataType":"String"}},
              "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-central-1:123456789012:NotificationQueue","awsRegion":"eu-central-1"}]}""";

    @Test
    void theBatch_readsAsTheRuntimeReadsIt() throws Exception {
        byte[] json = BATCH.getBytes(StandardCharsets.UTF_8);
        SQSEvent ours = BatchEvents.sqs(new ByteArrayInputStream(json));
        SQSEvent runtime = serializer(SQSEvent.class).fromJson(new ByteArrayInputStream(json));

        assertThat(ours.getRecords()).hasSize(2).hasSameSizeAs(runtime.getRecords());
        for (int i = 0; i < 2; i++) {
            var a = ours.getRecords().get(i);
            var b = runtime.getRecords().get(i);
            assertThat(a.getMessageId()).isEqualTo(b.getMessageId());
            assertThat(a.getReceiptHandle()).isEqualTo(b.getReceiptHandle());
            assertThat(a.getBody()).isEqualTo(b.getBody());
            assertThat(a.getAttributes()).isEqualTo(b.getAttributes()).containsKey("ApproximateReceiveCount");
            assertThat(a.getEventSourceArn()).isEqualTo(b.getEventSourceArn());
        }
    }

    @Test
    void theFailures_areWrittenAsTheRuntimeWritesThem() throws Exception {
        var response = new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("2e1424d4-f796-459a-8184-9c92662be6da")));
        var ours = new ByteArrayOutputStream();
        BatchEvents.failures(ours, List.of("2e1424d4-f796-459a-8184-9c92662be6da"));
        var theirs = new ByteArrayOutputStream();
        serializer(SQSBatchResponse.class).toJson(response, theirs);
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(Json.MAPPER.readTree(theirs.toByteArray()));
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) LambdaEventSerializers.serializerFor(type, StreamEntryTest.class.getClassLoader());
    }
}
