package io.liaison.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Binding;
import io.liaison.core.ContactPoint;
import io.liaison.core.Directory;
import io.liaison.core.Instrument;
import io.liaison.core.Match;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.gate.ReleasePolicy;
import io.liaison.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The demo directory and routing policy that ship in shared/adapters/src/main/resources/liaison/. */
class PolicyFilesTest {
    private final Directory directory = PolicyFiles.directory(Json.MAPPER);
    private final RoutingPolicy policy = PolicyFiles.routingPolicy(Json.MAPPER);

    @Test
    void directory_namesOnlyIsoJurisdictions() {
        Set<String> iso = Set.of(Locale.getISOCountries());

        assertThat(directory.contactPoints()).extracting(ContactPoint::jurisdiction).allMatch(iso::contains);
    }

    @Test
    void directory_servesTheDemoJurisdictions_andNotItaly() {
        assertThat(Set.of("NL", "DE", "FR", "BE", "IE", "DK", "US", "BR", "JP", "GB", "CH", "ID")).allMatch(directory::serves);
        assertThat(directory.serves("IT")).isFalse();
    }

    @Test
    void directory_carriesItsVersion() {
        assertThat(directory.version()).isNotBlank();
    }

    @Test
    void routingPolicy_namesEachRuleOnce() {
        // Decisions record rule ids, so an id must say which rule fired.
        assertThat(policy.rules()).extracting(RoutingPolicy.RoutingRule::id).doesNotHaveDuplicates();
        assertThat(policy.deadlines()).extracting(RoutingPolicy.DeadlineRule::id).doesNotHaveDuplicates();
    }

    @Test
    void routingPolicy_endsWithARuleForEverything_soNoRequestIsLeftWithoutARule() {
        assertThat(policy.rules().getLast().when()).isEqualTo(Match.ANY);
        assertThat(policy.deadlines().getLast().when()).isEqualTo(Match.ANY);
    }

    @Test
    void routingPolicy_describesEveryRule() {
        assertThat(policy.rules()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(policy.deadlines()).allSatisfy(d -> assertThat(d.description()).isNotBlank());
    }

    // --- who each instrument binds ---

    private static final LocalDate DAY = LocalDate.parse("2026-12-07");

    private Set<String> demoJurisdictions() {
        Set<String> jurisdictions = new TreeSet<>();
        directory.contactPoints().forEach(cp -> jurisdictions.add(cp.jurisdiction()));
        return jurisdictions;
    }

    @Test
    void routingPolicy_saysWhoEveryInstrumentBinds() {
        assertThat(policy.instruments()).containsOnlyKeys(Instrument.values());
        assertThat(policy.instruments().values()).allSatisfy(terms -> assertThat(terms.name()).isNotBlank());
    }

    @Test
    void routingPolicy_bindsDenmark_byTheConventionButNotByTheRegulation_namingProtocol22() {
        assertThat(policy.binding(Instrument.BUDAPEST_CONVENTION, "NL", "DK", DAY).bindsBothSides()).isTrue();
        assertThat(policy.binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DK", DAY))
                .isInstanceOfSatisfying(Binding.DoesNotBind.class, refused -> assertThat(refused.reason())
                        .startsWith("DK is not bound by Regulation (EU) 2023/1543: Protocol No 22 on the position of Denmark"));
    }

    @Test
    void routingPolicy_bindsIreland_byTheRegulationButNotByTheConvention() {
        assertThat(policy.binding(Instrument.E_EVIDENCE_REGULATION, "NL", "IE", DAY).bindsBothSides()).isTrue();
        assertThat(policy.binding(Instrument.BUDAPEST_CONVENTION, "NL", "IE", DAY))
                .isInstanceOfSatisfying(Binding.DoesNotBind.class, refused -> assertThat(refused.reason())
                        .contains("IE is not bound by the Budapest Convention (ETS 185)", "not ratified"));
    }

    @Test
    void routingPolicy_givesEveryDemoJurisdictionThatAnInstrumentDoesNotBind_aReasonOfItsOwnWithASource() {
        // The "unlisted" wording is for jurisdictions outside the demo; every demo one has its own fact.
        for (Instrument instrument : Set.of(Instrument.BUDAPEST_CONVENTION, Instrument.E_EVIDENCE_REGULATION)) {
            for (String jurisdiction : demoJurisdictions()) {
                if (policy.binding(instrument, jurisdiction, jurisdiction, DAY) instanceof Binding.DoesNotBind refused) {
                    assertThat(refused.gaps()).as(instrument + " " + jurisdiction).allSatisfy(gap ->
                            assertThat(gap).isInstanceOfSatisfying(Binding.NotAParty.class, n -> assertThat(n.source()).isNotBlank()));
                }
            }
        }
    }

    @Test
    void packagedPolicies_agreeOnWhoIsBound_soFilingAndTheReleaseGateDoNotDisagree() {
        // Two files state the same facts: the routing policy (filing, routing) and the release policy (the gate).
        ReleasePolicy release = PolicyFiles.releasePolicy(Json.MAPPER);
        for (Instrument instrument : Set.of(Instrument.BUDAPEST_CONVENTION, Instrument.SECOND_PROTOCOL, Instrument.E_EVIDENCE_REGULATION)) {
            for (String date : Set.of("2005-01-01", "2026-08-17", "2026-08-18", "2026-12-07")) {
                for (String a : demoJurisdictions()) {
                    for (String b : demoJurisdictions()) {
                        LocalDate day = LocalDate.parse(date);
                        ReleasePolicy.InstrumentTerms gate = release.instruments().get(instrument);
                        assertThat(policy.binding(instrument, a, b, day).bindsBothSides())
                                .as(instrument + " " + a + "-" + b + " on " + date)
                                .isEqualTo(gate.binds(a, day) && gate.binds(b, day));
                    }
                }
            }
        }
    }

    private static ObjectNode packagedRoutingPolicy() {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(PolicyFiles.ROUTING_POLICY)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode instrument(JsonNode root, String code) {
        for (JsonNode instrument : root.path("instruments")) {
            if (instrument.path("code").asText().equals(code)) return (ObjectNode) instrument;
        }
        throw new AssertionError(code);
    }

    @Test
    void routingPolicy_readsAPartyUntilADate() {
        ObjectNode root = packagedRoutingPolicy();
        ((ObjectNode) instrument(root, "EU_2023_1543").withArray("parties").get(0)).put("until", "2026-12-31");

        RoutingPolicy read = PolicyFiles.routingPolicy(root);

        assertThat(read.binding(Instrument.E_EVIDENCE_REGULATION, "NL", "DE", LocalDate.parse("2027-01-01")))
                .isInstanceOfSatisfying(Binding.DoesNotBind.class, refused -> assertThat(refused.reason())
                        .startsWith("Regulation (EU) 2023/1543 bound NL only until 2026-12-31"));
    }

    @Test
    void routingPolicy_doesNotLoad_whenANonPartyHasNoReason() {
        ObjectNode root = packagedRoutingPolicy();
        ((ObjectNode) instrument(root, "EU_2023_1543").withArray("notParties").get(0)).remove("reason");

        assertThatIllegalStateException().isThrownBy(() -> PolicyFiles.routingPolicy(root))
                .withMessageContaining("DK").withMessageContaining("EU_2023_1543").withMessageContaining("reason");
    }

    @Test
    void routingPolicy_doesNotLoad_whenAPartyHasNoSource() {
        ObjectNode root = packagedRoutingPolicy();
        ((ObjectNode) instrument(root, "ETS_185").withArray("parties").get(1)).remove("source");

        assertThatIllegalStateException().isThrownBy(() -> PolicyFiles.routingPolicy(root)).withMessageContaining("source");
    }

    @Test
    void routingPolicy_doesNotLoad_whenAPartyIsNoIsoJurisdiction() {
        ObjectNode root = packagedRoutingPolicy();
        ((ObjectNode) instrument(root, "ETS_185").withArray("parties").get(0)).put("jurisdiction", "UK");

        assertThatIllegalStateException().isThrownBy(() -> PolicyFiles.routingPolicy(root))
                .withMessageContaining("'UK'").withMessageContaining("ISO 3166-1");
    }

    @Test
    void routingPolicy_doesNotLoad_whenAnInstrumentSaysNothingOfItsParties() {
        ObjectNode root = packagedRoutingPolicy();
        instrument(root, "BILATERAL_TREATY").remove("anyParty");

        assertThatIllegalStateException().isThrownBy(() -> PolicyFiles.routingPolicy(root))
                .withMessageContaining("BILATERAL_TREATY").withMessageContaining("anyParty");
    }

    @Test
    void routingPolicy_doesNotLoad_whenAJurisdictionIsListedTwice() {
        ObjectNode root = packagedRoutingPolicy();
        ((ObjectNode) instrument(root, "EU_2023_1543").withArray("notParties").get(0)).put("jurisdiction", "NL");

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> PolicyFiles.routingPolicy(root))
                .withMessageContaining("NL");
    }
}
