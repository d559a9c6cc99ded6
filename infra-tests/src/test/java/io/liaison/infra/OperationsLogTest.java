package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator finds in the functions' log (issue 17): every line one request produced, found by
 * its id, with the ids to search by and the counts as CloudWatch metrics, and nothing a person wrote.
 */
@ExtendWith(Broker.class)
class OperationsLogTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;
    private Api api;

    @BeforeEach
    void capture(Api api) {
        this.api = api;
        original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    @Test
    void oneRequestsLines_fromFilingToAcceptance_areFoundByItsId_andNameFunctionRoleAndOrganisation() {
        String id = acceptedRequest();

        List<JsonNode> lines = linesOf(id);
        assertThat(lines).extracting(l -> l.path("function").asText())
                .contains("IntakeFunction", "RouterFunction", "CaseworkFunction", "NotifierFunction");
        JsonNode filed = line(lines, "POST /requests 201");
        assertThat(filed.path("role").asText()).isEqualTo("requester");
        assertThat(filed.path("organisation").asText()).isEqualTo("NL-POLITIE-THTC");
        assertThat(filed.path("awsRequestId").asText()).isNotBlank();
        assertThat(filed.path("events").get(0).asText()).isEqualTo("FILED");
        assertThat(line(lines, "POST /requests/{id}/acknowledgement 200").path("organisation").asText()).isEqualTo("DE-POC247");
    }

    @Test
    void aFilingIsCountedAsAMetric_inCloudWatchsEmbeddedFormat_underTheLiaisonNamespace() {
        String id = acceptedRequest();

        JsonNode filed = line(linesOf(id), "POST /requests 201");
        assertThat(filed.path("Filings").asInt()).isEqualTo(1);
        JsonNode directive = filed.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Liaison");
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("Stack");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("Filings");
        assertThat(filed.path("Stack").asText()).isNotBlank();
        assertThat(filed.path("_aws").path("Timestamp").isNumber()).isTrue();
        assertThat(line(linesOf(id), "RouterFunction invocation").path("Routed").asInt()).isEqualTo(1);
    }

    @Test
    void noLineCarriesWhatTheRequesterWrote_norTheOfficersSubject() {
        ObjectNode filing = Api.preservation();
        String id = api.file("nl-police", filing);
        api.awaitRouted("nl-police", id);

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(linesOf(id)).isNotEmpty();
        assertThat(log).doesNotContain(filing.path("caseReference").asText())
                .doesNotContain(filing.path("summaryOfFacts").asText())
                .doesNotContain(filing.path("identifiers").get(0).path("value").asText())
                .doesNotContain("\"sub\"");
    }

    private String acceptedRequest() {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        assertThat(api.post("de-poc247", "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept")).status()).isEqualTo(200);
        api.awaitQuietTrail("nl-police", id);
        return id;
    }

    private List<JsonNode> linesOf(String requestId) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!text.startsWith("{")) continue;
            try {
                JsonNode line = Api.JSON.readTree(text);
                if (requestId.equals(line.path("liaisonRequestId").asText())) lines.add(line);
            } catch (java.io.IOException e) {
                throw new AssertionError("a log line that is not JSON: " + text, e);
            }
        }
        return lines;
    }

    private static JsonNode line(List<JsonNode> lines, String message) {
        return lines.stream().filter(l -> l.path("message").asText().equals(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + lines));
    }

    /** Writes to the console as before and keeps a copy for the test. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
