package io.liaison.deadlines;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.liaison.config.BatchEvents;
import io.liaison.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda calls the scheduled functions (deadline monitor, digest) through their stream entry
 * (template.yaml names the class): Liaison reads EventBridge's event and writes the result as the
 * runtime's own Jackson does for a {@code Map<String, Object>} handler (docs/decisions/0027).
 */
class StreamEntryTest {
    private static final String SCHEDULED = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
             "account":"123456789012","time":"2026-12-08T01:00:00Z","region":"eu-central-1",
             "resources":["arn:aws:events:eu-central-1:123456789012:rule/DeadlineSchedule"],"detail":{}}""";

    @Test
    void theScheduledEvent_readsAsTheRuntimeReadsIt() throws Exception {
        byte[] json = SCHEDULED.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> ours = BatchEvents.scheduled(new ByteArrayInputStream(json));
        assertThat(ours).isEqualTo(serializer(Map.class).fromJson(new ByteArrayInputStream(json))).containsEntry("time", "2026-12-08T01:00:00Z");
    }

    @Test
    void theResult_isWrittenAsTheRuntimeWritesIt() throws Exception {
        String result = "2 actions at 2026-12-08T01:00:00Z: {ESCALATED=1, \"quoted\"=1}";
        var ours = new ByteArrayOutputStream();
        BatchEvents.result(ours, result);
        var theirs = new ByteArrayOutputStream();
        serializer(String.class).toJson(result, theirs);
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(Json.MAPPER.readTree(theirs.toByteArray()));
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<?> type) {
        return (PojoSerializer<T>) JacksonFactory.getInstance().getSerializer(type);
    }
}
