package io.liaison.policy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.json.Json;
import io.liaison.testing.InMemoryBroker;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.liaison.testing.SampleEvents.httpApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's policy endpoints, fed with events/policy-*.json. */
class PolicyHandlerTest {
    private final InMemoryBroker broker = new InMemoryBroker();
    private final PolicyHandler handler = new PolicyHandler(broker.wiring);

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    @Test
    void read_returnsThePackagedPolicy_beforeAnyReplacement() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(httpApi("policy-read.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("version").asText()).isEqualTo("release-2026-11-24");
        assertThat(body(response).path("document").path("retention").asText()).isEqualTo("P90D");
    }

    @Test
    void replace_makesTheNewVersionCurrent() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(httpApi("policy-replace.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("revision").asLong()).isEqualTo(1);
        assertThat(broker.policies.get().version()).isEqualTo("release-2026-12-01");
    }

    @Test
    void replace_refusesAPolicyNamingAnUnknownJurisdiction_with422() throws Exception {
        APIGatewayV2HTTPEvent event = httpApi("policy-replace.json");
        event.setBody(event.getBody().replace("\"GB\"", "\"UK\""));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).contains("'UK' is not an ISO 3166-1 alpha-2 jurisdiction");
        assertThat(broker.policies.get().version()).isEqualTo("release-2026-11-24");
    }

    @Test
    void replace_isForbidden_toARequester() {
        APIGatewayV2HTTPEvent event = httpApi("policy-replace.json");
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.putAll(Map.of("sub", "nl-police", "role", "requester", "agency", "NL-POLITIE-THTC"));
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(403);
    }

    private static final String SECRET = "whsec_" + "A".repeat(43) + "=";

    /** The replace sample (an administrator's PUT) turned into a channel registration for {@code contactPoint}. */
    private static APIGatewayV2HTTPEvent registration(String contactPoint, String body) {
        APIGatewayV2HTTPEvent event = httpApi("policy-replace.json");
        event.setRouteKey("PUT /channels/contact-points/{contactPointId}");
        event.setRawPath("/channels/contact-points/" + contactPoint);
        event.setPathParameters(Map.of("contactPointId", contactPoint));
        event.setBody(body);
        return event;
    }

    @Test
    void registeringAWebhook_answersWithTheChannel_butNeverTheSecret() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("DE-POC247",
                "{\"type\":\"webhook\",\"url\":\"https://hooks.example.org/liaison\",\"secret\":\"" + SECRET + "\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("secretSet").asBoolean()).isTrue();
        assertThat(response.getBody()).doesNotContain(SECRET).doesNotContain("A".repeat(43));
        assertThat(broker.channelStore.secret(new io.liaison.core.Recipient.ContactPointRecipient("DE-POC247"))).contains(SECRET);
    }

    @Test
    void registeringAChannelForAContactPointNotInTheDirectory_is404_sayingSo() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("XX-NOPE",
                "{\"type\":\"email\",\"address\":\"ops@example.org\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).path("detail").asText()).isEqualTo("There is no contact point XX-NOPE in the directory.");
        assertThat(broker.channelStore.all()).isEmpty();
    }

    private static String webhook(String url) {
        return "{\"type\":\"webhook\",\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"}";
    }

    @Test
    void register_refuses422AtUrl_whenUrlIsOctalLoopback() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("DE-POC247", webhook("https://0177.0.0.1/hooks")), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode error = body(response).path("errors").get(0);
        assertThat(error.path("pointer").asText()).isEqualTo("/url");
        assertThat(error.path("detail").asText()).isEqualTo("'0177.0.0.1' is read as 127.0.0.1, a loopback address: webhooks go to public hosts only");
        assertThat(broker.channelStore.all()).isEmpty();
    }

    @Test
    void register_refuses422AtUrl_whenUrlIsTheCloudMetadataAddress() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("DE-POC247",
                webhook("http://169.254.169.254/latest/meta-data/")), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).path("errors").get(0).path("detail").asText()).startsWith("169.254.169.254 is a link-local address");
        assertThat(broker.channelStore.all()).isEmpty();
    }

    @Test
    void register_refuses422AtUrl_whenUrlIsPlainHttpToLocalhost_onAws() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("DE-POC247", webhook("http://localhost:9001/2018-06-01/runtime")), null);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(body(response).path("errors").get(0).path("detail").asText()).contains("loopback");
    }

    @Test
    void register_storesAndAnswersTheUrlInItsNormalForm() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(registration("DE-POC247",
                webhook("HTTPS://Hooks.Example.ORG.:443/liaison")), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("url").asText()).isEqualTo("https://hooks.example.org/liaison");
    }
}
