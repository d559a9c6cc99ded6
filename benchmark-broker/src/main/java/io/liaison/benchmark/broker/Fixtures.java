package io.liaison.benchmark.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.testing.SampleEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Requests in the states a benchmark needs, made through the local broker's API as its users would:
 * filed and routed, or answered with a response held for the data-protection officer.
 */
final class Fixtures {
    private final LocalBroker broker;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Fixtures(LocalBroker broker) {
        this.broker = broker;
    }

    /** The body of the sample filing (events/intake-file-request.json): NL asks DE to preserve data. */
    static String filingBody() {
        return SampleEvents.jsonBody(SampleEvents.httpApi("intake-file-request.json")).toString();
    }

    /** A sample event of events/, as a tree to adapt (any kind of event, not only the API's). */
    static ObjectNode event(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Files.readString(SampleEvents.path(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + name, e);
        }
    }

    /**
     * The sample filing turned into a request for subscriber data under Budapest Art. 31, which DE's
     * central authority (de-ca) answers, as in the README.
     */
    static String subscriberDataBody() {
        ObjectNode filing = SampleEvents.jsonBody(SampleEvents.httpApi("intake-file-request.json"));
        filing.put("type", "subscriber_data").put("urgency", "routine");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        filing.putArray("dataCategories").add("subscriber");
        return filing.toString();
    }

    /** Files the sample preservation request as nl-police and waits until the router has routed it; returns its id. */
    String routedRequest() {
        return routedRequest(filingBody());
    }

    private String routedRequest(String body) {
        JsonNode filed = call("POST", "/requests", "nl-police", body, 201);
        String id = filed.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!"FILED".equals(call("GET", "/requests/" + id, "nl-police", null, 200).path("status").asText())) return id;
            sleep(20);
        }
        throw new IllegalStateException("request " + id + " was not routed within 30 s");
    }

    /** The request id and number of a response DE-CA wrote and the release gate held for review. */
    record Held(String requestId, long number) {}

    Held heldResponse() {
        String id = routedRequest(subscriberDataBody());
        call("POST", "/requests/" + id + "/acknowledgement", "de-ca", "{\"decision\":\"accept\"}", 200);
        JsonNode response = call("POST", "/requests/" + id + "/responses", "de-ca", """
                {"final": true, "tlp": "TLP:AMBER", "records": [{"category":"subscriber","owner":"data_subject",
                 "specialCategory":true,"originJurisdiction":"DE","fields":{"healthNote":"registered as disabled"}}]}""", 201);
        if (!"HELD".equals(response.path("status").asText())) {
            throw new IllegalStateException("the response was not held for review: " + response);
        }
        return new Held(id, response.path("number").asLong());
    }

    JsonNode call(String method, String path, String user, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                .header("authorization", "Bearer " + broker.token(user))
                .timeout(Duration.ofSeconds(30));
        if (body == null) request.method(method, HttpRequest.BodyPublishers.noBody());
        else request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
