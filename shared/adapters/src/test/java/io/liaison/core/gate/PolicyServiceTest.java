package io.liaison.core.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Outcome;
import io.liaison.core.Violation;
import io.liaison.json.Json;
import io.liaison.testing.Callers;
import io.liaison.testing.InMemoryPolicyStore;
import io.liaison.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator replaces the release policy; versions are kept, bad documents change nothing. */
class PolicyServiceTest {
    private final InMemoryPolicyStore store = new InMemoryPolicyStore();
    private final TestClock clock = new TestClock();
    private final PolicyService policies = new PolicyService(store, PolicyFiles::readReleasePolicy,
            PolicyFiles.releasePolicyDocument(), clock);

    private static ObjectNode packaged() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(PolicyFiles.releasePolicyDocument());
    }

    @Test
    void get_isThePackagedPolicy_untilAnAdministratorReplacesIt() {
        assertThat(policies.get().version()).isEqualTo("release-2026-11-24");
        assertThat(policies.read(Callers.ADMIN, Optional.empty())).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void replace_makesTheNewVersionCurrent_andKeepsTheOldOneReadable() throws Exception {
        ObjectNode next = packaged().put("version", "release-2026-12-01").put("retention", "P30D");

        assertThat(policies.replace(Callers.ADMIN, next.toString())).isInstanceOf(Outcome.Ok.class);

        assertThat(policies.get().version()).isEqualTo("release-2026-12-01");
        assertThat(policies.get().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(policies.read(Callers.AUDITOR, Optional.of("release-2026-11-24"))).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void replace_refusesAVersionNameInUse() throws Exception {
        assertThat(policies.replace(Callers.ADMIN, packaged().toString())).isInstanceOf(Outcome.Conflict.class);
    }

    @Test
    void replace_refusesUnknownJurisdictions_andChangesNothing() throws Exception {
        ObjectNode next = packaged().put("version", "release-bad");
        next.withArray("europeanUnion").add("UK");

        Outcome<PolicyStore.StoredPolicy> outcome = policies.replace(Callers.ADMIN, next.toString());

        assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
        assertThat(((Outcome.Invalid<?>) outcome).violations()).extracting(Violation::pointer).containsExactly("/europeanUnion/27");
        assertThat(store.current()).isEmpty();
    }

    @Test
    void replace_refusesADocumentThatDoesNotFitTheModel() throws Exception {
        ObjectNode next = packaged().put("version", "release-bad").put("retention", "ninety days");

        assertThat(policies.replace(Callers.ADMIN, next.toString())).isInstanceOf(Outcome.Invalid.class);
        assertThat(policies.get().version()).isEqualTo("release-2026-11-24");
    }

    @Test
    void replace_isForAdministratorsOnly() throws Exception {
        ObjectNode next = packaged().put("version", "release-2026-12-01");

        assertThat(policies.replace(Callers.DPO, next.toString())).isInstanceOf(Outcome.Forbidden.class);
        assertThat(policies.read(Callers.NL_POLICE, Optional.empty())).isInstanceOf(Outcome.Forbidden.class);
    }
}
