package io.liaison.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liaison.core.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local server routes the way API Gateway HTTP API does: a route is a method and a path, and
 * a request that matches no route is 404 {"message":"Not Found"}, whatever part of it is wrong.
 */
class ApiServerRoutingTest {
    private static final DemoUsers.User NL_POLICE =
            new DemoUsers.User("nl-police", "Politie", "requester", "NL", "NL-POLITIE-THTC", null);

    private final DevIssuer issuer = new DevIssuer("http://127.0.0.1/dev", Clock.systemUTC());
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        ApiServer.Binding listRequests = new ApiServer.Binding("TrackingFunction",
                new Template.Route("GET", "/requests", false),
                (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("content-type", "application/json")).withBody("{\"items\":[]}").build());
        server = new ApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(listRequests), issuer,
                new DemoUsers(new Directory("test", List.of())), Clock.systemUTC(), (function, time) -> null,
                new ConsoleFiles(Map.of()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + issuer.token(NL_POLICE))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRouteOfTheTemplate_isServedByItsFunction() throws Exception {
        HttpResponse<String> response = send("GET", "/requests");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"items\":[]}");
    }

    // Schemathesis sent TRACE /requests (a method openapi.yaml does not list); the local server
    // answered 405 with an Allow header, which API Gateway never does.
    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "DELETE", "PATCH", "OPTIONS", "HEAD", "QUERY"})
    void aMethodThePathHasNoRouteFor_returns404NotFound_asApiGatewayDoes(String method) throws Exception {
        HttpResponse<String> response = send(method, "/requests");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("allow")).isEmpty();
        if (!method.equals("HEAD")) {
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    void aPathWithNoRoute_returns404NotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/requests/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }
}
