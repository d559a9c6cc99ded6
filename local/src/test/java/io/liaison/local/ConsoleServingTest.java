package io.liaison.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liaison.core.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local server serves the web console on the API's origin: index.html at / (never cached, it
 * names this build's bundle), the hashed assets (cached for good), the console's configuration,
 * each with its own Content-Type and a strict Content-Security-Policy. Only files of the build
 * are served, and the API's routes come first.
 */
class ConsoleServingTest {
    private static final String INDEX = "<!doctype html><script type=\"module\" src=\"./assets/index-MtKh8fq4.js\"></script>";
    private static final String SCRIPT = "console.log('liaison')";
    private static final String STYLE = "body{margin:0}";

    private final DevIssuer issuer = new DevIssuer("http://127.0.0.1/dev", Clock.systemUTC());
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() throws IOException {
        // A route of the API whose path is also a name in the console folder: the API answers.
        ApiServer.Binding clash = new ApiServer.Binding("TrackingFunction", new Template.Route("GET", "/assets/clash.js", true),
                (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("content-type", "application/json")).withBody("{\"from\":\"api\"}").build());
        ConsoleFiles console = new ConsoleFiles(Map.of(
                "index.html", INDEX.getBytes(StandardCharsets.UTF_8),
                "assets/index-MtKh8fq4.js", SCRIPT.getBytes(StandardCharsets.UTF_8),
                "assets/index-BZEZpWWG.css", STYLE.getBytes(StandardCharsets.UTF_8),
                "assets/clash.js", "console.log('console')".getBytes(StandardCharsets.UTF_8)));
        server = new ApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(clash), issuer,
                new DemoUsers(new Directory("test", List.of())), Clock.systemUTC(), (function, time) -> null, console);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html"})
    void theRootAndIndexHtml_areTheConsolesPage_neverStored(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(INDEX);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void aHashedAsset_isServedWithItsType_andCachedAsImmutable() throws Exception {
        HttpResponse<String> script = send("GET", "/assets/index-MtKh8fq4.js");
        HttpResponse<String> style = send("GET", "/assets/index-BZEZpWWG.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo(SCRIPT);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(style.body()).isEqualTo(STYLE);
        assertThat(style.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(style.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void theConsoleConfiguration_saysSignInWithTheDevIssuer_onThisOrigin() throws Exception {
        HttpResponse<String> response = send("GET", "/console-config.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"auth\":\"dev\",\"apiBase\":\"\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/assets/index-MtKh8fq4.js", "/assets/index-BZEZpWWG.css", "/console-config.json"})
    void everyConsoleAnswer_carriesTheStrictContentSecurityPolicy_nosniff_andNoReferrer(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);

        assertThat(response.headers().firstValue("content-security-policy")).hasValue(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    }

    @Test
    void head_answersTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aRouteOfTheApi_winsOverAFileOfTheConsole() throws Exception {
        HttpResponse<String> response = send("GET", "/assets/clash.js");

        assertThat(response.body()).isEqualTo("{\"from\":\"api\"}");
        assertThat(response.headers().firstValue("content-security-policy")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/assets/missing-AAAAAAAA.js", "/assets/", "/assets", "/index.htm", "/package.json",
            "/src/main.tsx", "/console/index.html"})
    void aPathThatNamesNoFileOfTheBuild_is404NotFound(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(ApiServer.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void onlyGetAndHead_readTheConsole(String method) throws Exception {
        assertThat(send(method, "/").statusCode()).isEqualTo(404);
    }

    // Sent over a raw socket: an HTTP client would normalise the dots away before sending.
    @ParameterizedTest
    @ValueSource(strings = {"/assets/../index.html", "/assets/../../io/liaison/local/ApiServer.class",
            "/assets/..%2f..%2fMETA-INF/MANIFEST.MF", "/assets/%2e%2e/index.html", "/assets//etc/passwd",
            "/assets/%5c..%5c..%5cpom.xml", "/./index.html"})
    void aPathThatClimbsOutOfTheConsoleFolder_is404_andServesNothing(String path) throws Exception {
        String response = rawGet(path);

        assertThat(response).startsWith("HTTP/1.1 404");
        assertThat(response).endsWith(ApiServer.NOT_FOUND);
    }

    private String rawGet(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBuiltConsoleOnTheClasspath_hasItsPage_andEveryAssetThePageNames() throws Exception {
        ConsoleFiles built = ConsoleFiles.fromClasspath();

        String index = new String(built.get("/").orElseThrow().body(), StandardCharsets.UTF_8);
        Matcher assets = Pattern.compile("(?:src|href)=\"\\./(assets/[^\"]+)\"").matcher(index);
        int named = 0;
        while (assets.find()) {
            named++;
            assertThat(built.get("/" + assets.group(1))).as(assets.group(1)).isPresent();
        }
        assertThat(named).as("scripts and styles index.html names").isGreaterThanOrEqualTo(2);
        assertThat(index).doesNotContain("<script>").doesNotContain("<style");
    }
}
