package io.liaison.core;

import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact point marked unavailable passes its requests down its backup chain, and the trail says why. */
class RoutingAroundUnavailabilityTest {
    private static final Instant FILED = Instant.parse("2026-12-24T09:30:00Z");
    private static final Requester NL_POLICE = new Requester("NL", "NL-POLITIE-THTC", "nl-police");

    private static Directory with(ContactPoint.Unavailability period, String... ids) {
        List<String> away = List.of(ids);
        return new Directory("test", InMemoryBroker.DIRECTORY.contactPoints().stream()
                .map(cp -> away.contains(cp.id()) ? cp.withUnavailability(period) : cp).toList());
    }

    private static Lifecycle.Action route(Directory directory) {
        Request request = Request.filed("276b1bd5-f897-474b-8535-d60307d343ee", NL_POLICE, Filings.preservation().build(), FILED);
        return Routing.decide(request, new Network.Snapshot(7, directory, 1, InMemoryBroker.POLICY), FILED.plusSeconds(1));
    }

    private static final ContactPoint.Unavailability CHRISTMAS = new ContactPoint.Unavailability(
            Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z"), "public holiday");

    @Test
    void anAvailableContactPointTakesItsRequests() {
        assertThat(route(InMemoryBroker.DIRECTORY)).isInstanceOfSatisfying(Lifecycle.Route.class, r -> {
            assertThat(r.contactPoint().id()).isEqualTo("DE-POC247");
            assertThat(r.reason()).doesNotContain("unavailable");
        });
    }

    @Test
    void anUnavailableContactPointsBackupTakesTheRequestAndTheReasonSaysWhy() {
        assertThat(route(with(CHRISTMAS, "DE-POC247"))).isInstanceOfSatisfying(Lifecycle.Route.class, r -> {
            assertThat(r.contactPoint().id()).isEqualTo("DE-CA");
            assertThat(r.ruleId()).isEqualTo("R2-PRESERVATION");
            assertThat(r.reason()).contains("DE-POC247 is unavailable until 2026-12-27T00:00:00.000Z (public holiday)")
                    .contains("its backup DE-CA takes the request");
        });
    }

    @Test
    void aPeriodThatHasNotBegunOrHasEndedChangesNothing() {
        var later = new ContactPoint.Unavailability(FILED.plus(Duration.ofHours(1)), FILED.plus(Duration.ofDays(1)), "maintenance");
        var over = new ContactPoint.Unavailability(FILED.minus(Duration.ofDays(1)), FILED, "maintenance");

        assertThat(route(with(later, "DE-POC247"))).extracting(a -> ((Lifecycle.Route) a).contactPoint().id()).isEqualTo("DE-POC247");
        assertThat(route(with(over, "DE-POC247"))).extracting(a -> ((Lifecycle.Route) a).contactPoint().id()).isEqualTo("DE-POC247");
    }

    @Test
    void whenTheWholeBackupChainIsUnavailableTheFirstChoiceKeepsTheRequestAndTheReasonSaysSo() {
        assertThat(route(with(CHRISTMAS, "DE-POC247", "DE-CA"))).isInstanceOfSatisfying(Lifecycle.Route.class, r -> {
            assertThat(r.contactPoint().id()).isEqualTo("DE-POC247");
            assertThat(r.reason()).contains("DE-POC247 is unavailable").contains("DE-CA is unavailable")
                    .contains("no backup is available");
        });
    }

    @Test
    void anEntryOutsideItsValidityIsNotRoutedTo() {
        Directory ended = new Directory("test", InMemoryBroker.DIRECTORY.contactPoints().stream()
                .map(cp -> !cp.id().equals("DE-POC247") ? cp : new ContactPoint(cp.id(), cp.jurisdiction(), cp.kind(), cp.name(),
                        cp.source(), cp.backup(), cp.email(), cp.instruments(), cp.requestTypes(), cp.languages(), cp.hours(),
                        null, FILED.minusSeconds(1), List.of(), 1)).toList());

        assertThat(route(ended)).isInstanceOfSatisfying(Lifecycle.MarkUnroutable.class,
                u -> assertThat(u.reason()).contains("DE has no POC_24_7"));
    }

    @Test
    void escalationSkipsABackupThatIsUnavailableNow() {
        Directory directory = with(CHRISTMAS, "DE-CA");
        Request request = Request.filed("276b1bd5-f897-474b-8535-d60307d343ee", NL_POLICE, Filings.preservation().build(),
                FILED.minus(Duration.ofDays(2)));
        Lifecycle.Applied routed = (Lifecycle.Applied) Lifecycle.apply(request,
                Routing.decide(request, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY, request.filedAt()), Actor.SYSTEM, request.filedAt());

        var due = Deadlines.due(routed.request(), new Network.Snapshot(3, directory, 1, InMemoryBroker.POLICY), FILED);

        // DE-POC247's backup DE-CA is away, and DE-CA's backup is DE-POC247 itself: nobody is left to escalate to.
        assertThat(due).get().isInstanceOfSatisfying(Lifecycle.MarkAcknowledgementOverdue.class,
                o -> assertThat(o.reason()).contains("DE-POC247 did not acknowledge"));
    }
}
