package io.liaison.core;

import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The one state machine: which action may follow which status, and what each applied one records.
 * cases/transitions.csv lists every action from every status with the status it leads to, or
 * "refused"; docs/state-machine.md draws the allowed ones.
 */
class LifecycleTest {
    private static final Instant FILED_AT = Instant.parse("2026-11-24T09:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Requester NL_POLICE = new Requester("NL", "NL-POLITIE-THTC", "nl-police");
    private static final ContactPoint DE_POC247 = new ContactPoint("DE-POC247", "DE", ContactPointKind.POC_24_7,
            "BKA high-tech crime unit, Wiesbaden", null);
    private static final ContactPoint DE_CA = new ContactPoint("DE-CA", "DE", ContactPointKind.CENTRAL_AUTHORITY,
            "Germany central authority", null);
    private static final Actor OPERATOR = new Actor("contact_point", "DE", "DE-POC247", "de-poc247");

    /** A request that has reached {@code status} in the usual way, at version {@code version}. */
    private static Request requestIn(Status status, long version) {
        Assignment assignment = switch (status) {
            case FILED, UNROUTABLE -> null;
            case ROUTED, ACCEPTED, AWAITING_CLARIFICATION, ANSWERED, REJECTED, WITHDRAWN, EXPIRED -> new Assignment(
                    "DE-POC247", ContactPointKind.POC_24_7, "R2-PRESERVATION", FILED_AT, FILED_AT.plus(Duration.ofHours(4)),
                    FILED_AT.plus(Duration.ofDays(1)), "D4-PRESERVATION", null, false, false,
                    status == Status.AWAITING_CLARIFICATION ? FILED_AT : null);
        };
        // An accepted preservation request preserves for 60 days; one waiting for an answer has an open question.
        Preservation preservation = switch (status) {
            case ACCEPTED, AWAITING_CLARIFICATION, ANSWERED, EXPIRED -> new Preservation(FILED_AT.plus(Duration.ofDays(60)), false);
            default -> null;
        };
        List<Clarification> rounds = status == Status.AWAITING_CLARIFICATION
                ? List.of(new Clarification("Which time zone are the log times in?", FILED_AT, null, null)) : List.of();
        return new Request("276b1bd5-f897-474b-8535-d60307d343ee", NL_POLICE, Filings.preservation().build(), status,
                version, FILED_AT, FILED_AT, assignment, null, null, preservation, rounds);
    }

    private static Lifecycle.Action action(String name) {
        return switch (name) {
            case "route" -> new Lifecycle.Route(DE_POC247, "R2-PRESERVATION", "D4-PRESERVATION",
                    "expedited preservation goes to the 24/7 point of contact", NOW.plus(Duration.ofHours(4)),
                    NOW.plus(Duration.ofDays(1)));
            case "mark_unroutable" -> new Lifecycle.MarkUnroutable("R6-MUTUAL-ASSISTANCE", "FR has no CENTRAL_AUTHORITY");
            case "accept" -> new Lifecycle.Accept("Preserved for 90 days");
            case "reject" -> new Lifecycle.Reject(RejectionGround.DATA_NOT_STORED, "Logs are kept for 3 days only");
            case "withdraw" -> new Lifecycle.Withdraw("The suspect was identified by other means");
            case "respond_partial" -> new Lifecycle.Respond(false, "RELEASE", List.of("G8-RETENTION"));
            case "respond_final" -> new Lifecycle.Respond(true, "RELEASE", List.of("G8-RETENTION"));
            case "release_final" -> new Lifecycle.ReleaseFinal(List.of("G5-SPECIAL-CATEGORY"), "response 4");
            case "escalate" -> new Lifecycle.Escalate(DE_CA, NOW.plus(Duration.ofHours(4)), "DE-POC247 did not acknowledge");
            case "mark_acknowledgement_overdue" -> new Lifecycle.MarkAcknowledgementOverdue("nobody acknowledged");
            case "mark_response_overdue" -> new Lifecycle.MarkResponseOverdue("DE-POC247 did not respond");
            case "expire_preservation" -> new Lifecycle.ExpirePreservation("the preservation period ended", "P2-EXPEDITED");
            case "extend_preservation" -> new Lifecycle.ExtendPreservation(Duration.ofDays(30), "P2-EXPEDITED");
            case "ask_clarification" -> new Lifecycle.RequestClarification("Which time zone are the log times in?");
            case "clarify" -> new Lifecycle.Clarify("UTC");
            default -> throw new IllegalArgumentException("cases/transitions.csv names an unknown action " + name);
        };
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvFileSource(resources = "/cases/transitions.csv", numLinesToSkip = 1)
    void apply_allowsOnlyTheTransitionsOfTheStateMachine(Status from, String actionName, String outcome) {
        // GIVEN a request in status 'from'
        Request request = requestIn(from, 3);

        // WHEN the action is applied
        Lifecycle.Result result = Lifecycle.apply(request, action(actionName), OPERATOR, NOW);

        // THEN it leads to the listed status, or is refused naming the status it found
        if (outcome.equals("refused")) {
            assertThat(result).asInstanceOf(type(Lifecycle.NotAllowed.class)).satisfies(refused -> {
                assertThat(refused.from()).isEqualTo(from);
                assertThat(refused.message()).startsWith("a request that is " + from.code() + " cannot be ");
            });
        } else {
            assertThat(result).asInstanceOf(type(Lifecycle.Applied.class))
                    .extracting(applied -> applied.request().status()).isEqualTo(Status.valueOf(outcome));
        }
    }

    @Test
    void transitionsCsv_coversEveryStatusAndAction() throws Exception {
        // GIVEN the table the parameterised test walks
        List<String> rows;
        try (var in = LifecycleTest.class.getResourceAsStream("/cases/transitions.csv")) {
            rows = new String(in.readAllBytes()).lines().skip(1).toList();
        }

        // THEN it has one row for every status and every action, so no transition goes untested
        assertThat(rows).hasSize(Status.values().length * 15);
        assertThat(rows.stream().map(r -> r.split(",")[0]).distinct())
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Status.class).stream().map(Status::name).toList());
    }

    /** The rows of cases/transitions.csv that lead somewhere. */
    static Stream<Arguments> allowedTransitions() throws IOException {
        try (var in = LifecycleTest.class.getResourceAsStream("/cases/transitions.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(line -> line.split(","))
                    .filter(row -> !row[2].equals("refused"))
                    .map(row -> Arguments.of(Status.valueOf(row[0]), row[1], row[2]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowedTransitions")
    void apply_raisesTheVersionByOne_andRecordsItAsTheEventSequence(Status from, String actionName, String outcome) {
        // GIVEN a request at version 3
        Request request = requestIn(from, 3);

        // WHEN an allowed action is applied
        var applied = (Lifecycle.Applied) Lifecycle.apply(request, action(actionName), OPERATOR, NOW);

        // THEN the request is at version 4, its audit event is number 4 and names both statuses
        assertThat(applied.request().version()).isEqualTo(4);
        assertThat(applied.request().updatedAt()).isEqualTo(NOW);
        assertThat(applied.request().filedAt()).isEqualTo(FILED_AT);
        assertThat(applied.event().sequence()).isEqualTo(applied.request().version());
        assertThat(applied.event().requestId()).isEqualTo(request.id());
        assertThat(applied.event().from()).isEqualTo(from);
        assertThat(applied.event().to()).isEqualTo(Status.valueOf(outcome));
        assertThat(applied.event().at()).isEqualTo(NOW);
        assertThat(applied.event().actor()).isEqualTo(OPERATOR);
    }

    @Test
    void filingEvent_isSequenceOne_fromNothingToFiled() {
        // GIVEN a request just filed
        Request filed = Request.filed("276b1bd5-f897-474b-8535-d60307d343ee", NL_POLICE, Filings.preservation().build(), FILED_AT);
        Actor requester = new Actor("requester", "NL", "NL-POLITIE-THTC", "nl-police");

        // WHEN its first audit event is made
        AuditEvent event = Lifecycle.filingEvent(filed, requester);

        // THEN it is number 1, FILED from nothing, at the filing time, by the requester
        assertThat(filed.version()).isEqualTo(1);
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.action()).isEqualTo("FILED");
        assertThat(event.from()).isNull();
        assertThat(event.to()).isEqualTo(Status.FILED);
        assertThat(event.at()).isEqualTo(FILED_AT);
        assertThat(event.actor()).isEqualTo(requester);
    }

    @Test
    void route_assignsTheContactPoint_withItsDeadlines_andRecordsBothRules() {
        // GIVEN a filed request
        Request request = requestIn(Status.FILED, 1);

        // WHEN it is routed to DE-POC247
        var applied = (Lifecycle.Applied) Lifecycle.apply(request, action("route"), Actor.SYSTEM, NOW);

        // THEN the assignment names contact point, rule and deadlines, and the event both rule ids
        assertThat(applied.request().assignment()).isEqualTo(new Assignment("DE-POC247", ContactPointKind.POC_24_7,
                "R2-PRESERVATION", NOW, NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofDays(1)), "D4-PRESERVATION",
                null, false, false, null));
        assertThat(applied.request().outcome().ground()).isEqualTo("R2-PRESERVATION");
        assertThat(applied.event().action()).isEqualTo("ROUTED");
        assertThat(applied.event().ruleIds()).containsExactly("R2-PRESERVATION", "D4-PRESERVATION");
        assertThat(applied.event().actor()).isEqualTo(Actor.SYSTEM);
    }

    @Test
    void markUnroutable_recordsTheRule_andLiaisonsOwnReason() {
        Request request = requestIn(Status.FILED, 1);

        var applied = (Lifecycle.Applied) Lifecycle.apply(request, action("mark_unroutable"), Actor.SYSTEM, NOW);

        assertThat(applied.request().assignment()).isNull();
        assertThat(applied.request().outcome())
                .isEqualTo(new Request.StatusNote("R6-MUTUAL-ASSISTANCE", "FR has no CENTRAL_AUTHORITY"));
        assertThat(applied.event().ruleIds()).containsExactly("R6-MUTUAL-ASSISTANCE");
        assertThat(applied.event().reason()).isEqualTo("FR has no CENTRAL_AUTHORITY");
    }

    @Test
    void markUnroutable_recordsNoRule_whenNoRuleMatched() {
        Request request = requestIn(Status.FILED, 1);

        var applied = (Lifecycle.Applied) Lifecycle.apply(request,
                new Lifecycle.MarkUnroutable(null, "no routing rule covers it"), Actor.SYSTEM, NOW);

        assertThat(applied.event().ruleIds()).isEmpty();
    }

    @Test
    void reject_keepsTheJustificationOnTheRequest_andOnlyTheGroundCodeInTheTrail() {
        // GIVEN a routed request
        Request request = requestIn(Status.ROUTED, 2);

        // WHEN the operator rejects it with a ground and a justification
        var applied = (Lifecycle.Applied) Lifecycle.apply(request, action("reject"), OPERATOR, NOW);

        // THEN the requester can read both on the request; the audit event keeps the code, not the words
        assertThat(applied.request().outcome())
                .isEqualTo(Request.StatusNote.byParty("data_not_stored", "Logs are kept for 3 days only"));
        assertThat(applied.event().ground()).isEqualTo("data_not_stored");
        assertThat(applied.event().reason()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"accept", "withdraw"})
    void apply_keepsNoTextAPersonWrote_inTheTrail(String actionName) {
        // GIVEN a routed request, and a note or reason written by a person
        Request request = requestIn(Status.ROUTED, 2);

        // WHEN the action is applied by that person
        var applied = (Lifecycle.Applied) Lifecycle.apply(request, action(actionName), OPERATOR, NOW);

        // THEN the request shows the text, the audit event does not (metadata only)
        assertThat(applied.request().outcome().text()).isNotBlank();
        assertThat(applied.event().reason()).isNull();
    }

    @Test
    void accept_andWithdraw_keepTheAssignment() {
        Request routed = requestIn(Status.ROUTED, 2);

        for (Lifecycle.Action action : Set.of(action("accept"), action("withdraw"))) {
            var applied = (Lifecycle.Applied) Lifecycle.apply(routed, action, OPERATOR, NOW);
            assertThat(applied.request().assignment()).as(action.toString()).isEqualTo(routed.assignment());
        }
    }

    @Test
    void accept_withoutNote_leavesNoStatusNote() {
        Request routed = requestIn(Status.ROUTED, 2);

        var applied = (Lifecycle.Applied) Lifecycle.apply(routed, new Lifecycle.Accept(null), OPERATOR, NOW);

        assertThat(applied.request().outcome()).isNull();
        assertThat(applied.event().reason()).isNull();
    }
}
