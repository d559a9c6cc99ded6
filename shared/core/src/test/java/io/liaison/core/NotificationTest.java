package io.liaison.core;

import io.liaison.testing.Filings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who hears about which event of the sample request, routed to DE-POC247 for the Dutch police. */
class NotificationTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:30:00Z");
    private static final Recipient REQUESTER = new Recipient.AgencyRecipient("NL", "NL-POLITIE-THTC");

    private static Request request(String escalatedFrom) {
        Assignment assignment = new Assignment(escalatedFrom == null ? "DE-POC247" : "DE-CA", ContactPointKind.POC_24_7,
                "R2-PRESERVATION", AT, AT.plus(Duration.ofHours(4)), AT.plus(Duration.ofDays(1)), "D4-PRESERVATION",
                escalatedFrom, false, false, null);
        return new Request("276b1bd5-f897-474b-8535-d60307d343ee", new Requester("NL", "NL-POLITIE-THTC", "nl-police"),
                Filings.preservation().build(), Status.ACCEPTED, 5, AT, AT, assignment, null, null);
    }

    private static List<String> recipients(String action, String ground, Request request) {
        return Notification.of(action, 5, ground, request).stream().map(n -> n.recipient().key()).toList();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "ROUTED;;DE-POC247",
            "UNROUTABLE;;NL/NL-POLITIE-THTC",
            "ACCEPTED;;NL/NL-POLITIE-THTC",
            "REJECTED;data_not_stored;NL/NL-POLITIE-THTC",
            "ACKNOWLEDGEMENT_OVERDUE;;NL/NL-POLITIE-THTC",
            "RESPONSE_OVERDUE;;NL/NL-POLITIE-THTC DE-POC247",
            "CLARIFICATION_REQUESTED;;NL/NL-POLITIE-THTC",
            "CLARIFIED;;DE-POC247",
            "RESPONDED;RELEASE;NL/NL-POLITIE-THTC",
            "RESPONDED;RELEASE_REDACTED;NL/NL-POLITIE-THTC",
            "RESPONDED;HOLD;",
            "RELEASE_APPROVED;response 4;NL/NL-POLITIE-THTC",
            "WITHDRAWN;;DE-POC247",
            "PRESERVATION_EXTENDED;;DE-POC247",
            "PRESERVATION_EXPIRED;preservation_expired;NL/NL-POLITIE-THTC DE-POC247",
            "FILED;;",
            "RESPONSES_READ;responses 4;",
            "DELIVERY;notice:2:DE-POC247;",
            "NON_DELIVERY;notice:2:DE-POC247;"})
    void eachEvent_reachesTheRightParties(String action, String ground, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(" "));

        assertThat(recipients(action, ground, request(null))).containsExactlyInAnyOrderElementsOf(want);
        assertThat(Notification.mayNotify(action)).isEqualTo(!want.isEmpty() || action.equals("RESPONDED"));
    }

    @Test
    void afterAnEscalation_theRoutingNoticeStillGoesToTheFirstContactPoint_andTheEscalationToTheBackup() {
        Request escalated = request("DE-POC247");

        assertThat(recipients("ROUTED", "R2-PRESERVATION", escalated)).containsExactly("DE-POC247");
        assertThat(recipients("ESCALATED", "DE-CA", escalated)).containsExactlyInAnyOrder("DE-CA", "NL/NL-POLITIE-THTC");
    }

    @Test
    void aNoticeHasAnIdReceiversCanUseAsItIs() {
        Notification n = Notification.of("ACCEPTED", 4, null, request(null)).getFirst();

        assertThat(n.noticeId()).isEqualTo("276b1bd5-f897-474b-8535-d60307d343ee-4-NL_NL-POLITIE-THTC");
        assertThat(n.ground()).isEqualTo("notice:4:NL/NL-POLITIE-THTC");
        assertThat(n.type()).isEqualTo("request.accepted");
    }
}
