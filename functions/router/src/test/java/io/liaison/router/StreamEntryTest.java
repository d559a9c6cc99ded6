package io.liaison.router;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.liaison.config.BatchEvents;
import io.liaison.json.Json;
import io.liaison.testing.SampleEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda calls the router through its stream entry (template.yaml names the class): Liaison reads
 * the stream batch and writes the failures itself, and must do both as the runtime's own
 * serialization library does for the typed handler (docs/decisions/0027).
 */
class StreamEntryTest {
    /** A batch of every attribute type, an INSERT and a REMOVE with its old image. */
    private static final String EVERY_TYPE = """
            {"Records":[{"eventID":"1","eventName":"INSERT","eventSource":"aws:dynamodb","eventSourceARN":"arn:aws:dynamodb:eu-central-1:1:table/T/stream/x",
              "dynamodb":{"ApproximateCreationDateTime":1795512600,"SequenceNumber":"100","SizeBytes":10,"StreamViewType":"NEW_AND_OLD_IMAGES",
                "Keys":{"PK":{"S":"REQ#a"},"SK":{"S":"EVENT#0000000002"}},
                "NewImage":{"PK":{"S":"REQ#a"},"n":{"N":"7"},"b":{"B":"AAEC"},"t":{"BOOL":true},"z":{"NULL":true},"ss":{"SS":["x","y"]},
                  "ns":{"NS":["1","2"]},"bs":{"BS":["AA=="]},"m":{"M":{"k":{"S":"v"},"l":{"L":[{"S":"a"},{"N":"1"}]}}}}}},
             {"eventID":"2","eventName":"REMOVE","dynamodb":{"SequenceNumber":"101","Keys":{"PK":{"S":"REQ#a"},"SK":{"S":"RESP#0000000005#PAYLOAD"}},
                "OldImage":{"PK":{"S":"REQ#a"},"expiresAt":{"N":"1795512600"}}}}]}""";

    @Test
    void theFiledRequestsRecord_readsAsTheRuntimeReadsIt() throws Exception {
        byte[] json = Files.readAllBytes(SampleEvents.path("router-filed-request.json"));
        assertSameRecords(BatchEvents.dynamodb(new ByteArrayInputStream(json)), runtime(json));
    }

    @Test
    void everyAttributeType_readsAsTheRuntimeReadsIt() throws Exception {
        byte[] json = EVERY_TYPE.getBytes(StandardCharsets.UTF_8);
        assertSameRecords(BatchEvents.dynamodb(new ByteArrayInputStream(json)), runtime(json));
    }

    @Test
    void theFailures_areWrittenAsTheRuntimeWritesThem() throws Exception {
        var response = new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure("101")));
        var ours = new ByteArrayOutputStream();
        BatchEvents.failures(ours, List.of("101"));
        var theirs = new ByteArrayOutputStream();
        serializer(StreamsEventResponse.class).toJson(response, theirs);
        assertThat(Json.MAPPER.readTree(ours.toByteArray())).isEqualTo(Json.MAPPER.readTree(theirs.toByteArray()));
    }

    private static void assertSameRecords(DynamodbEvent ours, DynamodbEvent runtime) {
        assertThat(ours.getRecords()).hasSameSizeAs(runtime.getRecords()).isNotEmpty();
        for (int i = 0; i < runtime.getRecords().size(); i++) {
            var a = ours.getRecords().get(i);
            var b = runtime.getRecords().get(i);
            assertThat(a.getEventID()).isEqualTo(b.getEventID());
            assertThat(a.getEventName()).isEqualTo(b.getEventName());
            assertThat(a.getDynamodb().getSequenceNumber()).isEqualTo(b.getDynamodb().getSequenceNumber());
            assertThat(a.getDynamodb().getKeys()).isEqualTo(b.getDynamodb().getKeys());
            assertThat(a.getDynamodb().getNewImage()).isEqualTo(b.getDynamodb().getNewImage());
            assertThat(a.getDynamodb().getOldImage()).isEqualTo(b.getDynamodb().getOldImage());
        }
    }

    private static DynamodbEvent runtime(byte[] json) {
        return serializer(DynamodbEvent.class).fromJson(new ByteArrayInputStream(json));
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) LambdaEventSerializers.serializerFor(type, StreamEntryTest.class.getClassLoader());
    }
}
