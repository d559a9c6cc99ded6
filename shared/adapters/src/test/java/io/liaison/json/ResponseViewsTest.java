package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Pap;
import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.core.Response;
import io.liaison.core.ResponseService;
import io.liaison.core.Role;
import io.liaison.core.Tlp;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.GateDecision;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import io.liaison.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a response looks to each party. The response is the answer of events/casework-respond.json
 * to {@link InMemoryBroker#subscriberDataFiling()}, decided by the gate on the demo policy: the
 * account holder in clear, the third party pseudonymised, the content record redacted.
 */
class ResponseViewsTest {
    private static final Instant NOW = TestClock.START.plus(Duration.ofHours(1));
    private static final ReleaseGate GATE = new ReleaseGate(InMemoryBroker.RELEASE_POLICY, InMemoryBroker.PSEUDONYMS);
    private static final Request REQUEST = Request.filed(SequentialIds.SAMPLE_REQUEST_ID,
            new Requester("NL", "NL-POLITIE-THTC", "nl-police"), InMemoryBroker.subscriberDataFiling(), TestClock.START);

    private static Answer sampleAnswer() {
        return InMemoryBroker.sampleAnswer(false);
    }

    private static Response released() {
        Answer answer = sampleAnswer();
        GateDecision decision = GATE.evaluate(REQUEST, answer, false, NOW);
        return new Response(REQUEST.id(), 4, "de-poc247", "DE-POC247", answer, decision, Response.statusOf(decision.verdict()),
                null, NOW, decision.expiresAt());
    }

    private static Response reviewed() {
        Response r = released();
        return new Response(r.requestId(), r.number(), r.authorSubject(), r.contactPointId(), r.answer(), r.decision(),
                Response.Status.RELEASED, new Response.Review("de-dpo", "DE", true, "needed to identify the holder",
                NOW.plus(Duration.ofMinutes(20))), r.submittedAt(), r.expiresAt());
    }

    @Test
    void forRequester_showsClearValues_pseudonyms_andRedactions_eachMarkedWithItsRule() {
        ObjectNode view = ResponseViews.forRequester(new ResponseService.Seen(released(), true, null), Pap.AMBER);

        assertThat(view.get("number").asLong()).isEqualTo(4);
        assertThat(view.get("status").asText()).isEqualTo("RELEASED");
        assertThat(view.get("final").asBoolean()).isTrue();
        assertThat(view.get("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(view.get("pap").asText()).isEqualTo("PAP:AMBER");
        assertThat(view.get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
        assertThat(view.get("policyVersion").asText()).isEqualTo("release-2026-11-24");
        assertThat(view.get("expiresAt").asText()).isEqualTo("2027-02-22T10:30:00.000Z");
        assertThat(view.get("ruleIds")).extracting(JsonNode::asText).contains("G2-CATEGORY", "G6-THIRD-PARTY");

        JsonNode records = view.get("records");
        assertThat(records.get(0).get("fields").get("name").get("value").asText()).isEqualTo("Max Muster");
        JsonNode email = records.get(1).get("fields").get("email");
        assertThat(email.get("pseudonym").asText())
                .isEqualTo(InMemoryBroker.PSEUDONYMS.of(REQUEST.id(), "anna.beispiel@example.net"));
        assertThat(email.get("ruleId").asText()).isEqualTo("G6-THIRD-PARTY");
        assertThat(email.has("value")).isFalse();
        assertThat(records.get(1).get("owner").asText()).isEqualTo("third_party");
        assertThat(records.get(2).get("category").asText()).isEqualTo("content");
        assertThat(records.get(2).get("redacted").get("ruleId").asText()).isEqualTo("G2-CATEGORY");
        assertThat(records.get(2).get("fields")).isEmpty();
    }

    @Test
    void forRequester_neverCarriesWhatTheGateWithheld_orTheAnswerAsSent() {
        String view = ResponseViews.forRequester(new ResponseService.Seen(released(), true, null), Pap.AMBER).toString();

        assertThat(view).doesNotContain("anna.beispiel@example.net", "Anna Beispiel", "Schluessel", "findings", "answer");
    }

    @Test
    void forRequester_saysOnlyWhy_whenThePayloadIsNotShown() {
        Response held = released();
        ObjectNode view = ResponseViews.forRequester(new ResponseService.Seen(held, false, "not released"), Pap.AMBER);

        assertThat(view.properties()).extracting(Map.Entry::getKey)
                .containsExactly("number", "status", "final", "submittedAt", "withheld");
        assertThat(view.get("withheld").asText()).isEqualTo("not released");
    }

    @Test
    void forContactPoint_showsTheDecisionWithItsFindings_butNoReleasedData() {
        ObjectNode view = ResponseViews.forContactPoint(released());

        assertThat(view.get("requestId").asText()).isEqualTo(REQUEST.id());
        assertThat(view.get("contactPoint").asText()).isEqualTo("DE-POC247");
        JsonNode decision = view.get("decision");
        assertThat(decision.get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
        assertThat(decision.get("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(decision.get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G2-CATEGORY");
            assertThat(f.get("effect").asText()).isEqualTo("RELEASE_REDACTED");
            assertThat(f.get("record").asInt()).isEqualTo(2);
            assertThat(f.get("reason").asText()).contains("content");
        });
        assertThat(decision.get("findings")).anySatisfy(f -> {
            assertThat(f.get("ruleId").asText()).isEqualTo("G8-RETENTION");
            assertThat(f.get("record").isNull()).isTrue();
        });
        assertThat(view.has("records")).isFalse();
        assertThat(view.toString()).doesNotContain("Max Muster", "pseudonym:");
    }

    @Test
    void forContactPoint_showsTheReview_withoutTheOfficersReason() {
        JsonNode review = ResponseViews.forContactPoint(reviewed()).get("review");

        assertThat(review.get("jurisdiction").asText()).isEqualTo("DE");
        assertThat(review.get("approved").asBoolean()).isTrue();
        assertThat(review.get("at").asText()).isEqualTo("2026-11-24T10:50:00.000Z");
        assertThat(review.has("reason")).isFalse();
        assertThat(review.toString()).doesNotContain("de-dpo");
    }

    @Test
    void forOfficer_showsTheReviewersReason() {
        assertThat(ResponseViews.forOfficer(reviewed()).get("review").get("reason").asText())
                .isEqualTo("needed to identify the holder");
    }

    @Test
    void forReview_showsTheAnswerAsSent_andWhatWouldBeReleased() {
        ObjectNode view = ResponseViews.forReview(released());

        JsonNode sent = view.get("answer").get("records");
        assertThat(sent.get(1).get("fields").get("email").asText()).isEqualTo("anna.beispiel@example.net");
        assertThat(sent.get(1).get("owner").asText()).isEqualTo("third_party");
        assertThat(sent.get(0).get("specialCategory").asBoolean()).isFalse();
        assertThat(sent.get(2).get("fields").get("subject").asText()).isEqualTo("Schluessel fuer das Krankenhaus");
        assertThat(view.get("wouldRelease").get(1).get("fields").get("email").has("pseudonym")).isTrue();
        assertThat(view.get("decision").get("verdict").asText()).isEqualTo("RELEASE_REDACTED");
    }

    @Test
    void forRequester_showsAPreservationConfirmation() {
        Answer answer = new Answer(List.of(), new Answer.Confirmation("Connection logs, 20-23 Nov 2026",
                LocalDate.of(2027, 2, 22)), true, Tlp.AMBER);
        GateDecision decision = GATE.evaluate(REQUEST, answer, false, NOW);
        Response response = new Response(REQUEST.id(), 4, "de-poc247", "DE-POC247", answer, decision,
                Response.Status.RELEASED, null, NOW, decision.expiresAt());

        JsonNode view = ResponseViews.forRequester(new ResponseService.Seen(response, true, null), Pap.AMBER);

        assertThat(view.get("confirmation").get("preserved").asText()).isEqualTo("Connection logs, 20-23 Nov 2026");
        assertThat(view.get("confirmation").get("until").asText()).isEqualTo("2027-02-22");
        assertThat(view.get("records")).isEmpty();
    }

    @Test
    void list_showsTheRequesterTheReleasedView_andTheContactPointTheDecision() {
        List<ResponseService.Seen> seen = List.of(new ResponseService.Seen(released(), true, null));

        JsonNode forRequester = ResponseViews.list(REQUEST.id(), seen, Role.REQUESTER, Pap.AMBER);
        JsonNode forContactPoint = ResponseViews.list(REQUEST.id(), List.of(new ResponseService.Seen(released(), false,
                "the contact point sees the decision")), Role.CONTACT_POINT, Pap.AMBER);

        assertThat(forRequester.get("requestId").asText()).isEqualTo(REQUEST.id());
        assertThat(forRequester.get("items").get(0).has("records")).isTrue();
        assertThat(forContactPoint.get("items").get(0).has("decision")).isTrue();
        assertThat(forContactPoint.get("items").get(0).has("records")).isFalse();
    }
}
