package io.liaison.network;

import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Violation;
import io.liaison.core.WorkingHours;
import io.liaison.testing.InMemoryBroker;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a directory must satisfy before it becomes a revision, each refusal at the pointer of the field. */
class DirectoryRulesTest {
    private static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");

    private static ContactPoint poc(String id, String jurisdiction, String backup, WorkingHours hours, Instant from, Instant to,
                                    List<String> languages, String email) {
        return new ContactPoint(id, jurisdiction, ContactPointKind.POC_24_7, "a 24/7 point", "test", backup, email,
                Set.of(), Set.of(), languages, hours, from, to, List.of(), 0);
    }

    /** The demo directory with {@code sent} in place of the entry of the same id (or added), sent at "/entry". */
    private static List<Violation> check(ContactPoint sent) {
        List<ContactPoint> all = new ArrayList<>(InMemoryBroker.DIRECTORY.contactPoints().stream()
                .filter(cp -> !cp.id().equals(sent.id())).toList());
        all.add(sent);
        return DirectoryRules.check(all, id -> id.equals(sent.id()) ? "/entry" : null, InMemoryBroker.POLICY);
    }

    private static List<String> pointers(List<Violation> violations) {
        return violations.stream().map(Violation::pointer).toList();
    }

    @Test
    void theDemoDirectoryPasses() {
        assertThat(DirectoryRules.check(InMemoryBroker.DIRECTORY.contactPoints(), id -> "/x", InMemoryBroker.POLICY)).isEmpty();
    }

    @Test
    void aJurisdictionThatIsNoIsoCodeIsRefused() {
        assertThat(pointers(check(poc("XX-POC247", "XX", null, null, null, null, List.of("en"), null)))).containsExactly("/entry/jurisdiction");
    }

    @Test
    void aBackupThatDoesNotExistIsInAnotherJurisdictionOrIsItselfIsRefused() {
        assertThat(pointers(check(poc("DE-POC247", "DE", "DE-NOBODY", null, null, null, List.of("de"), null)))).containsExactly("/entry/backup");
        assertThat(pointers(check(poc("DE-POC247", "DE", "FR-POC247", null, null, null, List.of("de"), null)))).containsExactly("/entry/backup");
        assertThat(check(poc("DE-POC247", "DE", "DE-POC247", null, null, null, List.of("de"), null)))
                .extracting(Violation::detail).containsExactly("a contact point cannot be its own backup");
    }

    @Test
    void twoPointsOfOneKindInOneJurisdictionMayNotOverlapInTime() {
        List<Violation> overlapping = check(poc("DE-POC247-NEW", "DE", "DE-CA", null, JAN, null, List.of("de"), null));

        assertThat(pointers(overlapping)).containsExactly("/entry/validFrom");
        assertThat(overlapping.getFirst().detail()).contains("overlaps that of DE-POC247");
    }

    @Test
    void aSuccessorThatBeginsWhenTheOtherEndsIsAccepted() {
        ContactPoint old = InMemoryBroker.DIRECTORY.byId("DE-POC247").orElseThrow();
        ContactPoint ending = new ContactPoint(old.id(), old.jurisdiction(), old.kind(), old.name(), old.source(), old.backup(),
                old.email(), old.instruments(), old.requestTypes(), old.languages(), old.hours(), null, JAN, List.of(), 1);
        List<ContactPoint> all = new ArrayList<>(InMemoryBroker.DIRECTORY.contactPoints().stream()
                .filter(cp -> !cp.id().equals(old.id())).toList());
        all.add(ending);
        all.add(poc("DE-POC247-NEW", "DE", "DE-CA", null, JAN, null, List.of("de"), null));

        assertThat(DirectoryRules.check(all, id -> id.startsWith("DE-POC247") ? "/contactPoints/" + id : null, InMemoryBroker.POLICY)).isEmpty();
    }

    @Test
    void aTwentyFourSevenPointHasNoOfficeHours() {
        WorkingHours office = new WorkingHours(ZoneId.of("Europe/Berlin"), Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(18, 0));

        assertThat(pointers(check(poc("DE-POC247", "DE", "DE-CA", office, null, null, List.of("de"), null)))).containsExactly("/entry/hours");
    }

    @Test
    void languagesAreIsoCodesAndAtLeastOne() {
        assertThat(pointers(check(poc("DE-POC247", "DE", "DE-CA", null, null, null, List.of(), null)))).containsExactly("/entry/languages");
        assertThat(pointers(check(poc("DE-POC247", "DE", "DE-CA", null, null, null, List.of("de", "german"), null))))
                .containsExactly("/entry/languages/1");
    }

    @Test
    void aMalformedAddressIsRefused() {
        assertThat(pointers(check(poc("DE-POC247", "DE", "DE-CA", null, null, null, List.of("de"), "bka at example")))).containsExactly("/entry/email");
    }

    @Test
    void removingTheLastContactPointOfAKindARuleRoutesToIsRefused() {
        List<ContactPoint> withoutEEvidence = InMemoryBroker.DIRECTORY.contactPoints().stream()
                .filter(cp -> cp.kind() != ContactPointKind.E_EVIDENCE_AUTHORITY).toList();

        assertThat(DirectoryRules.check(withoutEEvidence, id -> null, InMemoryBroker.POLICY)).extracting(Violation::detail)
                .anyMatch(d -> d.contains("rule R4-E-EVIDENCE routes to E_EVIDENCE_AUTHORITY"));
    }
}
