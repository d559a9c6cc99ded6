package io.liaison.core;

import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.liaison.testing.Callers.DE_CA;
import static io.liaison.testing.Callers.DE_POC247;
import static io.liaison.testing.Callers.NL_POLICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline monitor over the demo policy: the sample preservation request to Germany goes to
 * DE-POC247 under D4 (acknowledge within 4 hours, respond within a day); DE-CA is its backup.
 */
class DeadlineMonitorTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final DeadlineMonitor monitor = new DeadlineMonitor(broker.store, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY);

    private Request routed() {
        broker.requests.file(NL_POLICE, Filings.preservation().build(), Optional.empty());
        return broker.requests.route(ID).orElseThrow();
    }

    private Request accepted() {
        routed();
        return ok(broker.requests.acknowledge(DE_POC247, ID, new Lifecycle.Accept(null)));
    }

    private Request current() {
        return broker.store.find(ID).orElseThrow();
    }

    private List<String> actions() {
        return broker.store.events(ID).stream().map(AuditEvent::action).toList();
    }

    private static <T> T ok(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<T>) outcome).value();
    }

    @Test
    void beforeAnyDeadline_theMonitorDoesNothing() {
        Request request = routed();

        DeadlineMonitor.Run run = monitor.run(request.assignment().acknowledgeBy().minusMillis(1));

        assertThat(run.actions()).isEmpty();
        assertThat(current().version()).isEqualTo(request.version());
    }

    @Test
    void anUnacknowledgedRequest_isEscalatedToTheBackupContactPoint_withAFreshAcknowledgementDeadline() {
        Request request = routed();
        Instant late = request.assignment().acknowledgeBy().plusSeconds(30);

        monitor.run(late);

        Request escalated = current();
        assertThat(escalated.status()).isEqualTo(Status.ROUTED);
        assertThat(escalated.assignment().contactPointId()).isEqualTo("DE-CA");
        assertThat(escalated.assignment().escalatedFrom()).isEqualTo("DE-POC247");
        assertThat(escalated.assignment().acknowledgeBy()).isEqualTo(late.plus(Duration.ofHours(4)));
        assertThat(escalated.assignment().respondBy()).isEqualTo(request.assignment().respondBy());
        assertThat(broker.store.events(ID).getLast()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("ESCALATED");
            assertThat(e.actor()).isEqualTo(Actor.SYSTEM);
            assertThat(e.ground()).isEqualTo("DE-CA");
            assertThat(e.ruleIds()).containsExactly("D4-PRESERVATION");
            assertThat(e.reason()).contains("DE-POC247 did not acknowledge");
        });
    }

    @Test
    void afterEscalation_theBackupSeesTheRequest_andTheContactPointThatMissedItNoLonger() {
        Request request = routed();
        monitor.run(request.assignment().acknowledgeBy());

        assertThat(broker.requests.get(DE_CA, ID)).isInstanceOf(Outcome.Ok.class);
        assertThat(broker.requests.get(DE_POC247, ID)).isInstanceOf(Outcome.NotFound.class);
        assertThat(ok(broker.requests.acknowledge(DE_CA, ID, new Lifecycle.Accept(null))).status()).isEqualTo(Status.ACCEPTED);
    }

    @Test
    void runningTheMonitorTwice_changesNothingTheSecondTime() {
        Instant late = routed().assignment().acknowledgeBy().plusSeconds(1);
        monitor.run(late);
        Request afterFirst = current();

        DeadlineMonitor.Run second = monitor.run(late);

        assertThat(second.actions()).isEmpty();
        assertThat(current()).isEqualTo(afterFirst);
    }

    @Test
    void whenTheBackupMissesItsDeadlineToo_theRequestIsMarkedOverdue_andNotEscalatedAgain() {
        monitor.run(routed().assignment().acknowledgeBy());
        Instant backupLate = current().assignment().acknowledgeBy();

        monitor.run(backupLate);
        DeadlineMonitor.Run third = monitor.run(backupLate.plus(Duration.ofDays(1)));

        assertThat(current().assignment().contactPointId()).isEqualTo("DE-CA");
        assertThat(current().assignment().acknowledgementOverdue()).isTrue();
        assertThat(actions()).containsSubsequence("ESCALATED", "ACKNOWLEDGEMENT_OVERDUE").doesNotHaveDuplicates();
        assertThat(third.actions()).extracting(AuditEvent::action).doesNotContain("ESCALATED", "ACKNOWLEDGEMENT_OVERDUE");
    }

    @Test
    void anAcceptedRequestNotAnsweredInTime_isMarkedResponseOverdue_once() {
        Request request = accepted();
        Instant late = request.assignment().respondBy();

        monitor.run(late);
        monitor.run(late.plusSeconds(60));

        assertThat(current().status()).isEqualTo(Status.ACCEPTED);
        assertThat(current().assignment().responseOverdue()).isTrue();
        assertThat(actions()).filteredOn("RESPONSE_OVERDUE"::equals).hasSize(1);
    }

    @Test
    void whileAwaitingClarification_theResponseClockStandsStill() {
        Request request = accepted();
        broker.clock.advance(Duration.ofHours(2));
        ok(broker.requests.askForClarification(DE_POC247, ID, "Which time zone are the log times in?"));

        DeadlineMonitor.Run run = monitor.run(request.assignment().respondBy().plus(Duration.ofHours(1)));

        assertThat(run.actions()).isEmpty();
        assertThat(current().status()).isEqualTo(Status.AWAITING_CLARIFICATION);
    }

    @Test
    void theAnswerToAClarification_movesTheResponseDeadlineByTheTimeItStoodStill() {
        Request request = accepted();
        broker.clock.advance(Duration.ofHours(2));
        ok(broker.requests.askForClarification(DE_POC247, ID, "Which time zone are the log times in?"));
        broker.clock.advance(Duration.ofHours(5));

        Request resumed = ok(broker.requests.clarify(NL_POLICE, ID, "UTC"));

        assertThat(resumed.status()).isEqualTo(Status.ACCEPTED);
        assertThat(resumed.assignment().respondBy()).isEqualTo(request.assignment().respondBy().plus(Duration.ofHours(5)));
        assertThat(monitor.run(request.assignment().respondBy().plus(Duration.ofHours(4))).actions()).isEmpty();
        assertThat(monitor.run(resumed.assignment().respondBy()).actions())
                .extracting(AuditEvent::action).containsExactly("RESPONSE_OVERDUE");
    }

    @Test
    void anAcceptedPreservation_isHeldForSixtyDays_thenExpires() {
        Request request = accepted();
        assertThat(request.preservation()).isEqualTo(new Preservation(request.updatedAt().plus(Duration.ofDays(60)), false));

        monitor.run(request.preservation().until().minusSeconds(1));
        assertThat(current().status()).isNotEqualTo(Status.EXPIRED);
        monitor.run(request.preservation().until());

        assertThat(current().status()).isEqualTo(Status.EXPIRED);
        assertThat(broker.store.events(ID).getLast()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("PRESERVATION_EXPIRED");
            assertThat(e.ruleIds()).containsExactly("P2-EXPEDITED");
            assertThat(e.reason()).contains("without an extension");
        });
        assertThat(Deadlines.nextDue(current())).isEmpty();
    }

    @Test
    void anExtendedPreservation_runsThirtyDaysLonger_andThenExpires() {
        Request request = accepted();
        Instant sixtyDays = request.preservation().until();
        broker.clock.advance(Duration.ofDays(50));
        Request extended = ok(broker.requests.extendPreservation(NL_POLICE, ID));

        monitor.run(sixtyDays);
        assertThat(current().status()).isNotEqualTo(Status.EXPIRED);
        monitor.run(sixtyDays.plus(Duration.ofDays(30)));

        assertThat(extended.preservation()).isEqualTo(new Preservation(sixtyDays.plus(Duration.ofDays(30)), true));
        assertThat(current().status()).isEqualTo(Status.EXPIRED);
        assertThat(actions()).containsSubsequence("PRESERVATION_EXTENDED", "PRESERVATION_EXPIRED");
    }

    @Test
    void anAnsweredPreservation_stillExpiresAtTheEndOfItsPeriod() {
        Request request = accepted();
        ok(broker.responses.submit(DE_POC247, ID, new io.liaison.core.gate.Answer(List.of(),
                new io.liaison.core.gate.Answer.Confirmation("Connection logs, 20-23 Nov 2026", java.time.LocalDate.parse("2027-01-23")),
                true, Tlp.AMBER)));
        assertThat(current().status()).isEqualTo(Status.ANSWERED);

        monitor.run(request.preservation().until());

        assertThat(current().status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void aRequestThatCannotBeWritten_isReported_andTriedAgainNextRun() {
        Request request = routed();
        broker.store.interleaveBeforeNextApply(() -> {
            throw new IllegalStateException("the table cannot be reached");
        });

        DeadlineMonitor.Run run = monitor.run(request.assignment().acknowledgeBy());
        DeadlineMonitor.Run next = monitor.run(request.assignment().acknowledgeBy());

        assertThat(run.actions()).isEmpty();
        assertThat(run.failed()).containsExactly(ID + ": IllegalStateException");
        assertThat(next.actions()).extracting(AuditEvent::action).containsExactly("ESCALATED");
    }
}
