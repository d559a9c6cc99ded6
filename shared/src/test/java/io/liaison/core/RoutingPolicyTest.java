package io.liaison.core;

import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What makes a routing policy well-formed, and how a rule's Match reads a filing. */
class RoutingPolicyTest {

    @Test
    void policy_isRefused_withoutACatchAllDeadlineRule() {
        var emergencyOnly = new RoutingPolicy.DeadlineRule("D1", "emergency",
                new Match(Set.of(), Set.of(Urgency.EMERGENCY), Set.of()), Duration.ofHours(1), Duration.ofDays(1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutingPolicy("v", List.of(), List.of(emergencyOnly)))
                .withMessageContaining("matches every request");
    }

    @Test
    void routingRule_isRefused_whenItRoutesToNoKind() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutingPolicy.RoutingRule("R1", "nowhere", Match.ANY, List.of()))
                .withMessageContaining("R1");
    }

    @Test
    void match_withNoConditions_matchesEveryFiling() {
        assertThat(Match.ANY.test(Filings.preservation().build())).isTrue();
        assertThat(Match.ANY.test(Filings.preservation().type(RequestType.INCIDENT_ASSISTANCE)
                .urgency(Urgency.EMERGENCY).legalBasis(Instrument.E_EVIDENCE_REGULATION, "Art. 5").build())).isTrue();
    }

    @Test
    void match_requiresEveryConditionItNames() {
        // GIVEN a match on e-Evidence emergencies
        Match eEvidenceEmergency = new Match(Set.of(), Set.of(Urgency.EMERGENCY), Set.of(Instrument.E_EVIDENCE_REGULATION));
        Filings eEvidence = Filings.preservation().legalBasis(Instrument.E_EVIDENCE_REGULATION, "Art. 5");

        // THEN it takes an e-Evidence emergency, and neither a routine e-Evidence order nor a Budapest emergency
        assertThat(eEvidenceEmergency.test(eEvidence.urgency(Urgency.EMERGENCY).build())).isTrue();
        assertThat(eEvidenceEmergency.test(eEvidence.urgency(Urgency.ROUTINE).build())).isFalse();
        assertThat(eEvidenceEmergency.test(Filings.preservation().urgency(Urgency.EMERGENCY).build())).isFalse();
    }

    @Test
    void match_takesAnyOfTheValuesItListsForOneCondition() {
        Match preservationOrTraffic = new Match(Set.of(RequestType.PRESERVATION, RequestType.TRAFFIC_DATA), Set.of(), Set.of());

        assertThat(preservationOrTraffic.test(Filings.preservation().build())).isTrue();
        assertThat(preservationOrTraffic.test(Filings.preservation().type(RequestType.TRAFFIC_DATA).build())).isTrue();
        assertThat(preservationOrTraffic.test(Filings.preservation().type(RequestType.CONTENT_DATA).build())).isFalse();
    }
}
