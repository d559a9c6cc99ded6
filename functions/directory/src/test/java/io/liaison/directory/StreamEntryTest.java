package io.liaison.directory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.http.HttpApi;
import io.liaison.json.Json;
import io.liaison.testing.SampleEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda calls an API function through its stream entry (template.yaml names the class, not a
 * method): Liaison reads API Gateway's event and writes the answer itself. It must read every
 * sample event as the runtime's own serialization library does, and write an answer the runtime
 * would have written for the typed handler (docs/decisions/0027).
 */
class StreamEntryTest {
    private static final APIGatewayV2HTTPResponse ANSWER = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
            .withHeaders(Map.of("content-type", "application/json", "location", "/requests/x"))
            .withBody("{\"id\":\"x\"}").build();

    @ParameterizedTest
    @ValueSource(strings = {"casework-accept.json", "intake-file-request.json", "directory-preview.json",
            "intake-withdraw-request.json"})
    void theEvent_readsAsTheRuntimeReadsIt(String sample) throws Exception {
        byte[] json = Files.readAllBytes(SampleEvents.path(sample));
        APIGatewayV2HTTPEvent runtime = serializer(APIGatewayV2HTTPEvent.class).fromJson(new ByteArrayInputStream(json));
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();

        HttpApi.serve(new ByteArrayInputStream(json), new ByteArrayOutputStream(), null, (event, context) -> {
            seen.set(event);
            return ANSWER;
        });

        APIGatewayV2HTTPEvent ours = seen.get();
        assertThat(ours.getRouteKey()).isEqualTo(runtime.getRouteKey());
        assertThat(ours.getRawPath()).isEqualTo(runtime.getRawPath());
        assertThat(ours.getPathParameters()).isEqualTo(runtime.getPathParameters());
        assertThat(ours.getQueryStringParameters()).isEqualTo(runtime.getQueryStringParameters());
        assertThat(ours.getHeaders()).isEqualTo(runtime.getHeaders()).isNotEmpty();
        assertThat(ours.getBody()).isEqualTo(runtime.getBody());
        assertThat(ours.getIsBase64Encoded()).isEqualTo(runtime.getIsBase64Encoded());
        assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims())
                .isEqualTo(runtime.getRequestContext().getAuthorizer().getJwt().getClaims()).containsKey("role");
        assertThat(ours.getRequestContext().getHttp().getMethod()).isEqualTo(runtime.getRequestContext().getHttp().getMethod());
        assertThat(ours.getRequestContext().getRequestId()).isEqualTo(runtime.getRequestContext().getRequestId());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theAnswer_isWhatTheRuntimeWritesForTheTypedHandler(boolean withCookies) throws Exception {
        APIGatewayV2HTTPResponse answer = withCookies
                ? APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("content-type", "text/plain"))
                        .withCookies(List.of("a=b; Secure")).withBody("plain").withIsBase64Encoded(false).build()
                : ANSWER;
        var out = new ByteArrayOutputStream();
        HttpApi.serve(new ByteArrayInputStream(Files.readAllBytes(SampleEvents.path("casework-accept.json"))), out, null,
                (event, context) -> answer);
        var runtime = new ByteArrayOutputStream();
        serializer(APIGatewayV2HTTPResponse.class).toJson(answer, runtime);

        assertThat(withoutNulls(Json.MAPPER.readTree(out.toByteArray())))
                .isEqualTo(withoutNulls(Json.MAPPER.readTree(runtime.toByteArray())));
    }

    /** The runtime writes absent fields as null; API Gateway reads null and absent alike. */
    private static JsonNode withoutNulls(JsonNode node) {
        var copy = node.deepCopy();
        if (copy.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) copy).properties().removeIf(e -> e.getValue().isNull());
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) LambdaEventSerializers.serializerFor(type, StreamEntryTest.class.getClassLoader());
    }
}
