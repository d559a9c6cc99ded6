package io.liaison.customresource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * CloudFormation's side of a custom resource: the request it sends the function, and the answer
 * the function must put to the request's pre-signed ResponseURL (CloudFormation waits for it up to
 * an hour, so every request gets one, success or failure). Its own module, so that the console
 * publisher and the payload branch key share it without either carrying the other's libraries.
 */
public final class CustomResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudFormation refuses a response body over 4096 bytes; the reason is the only part that grows. */
    private static final int MAX_REASON = 1500;

    private CustomResource() {}

    public enum Type { CREATE, UPDATE, DELETE }

    /** A request, with the resource's properties (all strings here; ServiceToken among them). */
    public record Request(Type type, URI responseUrl, String stackId, String requestId, String logicalResourceId,
                   String physicalResourceId, Map<String, String> properties) {
        public Request {
            Objects.requireNonNull(type, "RequestType");
            Objects.requireNonNull(responseUrl, "ResponseURL");
            properties = Map.copyOf(properties);
        }

        public static Request read(InputStream event) throws IOException {
            JsonNode node = JSON.readTree(event);
            Map<String, String> properties = new LinkedHashMap<>();
            node.path("ResourceProperties").properties().forEach(p -> {
                if (p.getValue().isValueNode()) properties.put(p.getKey(), p.getValue().asText());
            });
            return new Request(Type.valueOf(node.path("RequestType").asText().toUpperCase(java.util.Locale.ROOT)),
                    URI.create(node.path("ResponseURL").asText()), node.path("StackId").asText(),
                    node.path("RequestId").asText(), node.path("LogicalResourceId").asText(),
                    node.hasNonNull("PhysicalResourceId") ? node.get("PhysicalResourceId").asText() : null, properties);
        }

        public String property(String name) {
            String value = properties.get(name);
            if (value == null || value.isBlank()) throw new IllegalArgumentException("the resource has no " + name);
            return value;
        }
    }

    /** The answer: SUCCESS or FAILED, with the resource's physical id and, when it failed, why. */
    public record Response(boolean success, String reason, String physicalResourceId) {
        public static Response success(String physicalResourceId) {
            return new Response(true, null, physicalResourceId);
        }

        public static Response failed(String reason, String physicalResourceId) {
            return new Response(false, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason,
                    physicalResourceId);
        }

        public byte[] body(Request request) {
            var node = JSON.createObjectNode().put("Status", success ? "SUCCESS" : "FAILED")
                    .put("PhysicalResourceId", physicalResourceId).put("StackId", request.stackId())
                    .put("RequestId", request.requestId()).put("LogicalResourceId", request.logicalResourceId());
            if (reason != null) node.put("Reason", reason);
            try {
                return JSON.writeValueAsBytes(node);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Puts the answer to the ResponseURL. One-method port, so a test can stand in for S3. */
    public interface Answer {
        void send(URI responseUrl, byte[] body) throws IOException, InterruptedException;

        /** A PUT with no Content-Type: the URL is pre-signed without one. Three tries. */
        static Answer overHttp() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            return (url, body) -> {
                IOException last = null;
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() / 100 == 2) return;
                        last = new IOException("the ResponseURL answered HTTP " + response.statusCode());
                    } catch (IOException e) {
                        last = e;
                    }
                    Thread.sleep(500L * attempt);
                }
                throw last;
            };
        }
    }
}
