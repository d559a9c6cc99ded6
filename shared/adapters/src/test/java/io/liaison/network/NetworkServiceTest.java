package io.liaison.network;

import io.liaison.audit.TrailVerifier;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Caller;
import io.liaison.core.ContactPoint;
import io.liaison.core.Outcome;
import io.liaison.core.Role;
import io.liaison.core.Violation;
import io.liaison.testing.Callers;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.InMemoryNetworkStore;
import io.liaison.testing.SequentialIds;
import io.liaison.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** How the directory and the rules change: by whom, as which revision, and what a decision then uses. */
class NetworkServiceTest {
    private static final Caller DE_ADMIN = new Caller("de-admin", Role.ADMINISTRATOR, "DE", null, null);
    private static final Caller FR_ADMIN = new Caller("fr-admin", Role.ADMINISTRATOR, "FR", null, null);
    private static final Caller NETWORK_ADMIN = new Caller("admin", Role.ADMINISTRATOR, "NL", null, null);
    private static final Caller SECOND_NETWORK_ADMIN = new Caller("admin-2", Role.ADMINISTRATOR, "NL", null, null);
    private static final Administration OF_DE = new Administration(Set.of("DE"), false);
    private static final Administration OF_FR = new Administration(Set.of("FR"), false);
    private static final Administration NETWORK = new Administration(Set.of(), true);

    private final TestClock clock = new TestClock();
    private final InMemoryNetworkStore store = new InMemoryNetworkStore();
    private final StoredNetwork network = new StoredNetwork(store, InMemoryBroker.DIRECTORY, PolicyFiles.routingPolicyDocument(), clock);
    private final NetworkService service = new NetworkService(store, network, clock, new SequentialIds());

    private ContactPoint dePoc247() {
        return network.latestDirectory().value().byId("DE-POC247").orElseThrow();
    }

    private static ContactPoint withEmail(ContactPoint cp, String email) {
        return new ContactPoint(cp.id(), cp.jurisdiction(), cp.kind(), cp.name(), cp.source(), cp.backup(), email,
                cp.instruments(), cp.requestTypes(), cp.languages(), cp.hours(), cp.validFrom(), cp.validTo(), cp.unavailable(), 0);
    }

    @Test
    void theOwningJurisdictionsChangeAppliesAtOnceAsTheNextRevision() {
        ContactPoint before = dePoc247();
        Outcome<Revision> changed = service.change(DE_ADMIN, OF_DE, "DE-POC247", withEmail(before, "bka-247@bka.example"),
                "new functional mailbox", before.version());

        assertThat(changed).asInstanceOf(type(Outcome.Ok.class)).extracting(o -> ((Revision) o.value()).number()).isEqualTo(2L);
        assertThat(network.at(clock.instant()).directoryRevision()).isEqualTo(2);
        assertThat(dePoc247().email()).isEqualTo("bka-247@bka.example");
        assertThat(dePoc247().version()).isEqualTo(2);
        assertThat(network.latestDirectory().value().byId("DE-CA").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aDecisionAboutAnEarlierInstantUsesTheRevisionThenInForce() {
        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        service.change(DE_ADMIN, OF_DE, "DE-POC247", withEmail(dePoc247(), "bka-247@bka.example"), "new mailbox", 1L);

        assertThat(network.at(before).directoryRevision()).isEqualTo(1);
        assertThat(network.at(before).directory().byId("DE-POC247").orElseThrow().email()).isEqualTo("de-poc247@contact-points.liaison.invalid");
        assertThat(network.at(clock.instant()).directoryRevision()).isEqualTo(2);
    }

    @Test
    void anAdministratorOfFranceCannotTouchGermanysEntries() {
        Outcome<Revision> refused = service.change(FR_ADMIN, OF_FR, "DE-POC247", withEmail(dePoc247(), "x@y.example"), "mine now", 1L);

        assertThat(refused).isInstanceOf(Outcome.Forbidden.class);
        assertThat(((Outcome.Forbidden<Revision>) refused).reason()).contains("/entry/jurisdiction").contains("FR").contains("DE");
        assertThat(store.head(Trail.DIRECTORY)).isEmpty();
    }

    @Test
    void aChangeOntoAVersionSomeoneElseChangedMeanwhileIsAConflict() {
        ContactPoint read = dePoc247();
        service.change(DE_ADMIN, OF_DE, "DE-POC247", withEmail(read, "first@bka.example"), "first", read.version());

        Outcome<Revision> second = service.change(DE_ADMIN, OF_DE, "DE-POC247", withEmail(read, "second@bka.example"), "second", read.version());

        assertThat(second).isInstanceOf(Outcome.Conflict.class);
        assertThat(dePoc247().email()).isEqualTo("first@bka.example");
    }

    @Test
    void aBackupThatDoesNotExistIsRefusedWithItsPointerAndChangesNothing() {
        ContactPoint cp = dePoc247();
        ContactPoint broken = new ContactPoint(cp.id(), cp.jurisdiction(), cp.kind(), cp.name(), cp.source(), "DE-NOBODY", cp.email(),
                cp.instruments(), cp.requestTypes(), cp.languages(), cp.hours(), null, null, List.of(), 0);

        Outcome<Revision> refused = service.change(DE_ADMIN, OF_DE, "DE-POC247", broken, "typo", 1L);

        assertThat(refused).asInstanceOf(type(Outcome.Invalid.class)).extracting(i -> ((List<Violation>) i.violations()).getFirst().pointer())
                .isEqualTo("/entry/backup");
        assertThat(store.revisions(Trail.DIRECTORY, 0)).hasSize(1); // the seeded revision 1 only
    }

    @Test
    void anImportWithOneBadEntryAppliesNothing() {
        List<ContactPoint> entries = network.latestDirectory().value().contactPoints().stream()
                .map(cp -> cp.id().equals("DE-CA") ? withEmail(cp, "ca@bmj.example")
                        : cp.id().equals("DE-CSIRT") ? withEmail(cp, "not an address") : cp)
                .toList();

        Outcome<Revision> refused = service.importDirectory(DE_ADMIN, OF_DE, entries, "sync from the national register", 1L);

        assertThat(refused).isInstanceOf(Outcome.Invalid.class);
        assertThat(network.latestDirectory().revision().number()).isEqualTo(1);
        assertThat(network.latestDirectory().value().byId("DE-CA").orElseThrow().email()).isEqualTo("de-ca@contact-points.liaison.invalid");
    }

    @Test
    void anImportThatChangesAnotherJurisdictionsEntryIsForbiddenAtItsPointer() {
        List<ContactPoint> entries = network.latestDirectory().value().contactPoints().stream()
                .map(cp -> cp.id().equals("FR-POC247") ? withEmail(cp, "taken@over.example") : cp).toList();
        int index = entries.indexOf(entries.stream().filter(cp -> cp.id().equals("FR-POC247")).findFirst().orElseThrow());

        Outcome<Revision> refused = service.importDirectory(DE_ADMIN, OF_DE, entries, "sync", null);

        assertThat(refused).asInstanceOf(type(Outcome.Forbidden.class)).extracting(f -> ((Outcome.Forbidden<?>) f).reason())
                .asString().startsWith("/contactPoints/" + index + ":");
    }

    @Test
    void anExportSentBackUnchangedExceptForOwnEntriesIsOneRevision() {
        List<ContactPoint> entries = network.latestDirectory().value().contactPoints().stream()
                .map(cp -> cp.id().equals("DE-CA") ? withEmail(cp, "ca@bmj.example") : cp).toList();

        Outcome<Revision> applied = service.importDirectory(DE_ADMIN, OF_DE, entries, "sync", 1L);

        assertThat(applied).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok<Revision>) applied).value().change()).contains("1 added or changed, 0 removed");
    }

    @Test
    void aRuleChangeTakesTwoNetworkAdministrators() {
        String document = PolicyFiles.routingPolicyDocument().replace("\"routing-2026-12-07\"", "\"routing-2027-01-01\"");
        Proposal proposal = ((Outcome.Ok<Proposal>) service.propose(NETWORK_ADMIN, NETWORK, document, "CETS 224 prepared", null)).value();

        assertThat(service.approve(NETWORK_ADMIN, NETWORK, proposal.id())).isInstanceOf(Outcome.Forbidden.class);
        assertThat(service.approve(DE_ADMIN, OF_DE, proposal.id())).isInstanceOf(Outcome.Forbidden.class);
        Outcome<Revision> approved = service.approve(SECOND_NETWORK_ADMIN, NETWORK, proposal.id());

        assertThat(approved).isInstanceOf(Outcome.Ok.class);
        assertThat(network.at(clock.instant()).rules().version()).isEqualTo("routing-2027-01-01");
        assertThat(network.at(clock.instant()).rulesRevision()).isEqualTo(2);
        assertThat(service.approve(SECOND_NETWORK_ADMIN, NETWORK, proposal.id())).isInstanceOf(Outcome.Conflict.class);
    }

    @Test
    void aRuleThatRoutesToAKindNoContactPointHasIsRefused() {
        InMemoryNetworkStore bare = new InMemoryNetworkStore();
        var onlyPoc = new io.liaison.core.Directory("bare", InMemoryBroker.DIRECTORY.contactPoints().stream()
                .filter(cp -> cp.kind() != io.liaison.core.ContactPointKind.E_EVIDENCE_AUTHORITY).toList());
        StoredNetwork without = new StoredNetwork(bare, onlyPoc, PolicyFiles.routingPolicyDocument(), clock);
        NetworkService onBare = new NetworkService(bare, without, clock, new SequentialIds());
        String document = PolicyFiles.routingPolicyDocument().replace("\"routing-2026-12-07\"", "\"routing-2027-01-01\"");

        Outcome<Proposal> refused = onBare.propose(NETWORK_ADMIN, NETWORK, document, "try", null);

        assertThat(refused).asInstanceOf(type(Outcome.Invalid.class))
                .extracting(i -> ((List<Violation>) i.violations()).getFirst().pointer()).asString().matches("/document/routing/\\d+/to/\\d+");
    }

    @Test
    void anEditedRevisionIsNamedByTheVerifier() {
        service.change(DE_ADMIN, OF_DE, "DE-POC247", withEmail(dePoc247(), "bka-247@bka.example"), "new mailbox", 1L);
        service.markUnavailable(DE_ADMIN, OF_DE, "DE-CA", new ContactPoint.Unavailability(clock.instant(),
                clock.instant().plus(Duration.ofDays(1)), "office move"));
        assertThat(verify()).isInstanceOf(TrailVerifier.Valid.class);

        Revision second = store.revision(Trail.DIRECTORY, 2).orElseThrow();
        store.overwrite(new Revision(second.trail(), 2, second.at(), second.validFrom(), second.author(), null, "nothing happened",
                second.change(), null, second.state(), second.entryHash(), second.chainHash()));

        assertThat(verify()).isInstanceOfSatisfying(TrailVerifier.Broken.class, broken -> {
            assertThat(broken.sequence()).isEqualTo(2);
            assertThat(broken.damage()).isEqualTo(TrailVerifier.Damage.ALTERED);
        });
    }

    /** The directory's trail as the AuditFunction verifies it. */
    private TrailVerifier.Verification verify() {
        NetworkStore.Head head = store.head(Trail.DIRECTORY).orElseThrow();
        return TrailVerifier.verify(store.revisions(Trail.DIRECTORY, 0), head.chainHash(), head.number(), "revision");
    }

    @Test
    void requestersAndContactPointsDoNotReadTheDirectorysTrail() {
        assertThat(service.revisions(Callers.NL_POLICE, Trail.DIRECTORY)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(service.revisions(Callers.DE_POC247, Trail.DIRECTORY)).isInstanceOf(Outcome.Forbidden.class);
        assertThat(service.rules(Callers.NL_POLICE, Optional.empty())).isInstanceOf(Outcome.Ok.class);
    }
}
