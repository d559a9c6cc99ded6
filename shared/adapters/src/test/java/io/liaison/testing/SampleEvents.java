package io.liaison.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sample events under the repository's events/ folder, the ones {@code sam local invoke -e}
 * uses, so that handler tests and local invocation share one truth.
 */
public final class SampleEvents {
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SampleEvents() {}

    /**
     * The file events/{@code name}. Surefire runs in the module's directory, so for a function
     * module that is ../../events; the folders above are searched too, so any module finds it.
     */
    public static Path path(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("events").resolve(name);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException("no events/" + name + " above " + Path.of("").toAbsolutePath());
    }

    /** An API Gateway HTTP API (payload 2.0) sample, read by its property names; fields the class lacks are skipped. */
    public static APIGatewayV2HTTPEvent httpApi(String name) {
        try {
            return LENIENT.readValue(path(name).toFile(), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + name + " is not an APIGatewayV2HTTPEvent", e);
        }
    }

    /** The event's body as a JSON object, to change one thing in it. */
    public static ObjectNode jsonBody(APIGatewayV2HTTPEvent event) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(event.getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the sample's body is not JSON", e);
        }
    }

    /** Replaces the event's body with {@code body}, written as JSON. */
    public static void setJsonBody(APIGatewayV2HTTPEvent event, JsonNode body) {
        event.setBody(body.toString());
    }

    /** The claims the JWT authorizer verified, to change who is calling. */
    public static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext().getAuthorizer().getJwt().getClaims();
    }

    /** A response's body as JSON. */
    public static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the response body is not JSON: " + response.getBody(), e);
        }
    }
}
