package io.liaison.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.config.InvocationContext;
import io.liaison.core.Actor;
import io.liaison.core.AuditEvent;
import io.liaison.core.Caller;
import io.liaison.core.Role;
import io.liaison.core.Status;
import io.liaison.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The line an invocation leaves for the operator: what it says, and what it never says. */
class InvocationTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    @Test
    void anInvocationOnOneRequest_writesOneLine_withItsIdsItsEventsAndItsCounts() {
        Invocation.run(InvocationContext.of("RouterFunction"), () -> {
            Invocation.recorded(event("REQ-1", "ROUTED"));
            return null;
        });

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.path("function").asText()).isEqualTo("RouterFunction");
        assertThat(line.path("awsRequestId").asText()).isNotBlank();
        assertThat(line.path("liaisonRequestId").asText()).isEqualTo("REQ-1");
        assertThat(line.path("events").get(0).asText()).isEqualTo("ROUTED");
        assertThat(line.path("Routed").asInt()).isEqualTo(1);
        assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").findValuesAsText("Name"))
                .containsExactly("Routed");
    }

    @Test
    void aBatch_writesALinePerRequest_thenItsSummary() {
        Invocation.run(InvocationContext.of("NotifierFunction"), () -> {
            Invocation.recorded(event("REQ-1", "DELIVERY"));
            Invocation.recorded(event("REQ-2", "NON_DELIVERY"));
            return null;
        });

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("liaisonRequestId").asText()).containsExactly("REQ-1", "REQ-2", "");
        JsonNode summary = lines.get(2);
        assertThat(summary.path("requests").asInt()).isEqualTo(2);
        assertThat(summary.path("NoticesDelivered").asInt()).isEqualTo(1);
        assertThat(summary.path("NoticesFailed").asInt()).isEqualTo(1);
    }

    @Test
    void aFailure_isLoggedByItsTypeAndFrames_neverByItsMessage() {
        assertThatThrownBy(() -> Invocation.run(InvocationContext.of("IntakeFunction"), () -> {
            Invocation.route("POST /requests");
            throw new IllegalStateException("Unexpected character in 'Jan de Vries, born 1970-01-01'");
        })).isInstanceOf(IllegalStateException.class);

        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("Jan de Vries");
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).path("level").asText()).isEqualTo("ERROR");
        assertThat(lines.get(0).path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(lines.get(0).path("stackTrace").size()).isPositive();
        assertThat(lines.get(1).path("status").asInt()).isEqualTo(500);
    }

    @Test
    void aCallersOrganisationThatIsNoIdentifier_isLeftOut_andTheSubjectNeverWritten() {
        Invocation.run(InvocationContext.of("TrackingFunction"), () -> {
            Invocation.route("GET /requests");
            Invocation.caller(new Caller("officer-4711", Role.REQUESTER, "NL", "NL-POLITIE\n{\"level\":\"INFO\"}", null));
            Invocation.status(200);
            return null;
        });

        JsonNode line = lines().get(0);
        assertThat(line.path("role").asText()).isEqualTo("requester");
        assertThat(line.has("organisation")).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("officer-4711");
    }

    @Test
    void aPollThatFoundNothing_writesNoLine() {
        Invocation.run(InvocationContext.of("DeadlineFunction"), () -> null);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static AuditEvent event(String requestId, String action) {
        return new AuditEvent(requestId, 2, Instant.parse("2026-12-07T10:00:00Z"), action, Status.FILED, Status.ROUTED,
                Actor.SYSTEM, List.of(), null, null, null);
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (text.isBlank()) continue;
            try {
                lines.add(Json.MAPPER.readTree(text));
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON line: " + text, e);
            }
        }
        return lines;
    }
}
