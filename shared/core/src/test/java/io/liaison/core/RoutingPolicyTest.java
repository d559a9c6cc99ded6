package io.liaison.core;

import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

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

    // --- which instruments bind both sides on a date: RoutingPolicy.binding ---

    private static final LocalDate DAY = LocalDate.parse("2026-11-24");
    private static final RoutingPolicy.DeadlineRule ANY_DEADLINE =
            new RoutingPolicy.DeadlineRule("D", "everything", Match.ANY, Duration.ofDays(2), Duration.ofDays(30));

    /**
     * A policy made by hand: the Regulation binds NL from its start, DE only from 2027-03-01 and BE
     * only until 2026-10-31; DK is a listed non-party; the Convention is not in force; a bilateral
     * treaty binds any pair; the Second Protocol is not in the policy at all.
     */
    private static RoutingPolicy handMade() {
        var regulation = new RoutingPolicy.InstrumentTerms(Instrument.E_EVIDENCE_REGULATION, "Regulation (EU) 2023/1543",
                LocalDate.parse("2026-08-18"), "Art. 34", new RoutingPolicy.Parties.Listed(List.of(
                        new RoutingPolicy.Party("NL", LocalDate.parse("2026-08-18"), null, "Member State"),
                        new RoutingPolicy.Party("DE", LocalDate.parse("2027-03-01"), null, "a late start, for the test"),
                        new RoutingPolicy.Party("BE", null, LocalDate.parse("2026-10-31"), "an early end, for the test")),
                        List.of(new RoutingPolicy.NonParty("DK", "Protocol No 22 on the position of Denmark", "ministry notes")),
                        "not among the parties this policy lists"));
        var convention = new RoutingPolicy.InstrumentTerms(Instrument.BUDAPEST_CONVENTION, "the Budapest Convention (ETS 185)",
                null, "not yet", new RoutingPolicy.Parties.Listed(List.of(new RoutingPolicy.Party("NL", null, null, "party")),
                        List.of(), "unlisted"));
        var treaty = new RoutingPolicy.InstrumentTerms(Instrument.BILATERAL_TREATY, "a bilateral treaty", LocalDate.MIN, null,
                new RoutingPolicy.Parties.Any("the treaty names its parties"));
        return new RoutingPolicy("hand-1", Map.of(regulation.instrument(), regulation, convention.instrument(), convention,
                treaty.instrument(), treaty), List.of(), List.of(ANY_DEADLINE), List.of());
    }

    private static Binding.DoesNotBind refused(Binding binding) {
        assertThat(binding).isInstanceOf(Binding.DoesNotBind.class);
        return (Binding.DoesNotBind) binding;
    }

    @Test
    void binding_bindsBothSides_withTheFactOfEachSide_requestingSideFirst() {
        var regulation = handMade().instruments().get(Instrument.E_EVIDENCE_REGULATION);
        RoutingPolicy policy = new RoutingPolicy("hand-2", Map.of(Instrument.E_EVIDENCE_REGULATION,
                new RoutingPolicy.InstrumentTerms(Instrument.E_EVIDENCE_REGULATION, regulation.name(), regulation.inForceFrom(),
                        regulation.source(), new RoutingPolicy.Parties.Listed(List.of(
                                new RoutingPolicy.Party("NL", LocalDate.parse("2026-08-18"), null, "Member State"),
                                new RoutingPolicy.Party("FR", null, null, "Member State, date unconfirmed")), List.of(), "unlisted"))),
                List.of(), List.of(ANY_DEADLINE), List.of());

        assertThat(policy.binding(Instrument.E_EVIDENCE_REGULATION, "FR", "NL", DAY))
                .asInstanceOf(type(Binding.Binds.class)).extracting(Binding.Binds::sides).asList().containsExactly(
                        new Binding.Bound("FR", null, null, "Member State, date unconfirmed"),
                        new Binding.Bound("NL", LocalDate.parse("2026-08-18"), null, "Member State"));
    }

    @Test
    void binding_namesTheSideThatIsNotAParty_withTheReasonAndTheSourceThePolicyRecords() {
        Binding.DoesNotBind refused = refused(handMade().binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DK", DAY));

        assertThat(refused.gaps()).containsExactly(new Binding.NotAParty("DK", "Regulation (EU) 2023/1543",
                "Protocol No 22 on the position of Denmark", "ministry notes"));
        assertThat(refused.reason()).isEqualTo(
                "DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark (ministry notes)");
    }

    @Test
    void binding_namesTheLaterDate_whenASideIsBoundOnlyFromThen() {
        Binding.DoesNotBind refused = refused(handMade().binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DE", DAY));

        assertThat(refused.reason()).isEqualTo("Regulation (EU) 2023/1543 binds DE only from 2027-03-01 (a late start, for the test)");
        assertThat(handMade().binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DE", LocalDate.parse("2027-03-01"))
                .bindsBothSides()).isTrue();
    }

    @Test
    void binding_namesTheLastDay_whenASideIsNoLongerBound() {
        RoutingPolicy policy = handMade();

        assertThat(refused(policy.binding(Instrument.E_EVIDENCE_REGULATION, "BE", "NL", DAY)).reason())
                .isEqualTo("Regulation (EU) 2023/1543 bound BE only until 2026-10-31 (an early end, for the test)");
        assertThat(policy.binding(Instrument.E_EVIDENCE_REGULATION, "BE", "NL", LocalDate.parse("2026-10-31")).bindsBothSides())
                .isTrue();
    }

    @Test
    void binding_namesBothSides_whenNeitherIsBound_theRequestingSideFirst() {
        Binding.DoesNotBind refused = refused(handMade().binding(Instrument.E_EVIDENCE_REGULATION, "US", "DK", DAY));

        assertThat(refused.gaps()).extracting(Binding.Gap::jurisdiction).containsExactly("US", "DK");
        assertThat(refused.reason()).isEqualTo("US is not bound by Regulation (EU) 2023/1543: not among the parties this policy lists; "
                + "DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark (ministry notes)");
    }

    @Test
    void binding_saysOnlyThatTheInstrumentIsNotInForce_whenItBindsNobodyYet() {
        Binding.DoesNotBind refused = refused(handMade().binding(Instrument.BUDAPEST_CONVENTION, "NL", "DE", DAY));

        assertThat(refused.gaps()).singleElement().isInstanceOf(Binding.NotInForce.class)
                .extracting(Binding.Gap::jurisdiction).isNull();
        assertThat(refused.reason()).isEqualTo("ETS_185 is not in force today under policy hand-1; no request can rest on it yet");
    }

    @Test
    void binding_namesTheDateAnInstrumentAppliesFrom_beforeItApplies() {
        Binding.DoesNotBind refused = refused(handMade().binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DK",
                LocalDate.parse("2026-08-17")));

        assertThat(refused.gaps()).containsExactly(new Binding.NotInForce(Instrument.E_EVIDENCE_REGULATION,
                LocalDate.parse("2026-08-18"), "Art. 34", "hand-1"));
        assertThat(refused.reason()).endsWith("no request can rest on it yet (it applies from 2026-08-18)");
    }

    @Test
    void binding_bindsNobody_underAnInstrumentThePolicyDoesNotName() {
        assertThat(handMade().binding(Instrument.SECOND_PROTOCOL, "NL", "DE", DAY).bindsBothSides()).isFalse();
    }

    @Test
    void binding_bindsAnyPair_underAnInstrumentOpenToEveryJurisdiction() {
        assertThat(handMade().binding(Instrument.BILATERAL_TREATY, "ID", "DK", DAY))
                .asInstanceOf(type(Binding.Binds.class)).extracting(Binding.Binds::sides).asList()
                .extracting("jurisdiction", "source")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ID", "the treaty names its parties"),
                        org.assertj.core.groups.Tuple.tuple("DK", "the treaty names its parties"));
    }

    @Test
    void bindings_answersForEveryInstrument_inTheOrderOfInstrument_storingNothing() {
        List<Binding> bindings = handMade().bindings("NL", "DK", DAY);

        assertThat(bindings).extracting(Binding::instrument).containsExactly(Instrument.values());
        assertThat(bindings).filteredOn(Binding::bindsBothSides).extracting(Binding::instrument)
                .containsExactly(Instrument.BILATERAL_TREATY);
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.requesting()).isEqualTo("NL");
            assertThat(b.target()).isEqualTo("DK");
            assertThat(b.date()).isEqualTo(DAY);
            assertThat(b.policyVersion()).isEqualTo("hand-1");
        });
    }

    @Test
    void parties_areRefused_whenAJurisdictionIsBothAPartyAndANonParty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingPolicy.Parties.Listed(
                List.of(new RoutingPolicy.Party("DK", null, null, "s")), List.of(new RoutingPolicy.NonParty("DK", "r", "s")), "u"))
                .withMessageContaining("DK");
    }

    @Test
    void party_isRefused_whenItsEndComesBeforeItsStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingPolicy.Party("DE",
                LocalDate.parse("2027-01-01"), LocalDate.parse("2026-01-01"), "s")).withMessageContaining("DE");
    }
}
