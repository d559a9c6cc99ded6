package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines over the whole path. The deadline function runs "at" a chosen time (the scheduled
 * event's time is its clock, in whole seconds as EventBridge sends it: a test runs it a second
 * after a deadline), so a test moves time forward without waiting; the parties act
 * through the API as they would. The class has a broker of its own: a run "sixty days later"
 * acts on every request in the table.
 */
@ExtendWith(Broker.Own.class)
class DeadlineTest {
    private static final String MONITOR = "DeadlineFunction";

    private static Instant at(JsonNode request, String deadline) {
        return Instant.parse(request.path("deadlines").path(deadline).asText());
    }

    private static JsonNode accepted(Api api, String id) {
        Api.Response response = api.post("de-poc247", "/requests/" + id + "/acknowledgement",
                Api.JSON.createObjectNode().put("decision", "accept"));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void anUnacknowledgedRequest_isEscalatedToTheBackupContactPoint_whichIsNotified(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        JsonNode routed = api.awaitRouted("nl-police", id);

        broker.runScheduled(MONITOR, at(routed, "acknowledgeBy").plusSeconds(60));

        JsonNode escalated = api.get("nl-police", "/requests/" + id).json();
        assertThat(escalated.path("status").asText()).isEqualTo("ROUTED");
        assertThat(escalated.path("contactPoint").path("id").asText()).isEqualTo("DE-CA");
        assertThat(escalated.path("contactPoint").path("escalatedFrom").asText()).isEqualTo("DE-POC247");
        assertThat(api.get("de-ca", "/requests?status=ROUTED&limit=100").json().path("items").findValuesAsText("id")).contains(id);
        assertThat(api.get("de-poc247", "/requests/" + id).status()).isEqualTo(404);
        JsonNode escalation = java.util.stream.StreamSupport.stream(api.awaitEvent("nl-police", id, "ESCALATED").spliterator(), false)
                .filter(e -> e.path("action").asText().equals("ESCALATED")).findFirst().orElseThrow();
        assertThat(escalation.path("actor").path("role").asText()).isEqualTo("system");
        assertThat(escalation.path("ground").asText()).isEqualTo("DE-CA");
        assertThat(awaitOutbox(broker, id, "request.escalated")).as("DE-CA's e-mail notice").isTrue();
    }

    @Test
    void runningTheMonitorTwiceAtTheSameTime_changesNothingTheSecondTime(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        Instant late = at(api.awaitRouted("nl-police", id), "acknowledgeBy").plusSeconds(60);
        broker.runScheduled(MONITOR, late);
        var after = Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items"));

        broker.runScheduled(MONITOR, late);

        assertThat(Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items"))).isEqualTo(after);
        assertThat(after).containsOnlyOnce("ESCALATED");
    }

    @Test
    void anAcceptedRequestNotAnsweredInTime_isMarkedOverdue_andTheRequesterIsTold(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        JsonNode request = accepted(api, id);

        broker.runScheduled(MONITOR, at(request, "respondBy").plusSeconds(1));

        JsonNode overdue = api.get("nl-police", "/requests/" + id).json();
        assertThat(overdue.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(overdue.path("deadlines").path("responseOverdue").asBoolean()).isTrue();
        assertThat(api.awaitEvent("nl-police", id, "RESPONSE_OVERDUE").findValuesAsText("action")).containsOnlyOnce("RESPONSE_OVERDUE");
        assertThat(awaitOutbox(broker, id, "request.response_overdue")).isTrue();
    }

    @Test
    void aPreservationIsExtendedOnce_byTheRequester_andExpiresAtTheEndOfTheExtension(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        Instant sixtyDays = Instant.parse(accepted(api, id).path("preservation").path("until").asText());

        Api.Response extended = api.post("nl-police", "/requests/" + id + "/preservation-extension", Api.JSON.createObjectNode());
        Api.Response again = api.post("nl-police", "/requests/" + id + "/preservation-extension", Api.JSON.createObjectNode());
        Api.Response byContactPoint = api.post("de-poc247", "/requests/" + id + "/preservation-extension", Api.JSON.createObjectNode());
        broker.runScheduled(MONITOR, sixtyDays.plusSeconds(1));
        String statusAfterSixtyDays = api.get("nl-police", "/requests/" + id).json().path("status").asText();
        broker.runScheduled(MONITOR, sixtyDays.plus(Duration.ofDays(30)).plusSeconds(1));

        assertThat(extended.status()).isEqualTo(200);
        assertThat(extended.json().path("preservation").path("extended").asBoolean()).isTrue();
        assertThat(Instant.parse(extended.json().path("preservation").path("until").asText())).isEqualTo(sixtyDays.plus(Duration.ofDays(30)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(byContactPoint.status()).isEqualTo(403);
        assertThat(statusAfterSixtyDays).isEqualTo("ACCEPTED");
        assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items")))
                .containsSubsequence("PRESERVATION_EXTENDED", "PRESERVATION_EXPIRED");
    }

    @Test
    void anUnextendedPreservation_expiresAfterSixtyDays(Api api, LocalBroker broker) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        Instant sixtyDays = Instant.parse(accepted(api, id).path("preservation").path("until").asText());

        broker.runScheduled(MONITOR, sixtyDays.plusSeconds(1));

        assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(api.post("nl-police", "/requests/" + id + "/preservation-extension", Api.JSON.createObjectNode()).status())
                .isEqualTo(409);
    }

    @Test
    void whileAQuestionIsOpen_theResponseClockStandsStill_andTheAnswerMovesTheDeadline(Api api, LocalBroker broker) throws Exception {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        Instant respondBy = at(accepted(api, id), "respondBy");

        Api.Response asked = api.post("de-poc247", "/requests/" + id + "/clarification-request",
                Api.JSON.createObjectNode().put("question", "Which time zone are the log times in?"));
        broker.runScheduled(MONITOR, respondBy.plus(Duration.ofHours(1)));
        String statusWhilePaused = api.get("nl-police", "/requests/" + id).json().path("status").asText();
        Thread.sleep(20);
        Api.Response answered = api.post("nl-police", "/requests/" + id + "/clarification",
                Api.JSON.createObjectNode().put("answer", "UTC"));

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.json().path("status").asText()).isEqualTo("AWAITING_CLARIFICATION");
        assertThat(asked.json().path("deadlines").path("pausedSince").asText()).isNotEmpty();
        assertThat(statusWhilePaused).isEqualTo("AWAITING_CLARIFICATION");
        assertThat(answered.status()).isEqualTo(200);
        JsonNode round = answered.json().path("clarifications").get(0);
        assertThat(round.path("question").asText()).isEqualTo("Which time zone are the log times in?");
        assertThat(round.path("answer").asText()).isEqualTo("UTC");
        Duration paused = Duration.between(Instant.parse(round.path("askedAt").asText()), Instant.parse(round.path("answeredAt").asText()));
        assertThat(at(answered.json(), "respondBy")).isEqualTo(respondBy.plus(paused));
        assertThat(Api.stateActions(api.get("nl-police", "/requests/" + id + "/events").json().path("items")))
                .containsSubsequence("CLARIFICATION_REQUESTED", "CLARIFIED").doesNotContain("RESPONSE_OVERDUE");
    }

    @Test
    void clarificationsAreAskedByTheContactPoint_andAnsweredByTheRequester_only(Api api) {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        accepted(api, id);

        assertThat(api.post("nl-police", "/requests/" + id + "/clarification-request",
                Api.JSON.createObjectNode().put("question", "?")).status()).isEqualTo(403);
        assertThat(api.post("nl-police", "/requests/" + id + "/clarification",
                Api.JSON.createObjectNode().put("answer", "UTC")).status()).isEqualTo(409);
        assertThat(api.post("de-poc247", "/requests/" + id + "/clarification-request",
                Api.JSON.createObjectNode().put("question", "")).status()).isEqualTo(422);
        assertThat(api.post("de-poc247", "/requests/" + id + "/clarification-request",
                Api.JSON.createObjectNode().put("question", "Time zone?").put("urgent", true)).status()).isEqualTo(400);
        assertThat(api.get("nl-police", "/requests/" + id).json().path("status").asText()).isEqualTo("ACCEPTED");
    }

    /** Whether an e-mail notice of {@code type} about the request landed in the outbox (waits a little). */
    private static boolean awaitOutbox(LocalBroker broker, String requestId, String type) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> files = Files.list(broker.outbox())) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(requestId) && contains(f, type))) return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
