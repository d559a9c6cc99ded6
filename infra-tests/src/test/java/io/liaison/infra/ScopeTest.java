package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Nobody learns of a request outside their scope: every endpoint answers 404, every list leaves it out. */
@ExtendWith(Broker.class)
class ScopeTest {
    private Api api;
    private String id;

    @BeforeEach
    void fileOne(Api api) {
        this.api = api;
        id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nl-fiod", "de-bka", "de-csirt", "fr-poc247", "de-dpo", "auditor", "admin"})
    void aRequestOutsideTheCallersScope_isNotFound(String outsider) {
        assertThat(api.get(outsider, "/requests/" + id).status()).isEqualTo(404);
        assertThat(api.get(outsider, "/requests/" + id + "/events").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nl-fiod", "fr-police"})
    void anotherAgency_cannotWithdraw_andLearnsNothing(String outsider) {
        Api.Response response = api.post(outsider, "/requests/" + id + "/withdrawal",
                Api.JSON.createObjectNode().put("reason", "mine now"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("ROUTED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de-csirt", "fr-poc247", "nl-poc247"})
    void anotherContactPoint_cannotAcknowledge(String outsider) {
        Api.Response response = api.post(outsider, "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept"));

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void listsOfOtherAgenciesAndContactPoints_leaveTheRequestOut() {
        for (String outsider : new String[] {"nl-fiod", "de-csirt", "fr-poc247"}) {
            JsonNode list = api.get(outsider, "/requests?limit=100").json();
            assertThat(list.path("items").findValuesAsText("id")).doesNotContain(id);
        }
    }

    @Test
    void anUnknownRequestId_isNotFound_likeAnOutOfScopeOne() {
        assertThat(api.get("nl-police", "/requests/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
        assertThat(api.get("nl-police", "/requests/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void noToken_isUnauthorized() {
        Api.Response response = api.send(api.request(null, "/requests/" + id).GET().build());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aTokenWithABrokenSignature_isUnauthorized() {
        String token = api.token("nl-police");
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        Api.Response response = api.send(api.request(null, "/requests/" + id)
                .header("Authorization", "Bearer " + forged).GET().build());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aRequesterCannotAcknowledge_andAContactPointCannotFile() {
        assertThat(api.post("nl-police", "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept")).status()).isEqualTo(403);
        assertThat(api.post("de-poc247", "/requests", Api.preservation().put("targetJurisdiction", "NL")).status())
                .isEqualTo(403);
    }

    @Test
    void anUnsupportedMethod_isNotFound_asApiGatewayAnswersIt() {
        Api.Response response = api.send(api.request("nl-police", "/requests")
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }
}
