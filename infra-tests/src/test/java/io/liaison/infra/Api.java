package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.local.LocalBroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the tests: calls the API as a named demo user. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalBroker broker;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(LocalBroker broker) {
        this.broker = broker;
    }

    record Response(int status, HttpResponse<String> raw) {
        static Response of(HttpResponse<String> response) {
            return new Response(response.statusCode(), response);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String contentType() {
            return raw.headers().firstValue("content-type").orElse("");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }
    }

    String token(String user) {
        return tokens.computeIfAbsent(user, broker::token);
    }

    Response get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    Response post(String user, String path, JsonNode body) {
        return post(user, path, body.toString(), "application/json", Map.of());
    }

    Response post(String user, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder builder = request(user, path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        headers.forEach(builder::header);
        return send(builder.build());
    }

    Response put(String user, String path, JsonNode body) {
        return send(request(user, path).PUT(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json").build());
    }

    /** Polls the request's trail until an event with {@code action} appears; returns the trail. */
    JsonNode awaitEvent(String user, String id, String action) {
        return awaitTrail(user, id, "action", action);
    }

    /** Polls the request's trail until an event with this {@code ground} (a notice's, say) appears. */
    JsonNode awaitGround(String user, String id, String ground) {
        return awaitTrail(user, id, "ground", ground);
    }

    /**
     * Waits until the request's trail has not grown for a while (half a second locally): the notifier has written the
     * DELIVERY entries the last changes called for. For tests that tamper with a trail's events.
     */
    /** How long a trail must stay unchanged to count as settled: longer against a remote DynamoDB (LocalStack). */
    private static final long QUIET = System.getenv("AWS_ENDPOINT_URL") == null ? 500 : 2_000;

    void awaitQuietTrail(String user, String id) {
        long deadline = System.currentTimeMillis() + 30_000;
        int size = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            int now = get(user, "/requests/" + id + "/events").json().path("items").size();
            if (now != size) {
                size = now;
                quietSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - quietSince >= QUIET) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the trail of " + id + " kept growing");
    }

    private JsonNode awaitTrail(String user, String id, String field, String value) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode items = get(user, "/requests/" + id + "/events").json().path("items");
            if (items.findValuesAsText(field).contains(value)) return items;
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + field + " " + value + " in the trail of " + id + ": " + items.findValuesAsText("action"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Response send(HttpRequest request) {
        try {
            return Response.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (user != null) builder.header("Authorization", "Bearer " + token(user));
        return builder;
    }

    /** Files a request and returns its id; fails the test unless it was stored. */
    String file(String user, ObjectNode filing) {
        Response response = post(user, "/requests", filing);
        if (response.status() != 201) throw new AssertionError("filing failed: " + response.status() + " " + response.body());
        return response.json().path("id").asText();
    }

    /** Waits for the router to move the request on from FILED, as a requester would by polling. */
    JsonNode awaitRouted(String user, String id) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonNode request = get(user, "/requests/" + id).json();
            if (!"FILED".equals(request.path("status").asText())) return request;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("request " + id + " was never routed");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The demo preservation request of NL police to DE, with a unique case reference. */
    /**
     * The actions of a trail without the notifier's DELIVERY / NON_DELIVERY evidence, which is
     * appended a moment after each event that calls for a notice.
     */
    static java.util.List<String> stateActions(JsonNode items) {
        return items.findValuesAsText("action").stream()
                .filter(a -> !a.equals("DELIVERY") && !a.equals("NON_DELIVERY")).toList();
    }

    static ObjectNode preservation() {
        try (InputStream in = Api.class.getResourceAsStream("/preservation-nl-to-de.json")) {
            ObjectNode filing = (ObjectNode) JSON.readTree(in);
            filing.put("caseReference", "IT-" + UUID.randomUUID());
            return filing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
