package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole request path over HTTP: filing, routing by the stream, inbox, acknowledgement, withdrawal. */
@ExtendWith(Broker.class)
class RequestPathTest {
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    @Test
    void preservationFromNl_isRoutedToGerman247Contact_acknowledged_andTheTrailShowsEveryStep() {
        String id = api.file("nl-police", Api.preservation());

        JsonNode routed = api.awaitRouted("nl-police", id);
        assertThat(routed.path("status").asText()).isEqualTo("ROUTED");
        assertThat(routed.path("contactPoint").path("id").asText()).isEqualTo("DE-POC247");
        assertThat(routed.path("routingRule").asText()).isEqualTo("R2-PRESERVATION");
        assertThat(routed.path("deadlines").path("acknowledgeBy").asText()).isNotEmpty();

        JsonNode inbox = api.get("de-poc247", "/requests?status=ROUTED&limit=100").json();
        assertThat(inbox.path("items").findValuesAsText("id")).contains(id);

        Api.Response accepted = api.post("de-poc247", "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept").put("note", "preserved for 90 days"));
        assertThat(accepted.status()).isEqualTo(200);

        JsonNode seen = api.get("nl-police", "/requests/" + id).json();
        assertThat(seen.path("status").asText()).isEqualTo("ACCEPTED");
        JsonNode events = api.get("nl-police", "/requests/" + id + "/events").json().path("items");
        assertThat(Api.stateActions(events)).containsExactly("FILED", "ROUTED", "ACCEPTED");
        assertThat(events.findValues("sequence").stream().map(JsonNode::asLong).toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(api.get("de-poc247", "/requests/" + id + "/events").status()).isEqualTo(200);
    }

    @Test
    void contentDataToAJurisdictionWithoutCentralAuthority_endsUnroutable_withAReasonTheRequesterCanRead() {
        ObjectNode filing = Api.preservation().put("type", "content_data").put("urgency", "routine").put("targetJurisdiction", "FR");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "31");
        String id = api.file("nl-police", filing);

        JsonNode request = api.awaitRouted("nl-police", id);

        assertThat(request.path("status").asText()).isEqualTo("UNROUTABLE");
        assertThat(request.path("statusReason").path("text").asText()).contains("FR", "CENTRAL_AUTHORITY");
        assertThat(request.has("contactPoint")).isFalse();
    }

    @Test
    void anOrderToIrelandUnderTheRegulation_isRoutedToItsEnforcingAuthority_thoughIrelandIsNoPartyToBudapest() {
        ObjectNode order = Api.preservation().put("targetJurisdiction", "IE");
        order.putObject("legalBasis").put("instrument", "EU_2023_1543").put("article", "6");
        String id = api.file("nl-police", order);

        JsonNode routed = api.awaitRouted("nl-police", id);

        assertThat(routed.path("contactPoint").path("id").asText()).isEqualTo("IE-EEVIDENCE");
        assertThat(routed.path("routingRule").asText()).isEqualTo("R4-E-EVIDENCE");
    }

    @Test
    void incidentAssistance_goesToTheNationalCsirt() {
        ObjectNode filing = Api.preservation().put("type", "incident_assistance");
        String id = api.file("nl-police", filing);

        assertThat(api.awaitRouted("nl-police", id).path("contactPoint").path("id").asText()).isEqualTo("DE-CSIRT");
    }

    @Test
    void rejection_carriesItsGround_andTheRequesterSeesIt() {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);

        Api.Response rejected = api.post("de-poc247", "/requests/" + id + "/acknowledgement", Api.JSON.createObjectNode()
                .put("decision", "reject").put("ground", "data_not_stored").put("justification", "logs kept 24 hours only"));

        assertThat(rejected.status()).isEqualTo(200);
        JsonNode seen = api.get("nl-police", "/requests/" + id).json();
        assertThat(seen.path("status").asText()).isEqualTo("REJECTED");
        assertThat(seen.path("statusReason").path("code").asText()).isEqualTo("data_not_stored");
    }

    @Test
    void withdrawal_isPossibleWhileOpen_andEndsTheRequest() {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        JsonNode reason = Api.JSON.createObjectNode().put("reason", "suspect arrested; data no longer needed");

        Api.Response withdrawn = api.post("nl-police-2", "/requests/" + id + "/withdrawal", reason);

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(api.post("nl-police", "/requests/" + id + "/withdrawal", reason).status()).isEqualTo(409);
        assertThat(api.post("de-poc247", "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept")).status()).isEqualTo(409);
    }

    @Test
    void lists_areNewestFirst_filteredByStatus_andPagedWithAnOpaqueCursor() {
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode filing = Api.preservation().put("targetJurisdiction", "JP");
            filed.add(0, api.file("us-fbi", filing));
        }
        filed.forEach(id -> api.awaitRouted("us-fbi", id));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("us-fbi", "/requests?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            paged.addAll(page.path("items").findValuesAsText("id").stream().filter(filed::contains).toList());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(paged).containsExactlyElementsOf(filed);
        JsonNode inbox = api.get("jp-poc247", "/requests?status=ROUTED&limit=100").json();
        assertThat(inbox.path("items").findValuesAsText("id")).containsAll(filed);
        assertThat(api.get("jp-poc247", "/requests?status=ACCEPTED").json().path("items")).isEmpty();
    }

    @Test
    void aTamperedCursor_isABadRequest() {
        Api.Response response = api.get("nl-police", "/requests?cursor=bm90LWEtY3Vyc29y");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
