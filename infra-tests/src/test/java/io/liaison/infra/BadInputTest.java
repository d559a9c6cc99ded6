package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets a problem+json answer naming what is wrong, and nothing is stored.
 * The requester here (DE BKA) files nothing that is valid, so its list must stay empty.
 */
@ExtendWith(Broker.class)
class BadInputTest {
    private static final String REQUESTER = "de-bka";
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(api.get(REQUESTER, "/requests").json().path("items")).isEmpty();
    }

    private static ObjectNode valid() {
        return Api.preservation().put("targetJurisdiction", "NL");
    }

    private Api.Response file(ObjectNode filing) {
        return api.post(REQUESTER, "/requests", filing);
    }

    private static void assertProblem(Api.Response response, int status, String pointer) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        if (pointer != null) assertThat(problem.path("errors").findValuesAsText("pointer")).contains(pointer);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformedJson_is400() {
        assertProblem(api.post(REQUESTER, "/requests", "{\"type\": ", "application/json", Map.of()), 400, null);
    }

    @Test
    void anUnknownField_is400_withItsPointer() {
        assertProblem(file((ObjectNode) valid().put("requestingJurisdiction", "FR")), 400, "/requestingJurisdiction");
    }

    @Test
    void anUnknownIdentifierType_is422() {
        ObjectNode filing = valid();
        filing.withArray("identifiers").addObject().put("type", "imei").put("value", "490154203237518");
        assertProblem(file(filing), 422, "/identifiers/3/type");
    }

    @Test
    void anUnknownTypeValue_is422_andListsTheAllowedOnes() {
        Api.Response response = file(valid().put("type", "everything"));
        assertProblem(response, 422, "/type");
        assertThat(response.body()).contains("subscriber_data");
    }

    @Test
    void aMissingLegalBasis_is422() {
        ObjectNode filing = valid();
        filing.remove("legalBasis");
        assertProblem(file(filing), 422, "/legalBasis");
    }

    @Test
    void aLegalBasisNotInForce_is422() {
        ObjectNode filing = valid();
        filing.putObject("legalBasis").put("instrument", "CETS_224").put("article", "7");
        assertThat(instrumentProblem(file(filing))).startsWith("CETS_224 is not in force today under policy ")
                .endsWith("; no request can rest on it yet");
    }

    private static String instrumentProblem(Api.Response response) {
        assertProblem(response, 422, "/legalBasis/instrument");
        return response.json().path("errors").findValuesAsText("detail").getFirst();
    }

    @Test
    void anOrderToDenmarkUnderTheRegulation_is422_namingProtocol22() {
        ObjectNode filing = valid().put("targetJurisdiction", "DK");
        filing.putObject("legalBasis").put("instrument", "EU_2023_1543").put("article", "6");

        assertThat(instrumentProblem(file(filing)))
                .startsWith("DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark");
    }

    @Test
    void anOrderToTheUnitedStatesUnderTheRegulation_is422_namingItNoMemberState() {
        ObjectNode filing = valid().put("targetJurisdiction", "US");
        filing.putObject("legalBasis").put("instrument", "EU_2023_1543").put("article", "5");

        assertThat(instrumentProblem(file(filing))).startsWith("US is not bound by Regulation (EU) 2023/1543")
                .contains("not a Member State");
    }

    @Test
    void aBudapestRequestToIreland_is422_namingItNoParty() {
        ObjectNode filing = valid().put("targetJurisdiction", "IE");
        filing.putObject("legalBasis").put("instrument", "ETS_185").put("article", "29");

        assertThat(instrumentProblem(file(filing))).startsWith("IE is not bound by the Budapest Convention (ETS 185)")
                .contains("not ratified");
    }

    @Test
    void aTargetThatIsNoIsoCode_is422() {
        assertProblem(file(valid().put("targetJurisdiction", "UK")), 422, "/targetJurisdiction");
    }

    @Test
    void aTargetWithoutContactPoint_is422() {
        assertProblem(file(valid().put("targetJurisdiction", "IT")), 422, "/targetJurisdiction");
    }

    @Test
    void theRequestersOwnJurisdictionAsTarget_is422() {
        assertProblem(file(valid().put("targetJurisdiction", "DE")), 422, "/targetJurisdiction");
    }

    @Test
    void anInvalidIpAddress_is422() {
        ObjectNode filing = valid();
        ((ObjectNode) filing.withArray("identifiers").get(0)).put("value", "203.0.113.256");
        assertProblem(file(filing), 422, "/identifiers/0/value");
    }

    @Test
    void anInvalidDomain_is422() {
        ObjectNode filing = valid();
        ((ObjectNode) filing.withArray("identifiers").get(1)).put("value", "leak_example..de");
        assertProblem(file(filing), 422, "/identifiers/1/value");
    }

    @Test
    void aBodyOverTheLimit_is413() {
        ObjectNode filing = valid().put("summaryOfFacts", "x".repeat(70 * 1024));
        assertProblem(file(filing), 413, null);
    }

    @Test
    void aWrongContentType_is415() {
        assertProblem(api.post(REQUESTER, "/requests", valid().toString(), "text/plain", Map.of()), 415, null);
    }

    @Test
    void severalProblems_areAllNamedInOneAnswer() {
        ObjectNode filing = valid().put("urgency", "asap").put("tlp", "TLP:PURPLE");
        filing.remove("offence");
        Api.Response response = file(filing);
        assertProblem(response, 422, "/urgency");
        assertThat(response.json().path("errors").findValuesAsText("pointer")).contains("/tlp", "/offence");
    }
}
