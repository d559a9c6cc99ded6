package io.liaison.config;

import io.liaison.core.ContactPoint;
import io.liaison.core.Directory;
import io.liaison.core.Match;
import io.liaison.core.RoutingPolicy;
import io.liaison.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo directory and routing policy that ship in shared/src/main/resources/liaison/. */
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
}
