package io.liaison.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.publisher.ConsoleRelease.ConsoleObject;
import io.liaison.publisher.ConsoleRelease.Settings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What one release puts into the console bucket. */
class ConsoleReleaseTest {
    static final Settings STACK = new Settings(URI.create("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com"),
            "liaison-7f0c.auth.eu-central-1.amazoncognito.com", "4lq8r3d1o0ti2kq0n1pc0e8bm4",
            URI.create("https://d111111abcdef8.cloudfront.net/"));

    /** console/dist as Vite 8 writes it (index.html refers to the hashed files by relative path). */
    static Map<String, byte[]> built() {
        return Map.of(
                "index.html", bytes("""
                        <!doctype html>
                        <html lang="en">
                          <head>
                            <meta charset="utf-8" />
                            <title>Liaison</title>
                            <script type="module" crossorigin src="./assets/index-B7x9QeTc.js"></script>
                            <link rel="stylesheet" crossorigin href="./assets/index-Cq2Ls0Ab.css">
                          </head>
                          <body><div id="app"></div></body>
                        </html>
                        """),
                "assets/index-B7x9QeTc.js", bytes("console.log('console')"),
                "assets/index-Cq2Ls0Ab.css", bytes("body{margin:0}"),
                "favicon.svg", bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"));
    }

    @Test
    void aRelease_writesWhatTheIndexLoadsFirst_thenTheConfig_andTheIndexLast() {
        List<String> keys = ConsoleRelease.objects(built(), STACK).stream().map(ConsoleObject::key).toList();

        assertThat(keys).containsExactly("assets/index-B7x9QeTc.js", "assets/index-Cq2Ls0Ab.css", "favicon.svg",
                "console-config.json", "index.html");
    }

    @Test
    void hashedAssets_areCachedForAYear_whileTheIndexAndTheConfigAreAskedForAgainEachTime() {
        Map<String, String> caching = caching(ConsoleRelease.objects(built(), STACK));

        assertThat(caching).containsEntry("assets/index-B7x9QeTc.js", "public, max-age=31536000, immutable")
                .containsEntry("assets/index-Cq2Ls0Ab.css", "public, max-age=31536000, immutable")
                .containsEntry("index.html", "no-cache").containsEntry("console-config.json", "no-cache")
                .containsEntry("favicon.svg", "no-cache");
    }

    @Test
    void everyFile_isServedWithTheTypeABrowserNeedsUnderNosniff() {
        assertThat(ConsoleRelease.contentType("assets/index-B7x9QeTc.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ConsoleRelease.contentType("assets/index-Cq2Ls0Ab.css")).isEqualTo("text/css; charset=utf-8");
        assertThat(ConsoleRelease.contentType("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(ConsoleRelease.contentType("console-config.json")).isEqualTo("application/json");
        assertThat(ConsoleRelease.contentType("favicon.svg")).isEqualTo("image/svg+xml");
        assertThat(ConsoleRelease.contentType("assets/font-Ab12.WOFF2")).isEqualTo("font/woff2");
        assertThat(ConsoleRelease.contentType("LICENSE")).isEqualTo("application/octet-stream");
    }

    @Test
    void theConfig_tellsTheConsoleToSignInThroughTheHostedUi_andToCallThisStacksApi() throws Exception {
        var config = new ObjectMapper().readTree(body(ConsoleRelease.objects(built(), STACK), "console-config.json"));

        assertThat(config.path("auth").asText()).isEqualTo("cognito");
        assertThat(config.path("apiBase").asText()).isEqualTo("https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com");
        assertThat(config.path("cognito").path("domain").asText()).isEqualTo("liaison-7f0c.auth.eu-central-1.amazoncognito.com");
        assertThat(config.path("cognito").path("clientId").asText()).isEqualTo("4lq8r3d1o0ti2kq0n1pc0e8bm4");
        assertThat(config.path("cognito").path("redirectUri").asText()).isEqualTo("https://d111111abcdef8.cloudfront.net/");
        assertThat(config.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("auth", "apiBase", "cognito");
    }

    @Test
    void aConfigInTheBuild_isReplacedByTheStacks() {
        var withLocalConfig = new java.util.HashMap<>(built());
        withLocalConfig.put("console-config.json", bytes("{\"auth\":\"dev\",\"apiBase\":\"\"}"));

        List<ConsoleObject> objects = ConsoleRelease.objects(withLocalConfig, STACK);

        assertThat(objects).filteredOn(o -> o.key().equals("console-config.json")).singleElement()
                .satisfies(o -> assertThat(new String(o.body(), StandardCharsets.UTF_8)).contains("\"auth\":\"cognito\""));
    }

    @Test
    void theIndex_narrowsConnectSrcToThisStacksApiAndHostedUi_beforeAnythingLoads() {
        String index = body(ConsoleRelease.objects(built(), STACK), "index.html");

        String policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'self' "
                + "https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com https://liaison-7f0c.auth.eu-central-1.amazoncognito.com\" />";
        assertThat(index).contains(policy);
        assertThat(index.indexOf(policy)).isLessThan(index.indexOf("<script")).isLessThan(index.indexOf("<link"))
                .isGreaterThan(index.indexOf("<head>"));
        assertThat(index.replace(policy, "").replaceAll("\\n\\s*(?=\\n)", "")).isEqualTo(new String(built().get("index.html"),
                StandardCharsets.UTF_8).replaceAll("\\n\\s*(?=\\n)", ""));
    }

    @Test
    void aBuildWithoutAnIndex_isRefused() {
        assertThatThrownBy(() -> ConsoleRelease.objects(Map.of("assets/index-B7x9QeTc.js", bytes("x")), STACK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("npm run build");
    }

    @Test
    void onlyHttpsAddressesAndPlainNames_reachTheConfigAndThePolicy() {
        URI api = STACK.apiBase();
        URI console = STACK.redirectUri();
        String domain = STACK.signInDomain();
        String client = STACK.clientId();

        assertThatThrownBy(() -> new Settings(URI.create("http://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com"), domain, client, console))
                .hasMessageContaining("ApiUrl");
        assertThatThrownBy(() -> new Settings(URI.create("https://x.example.org/?q=1"), domain, client, console))
                .hasMessageContaining("ApiUrl");
        assertThatThrownBy(() -> new Settings(api, domain, client, URI.create("https://d111111abcdef8.cloudfront.net/#x")))
                .hasMessageContaining("ConsoleUrl");
        assertThatThrownBy(() -> new Settings(api, "x\" onload=\"alert(1)", client, console)).hasMessageContaining("HostedUiDomain");
        assertThatThrownBy(() -> new Settings(api, domain, "id with spaces", console)).hasMessageContaining("ClientId");
    }

    private static Map<String, String> caching(List<ConsoleObject> objects) {
        return objects.stream().collect(java.util.stream.Collectors.toMap(ConsoleObject::key, ConsoleObject::cacheControl));
    }

    private static String body(List<ConsoleObject> objects, String key) {
        return objects.stream().filter(o -> o.key().equals(key)).map(o -> new String(o.body(), StandardCharsets.UTF_8))
                .findFirst().orElseThrow();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
