package io.liaison.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.json.Json;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Where a filed request goes. The first part walks cases/routing.json over the demo directory and
 * routing policy that ship in shared/adapters/src/main/resources/liaison/; the second part pins the rule
 * mechanics with a small policy made by hand.
 */
class RoutingTest {
    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private static final Requester NL_POLICE = new Requester("NL", "NL-POLITIE-THTC", "nl-police");

    private static Request filed(Filing filing) {
        return Request.filed("276b1bd5-f897-474b-8535-d60307d343ee", NL_POLICE, filing, NOW);
    }

    private static Filing filing(RequestType type, Urgency urgency, Instrument instrument, String target) {
        LegalBasis basis = new LegalBasis(instrument, "Art. 1",
                instrument == Instrument.BILATERAL_TREATY ? "Bilateral MLA treaty" : null);
        return Filings.preservation().type(type).urgency(urgency).legalBasis(basis).target(target).build();
    }

    // --- the demo policy: cases/routing.json ---

    static Stream<Arguments> demoPolicyCases() throws IOException {
        JsonNode cases;
        try (InputStream in = RoutingTest.class.getResourceAsStream("/cases/routing.json")) {
            cases = Json.MAPPER.readTree(in);
        }
        List<Arguments> arguments = new ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode f = c.get("filing");
            Filing filing = filing(Coded.parse(RequestType.class, f.get("type").asText()).orElseThrow(),
                    Coded.parse(Urgency.class, f.get("urgency").asText()).orElseThrow(),
                    Coded.parse(Instrument.class, f.get("instrument").asText()).orElseThrow(),
                    f.get("target").asText());
            arguments.add(Arguments.of(c.get("desc").asText(), filing, c));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoPolicyCases")
    void decide_followsTheDemoPolicy(String desc, Filing filing, JsonNode expected) {
        // GIVEN a filed request, the demo directory and the demo routing policy
        Request request = filed(filing);

        // WHEN it is routed
        Lifecycle.Action decision = Routing.decide(request, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY, NOW);

        // THEN it goes where the case says, with the case's deadlines, or is unroutable by the case's rule
        // (a case checks only the fields it names)
        if (expected.has("unroutableBy")) {
            assertThat(decision).as(desc).asInstanceOf(type(Lifecycle.MarkUnroutable.class))
                    .extracting(Lifecycle.MarkUnroutable::ruleId).isEqualTo(expected.get("unroutableBy").asText());
            return;
        }
        JsonNode to = expected.get("routedTo");
        assertThat(decision).as(desc).asInstanceOf(type(Lifecycle.Route.class)).satisfies(route -> {
            if (to.has("contactPoint")) assertThat(route.contactPoint().id()).isEqualTo(to.get("contactPoint").asText());
            if (to.has("kind")) assertThat(route.contactPoint().kind().code()).isEqualTo(to.get("kind").asText());
            if (to.has("rule")) assertThat(route.ruleId()).isEqualTo(to.get("rule").asText());
            if (to.has("deadlineRule")) assertThat(route.deadlineRuleId()).isEqualTo(to.get("deadlineRule").asText());
            if (to.has("acknowledgeWithin")) {
                assertThat(route.acknowledgeBy()).isEqualTo(NOW.plus(Duration.parse(to.get("acknowledgeWithin").asText())));
            }
            if (to.has("respondWithin")) {
                assertThat(route.respondBy()).isEqualTo(NOW.plus(Duration.parse(to.get("respondWithin").asText())));
            }
        });
    }

    @Test
    void decide_explainsAnUnroutableRequest_byJurisdictionKindAndRule() {
        // GIVEN content data asked of France under Budapest; the demo directory has no French central authority
        Request request = filed(filing(RequestType.CONTENT_DATA, Urgency.ROUTINE, Instrument.BUDAPEST_CONVENTION, "FR"));

        // WHEN it is routed
        Lifecycle.Action decision = Routing.decide(request, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY, NOW);

        // THEN the reason names the jurisdiction, the missing kind and the rule that needed it
        assertThat(decision).asInstanceOf(type(Lifecycle.MarkUnroutable.class)).satisfies(u -> {
            assertThat(u.ruleId()).isEqualTo("R6-MUTUAL-ASSISTANCE");
            assertThat(u.reason()).startsWith("FR has no CENTRAL_AUTHORITY in the directory")
                    .contains("rule R6-MUTUAL-ASSISTANCE requires");
        });
    }

    @Test
    void decide_givesTheRuleDescription_asTheRoutingReason() {
        Request request = filed(Filings.preservation().build());

        Lifecycle.Action decision = Routing.decide(request, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY, NOW);

        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class)).extracting(Lifecycle.Route::reason)
                .isEqualTo("expedited preservation goes to the 24/7 point of contact (Budapest Arts. 29 and 35)");
    }

    @Test
    void decide_marksAStoredRequestUnroutable_underTheLegalBasisRule_namingProtocol22() {
        // GIVEN an order to Denmark under the Regulation, stored before filing refused such orders
        Request request = filed(filing(RequestType.SUBSCRIBER_DATA, Urgency.ROUTINE, Instrument.E_EVIDENCE_REGULATION, "DK"));

        // WHEN it is routed
        Lifecycle.Action decision = Routing.decide(request, InMemoryBroker.DIRECTORY, InMemoryBroker.POLICY, NOW);

        // THEN it goes nowhere, and the reason is the legal basis, with the policy's facts, not a missing contact point
        assertThat(decision).asInstanceOf(type(Lifecycle.MarkUnroutable.class)).satisfies(u -> {
            assertThat(u.ruleId()).isEqualTo(Binding.RULE_ID);
            assertThat(u.reason()).startsWith("the legal basis does not bind both sides under policy " + InMemoryBroker.POLICY.version()
                            + " on the filing date 2026-11-24")
                    .contains("DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark")
                    .doesNotContain("E_EVIDENCE_AUTHORITY");
        });
    }

    @Test
    void decide_asksWhetherTheInstrumentBinds_onTheFilingDate_notTheRoutingDate() {
        // GIVEN a policy under which the Regulation binds Germany only from 1 March 2027
        RoutingPolicy policy = bindingDeOnlyFrom(java.time.LocalDate.parse("2027-03-01"));
        Filing order = filing(RequestType.SUBSCRIBER_DATA, Urgency.ROUTINE, Instrument.E_EVIDENCE_REGULATION, "DE");
        Instant routedAt = Instant.parse("2027-03-02T08:00:00Z");

        // WHEN one order filed the day before Germany was bound, and one filed after, are routed on the same later day
        Lifecycle.Action filedBefore = Routing.decide(Request.filed("a", NL_POLICE, order, Instant.parse("2027-02-28T23:59:59Z")),
                germanyWith(ContactPointKind.E_EVIDENCE_AUTHORITY), policy, routedAt);
        Lifecycle.Action filedAfter = Routing.decide(Request.filed("b", NL_POLICE, order, Instant.parse("2027-03-01T00:00:00Z")),
                germanyWith(ContactPointKind.E_EVIDENCE_AUTHORITY), policy, routedAt);

        // THEN the first is unroutable for its legal basis, as filing would have said that day, and the second is routed
        assertThat(filedBefore).asInstanceOf(type(Lifecycle.MarkUnroutable.class)).extracting(Lifecycle.MarkUnroutable::reason)
                .asString().endsWith("Regulation (EU) 2023/1543 binds DE only from 2027-03-01 (for the test)");
        assertThat(filedAfter).isInstanceOf(Lifecycle.Route.class);
    }

    private static RoutingPolicy bindingDeOnlyFrom(java.time.LocalDate from) {
        var regulation = new RoutingPolicy.InstrumentTerms(Instrument.E_EVIDENCE_REGULATION, "Regulation (EU) 2023/1543",
                java.time.LocalDate.parse("2026-08-18"), "Art. 34", new RoutingPolicy.Parties.Listed(List.of(
                        new RoutingPolicy.Party("NL", null, null, "Member State"),
                        new RoutingPolicy.Party("DE", from, null, "for the test")), List.of(), "unlisted"));
        return new RoutingPolicy("later-de", java.util.Map.of(Instrument.E_EVIDENCE_REGULATION, regulation),
                List.of(rule("E", ANY, ContactPointKind.E_EVIDENCE_AUTHORITY)), List.of(ROUTINE_DEADLINE), List.of());
    }

    // --- rule mechanics, with a policy made by hand ---

    private static final Match ANY = Match.ANY;
    private static final RoutingPolicy.DeadlineRule ROUTINE_DEADLINE =
            new RoutingPolicy.DeadlineRule("D-ANY", "everything", ANY, Duration.ofDays(2), Duration.ofDays(30));

    private static Match types(RequestType... types) {
        return new Match(Set.of(types), Set.of(), Set.of());
    }

    private static RoutingPolicy.RoutingRule rule(String id, Match when, ContactPointKind... to) {
        return new RoutingPolicy.RoutingRule(id, "rule " + id, when, List.of(to));
    }

    private static RoutingPolicy policy(RoutingPolicy.RoutingRule... rules) {
        return new RoutingPolicy("test-1", List.of(rules), List.of(ROUTINE_DEADLINE));
    }

    private static Directory germanyWith(ContactPointKind... kinds) {
        List<ContactPoint> contactPoints = new ArrayList<>();
        for (ContactPointKind kind : kinds) {
            contactPoints.add(new ContactPoint("DE-" + kind.code(), "DE", kind, "German " + kind.code(), null));
        }
        return new Directory("test", contactPoints);
    }

    @Test
    void decide_usesTheFirstRuleThatMatches_evenWhenALaterOneAlsoDoes() {
        // GIVEN a rule for content data before a rule for everything
        RoutingPolicy policy = policy(rule("A", types(RequestType.CONTENT_DATA), ContactPointKind.NATIONAL_CSIRT),
                rule("B", ANY, ContactPointKind.POC_24_7));
        Directory directory = germanyWith(ContactPointKind.NATIONAL_CSIRT, ContactPointKind.POC_24_7);

        // WHEN a content-data request is routed
        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().type(RequestType.CONTENT_DATA).build()),
                directory, policy, NOW);

        // THEN the first rule decides
        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class)).satisfies(route -> {
            assertThat(route.ruleId()).isEqualTo("A");
            assertThat(route.contactPoint().kind()).isEqualTo(ContactPointKind.NATIONAL_CSIRT);
        });
    }

    @Test
    void decide_skipsARuleThatDoesNotMatch() {
        RoutingPolicy policy = policy(rule("A", types(RequestType.CONTENT_DATA), ContactPointKind.NATIONAL_CSIRT),
                rule("B", ANY, ContactPointKind.POC_24_7));
        Directory directory = germanyWith(ContactPointKind.NATIONAL_CSIRT, ContactPointKind.POC_24_7);

        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().build()), directory, policy, NOW);

        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class)).extracting(Lifecycle.Route::ruleId).isEqualTo("B");
    }

    @Test
    void decide_takesTheFirstKindOfTheRule_thatTheTargetHas() {
        // GIVEN a rule preferring a central authority, then a CSIRT, then a 24/7 point, and a Germany without central authority
        RoutingPolicy policy = policy(rule("A", ANY, ContactPointKind.CENTRAL_AUTHORITY,
                ContactPointKind.NATIONAL_CSIRT, ContactPointKind.POC_24_7));
        Directory directory = germanyWith(ContactPointKind.POC_24_7, ContactPointKind.NATIONAL_CSIRT);

        // WHEN a request to Germany is routed
        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().build()), directory, policy, NOW);

        // THEN the CSIRT is chosen: second in the rule's order, whatever the directory's order
        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class))
                .extracting(r -> r.contactPoint().id()).isEqualTo("DE-NATIONAL_CSIRT");
    }

    @Test
    void decide_takesTheFirstKindOfTheRule_whenTheTargetHasAll() {
        RoutingPolicy policy = policy(rule("A", ANY, ContactPointKind.CENTRAL_AUTHORITY, ContactPointKind.POC_24_7));
        Directory directory = germanyWith(ContactPointKind.POC_24_7, ContactPointKind.CENTRAL_AUTHORITY);

        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().build()), directory, policy, NOW);

        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class))
                .extracting(r -> r.contactPoint().id()).isEqualTo("DE-CENTRAL_AUTHORITY");
    }

    @Test
    void decide_namesEveryKindTried_whenTheTargetHasNone() {
        RoutingPolicy policy = policy(rule("A", ANY, ContactPointKind.CENTRAL_AUTHORITY, ContactPointKind.E_EVIDENCE_AUTHORITY));
        Directory directory = germanyWith(ContactPointKind.NATIONAL_CSIRT);

        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().build()), directory, policy, NOW);

        assertThat(decision).asInstanceOf(type(Lifecycle.MarkUnroutable.class)).satisfies(u -> {
            assertThat(u.ruleId()).isEqualTo("A");
            assertThat(u.reason()).contains("DE has no CENTRAL_AUTHORITY or E_EVIDENCE_AUTHORITY");
        });
    }

    @Test
    void decide_marksUnroutableWithoutRule_whenNoRuleMatches() {
        // GIVEN a policy that only knows preservation
        RoutingPolicy policy = policy(rule("A", types(RequestType.PRESERVATION), ContactPointKind.POC_24_7));

        // WHEN a subscriber-data request is routed
        Lifecycle.Action decision = Routing.decide(
                filed(Filings.preservation().type(RequestType.SUBSCRIBER_DATA).build()),
                germanyWith(ContactPointKind.POC_24_7), policy, NOW);

        // THEN no rule is named, and the reason says which policy had none for what
        assertThat(decision).isEqualTo(new Lifecycle.MarkUnroutable(null,
                "no routing rule of policy test-1 covers a subscriber_data request under ETS_185"));
    }

    @Test
    void decide_takesTheFirstDeadlineRuleThatMatches() {
        // GIVEN an emergency deadline before the catch-all one
        var emergency = new RoutingPolicy.DeadlineRule("D-EMERGENCY", "emergency",
                new Match(Set.of(), Set.of(Urgency.EMERGENCY), Set.of()), Duration.ofMinutes(30), Duration.ofHours(6));
        RoutingPolicy policy = new RoutingPolicy("test-2", List.of(rule("A", ANY, ContactPointKind.POC_24_7)),
                List.of(emergency, ROUTINE_DEADLINE));

        // WHEN an emergency is routed
        Lifecycle.Action decision = Routing.decide(filed(Filings.preservation().urgency(Urgency.EMERGENCY).build()),
                germanyWith(ContactPointKind.POC_24_7), policy, NOW);

        // THEN its deadlines apply, counted from now
        assertThat(decision).asInstanceOf(type(Lifecycle.Route.class)).satisfies(route -> {
            assertThat(route.deadlineRuleId()).isEqualTo("D-EMERGENCY");
            assertThat(route.acknowledgeBy()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
            assertThat(route.respondBy()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        });
    }
}
