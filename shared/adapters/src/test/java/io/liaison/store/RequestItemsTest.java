package io.liaison.store;

import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table layout: index keys sort in time order, cursors only open what they were handed out for. */
class RequestItemsTest {
    private static final Requester NL = new Requester("NL", "NL-POLITIE-THTC", "nl-police");

    private static String agencySortKey(String id, String filedAt) {
        Request request = Request.filed(id, NL, Filings.preservation().build(), Instant.parse(filedAt));
        return RequestItems.toItem(request, new byte[] {1}).get(RequestItems.GSI1SK).s();
    }

    @Test
    void aRequestFiledOnAWholeSecond_sortsBeforeOneFiledLaterInThatSecond() {
        String onTheSecond = agencySortKey("00000000-0000-4000-8000-000000000001", "2026-11-24T21:35:25Z");
        String later = agencySortKey("00000000-0000-4000-8000-000000000002", "2026-11-24T21:35:25.896Z");

        assertThat(onTheSecond).startsWith("2026-11-24T21:35:25.000Z#");
        assertThat(onTheSecond).isLessThan(later);
    }

    @Test
    void aSealedRequestItem_holdsNoneOfThePeoplesWords_andReadsBackWithThemWithheld() {
        Request request = Request.filed("00000000-0000-4000-8000-000000000003", NL, Filings.preservation().build(),
                Instant.parse("2026-11-24T21:35:25Z"));

        var item = RequestItems.toItem(request, new byte[] {9, 9});
        Request read = RequestItems.toRequest(item);

        assertThat(item.toString()).doesNotContain("203.0.113.45", "leaks-example.de", "NL-THTC-2026-0412", "Ransomware",
                "hospital", "preservation the");
        assertThat(read.wordsWithheld()).isTrue();
        assertThat(read.filing()).isEqualTo(request.filing().withheld());
        assertThat(read.sealing()).isEqualTo(new io.liaison.core.Sealing.Withheld("CQk="));
    }

    @Test
    void aRequestStoredInClearBeforeFilingsWereSealed_readsWhole_andIsWrittenBackAsItWas() {
        Request request = Request.filed("00000000-0000-4000-8000-000000000004", NL, Filings.preservation().build(),
                Instant.parse("2026-11-24T21:35:25Z"));
        var clearItem = RequestItems.toItem(request, null);

        Request read = RequestItems.toRequest(clearItem);

        assertThat(read.sealing()).isEqualTo(new io.liaison.core.Sealing.Clear());
        assertThat(read.filing()).isEqualTo(request.filing());
        assertThat(RequestItems.toItem(read, null)).isEqualTo(clearItem);
    }

    /** The benchmark's routed request (docs/performance.md): routed, with Liaison's explanation as its note. */
    private static Request routed() {
        Instant filed = Instant.parse("2026-12-07T20:35:28.517Z");
        Instant routed = Instant.parse("2026-12-07T20:35:28.619Z");
        return new Request("8b0c4727-5158-4620-a087-03da99dd32f3", NL, Filings.preservation().build(), io.liaison.core.Status.ROUTED, 2,
                filed, routed, new io.liaison.core.Assignment("DE-CA", io.liaison.core.ContactPointKind.CENTRAL_AUTHORITY, "R8-DEFAULT",
                        routed, routed.plus(java.time.Duration.ofDays(2)), routed.plus(java.time.Duration.ofDays(30)), "D6-ROUTINE",
                        null, false, false, null),
                new Request.StatusNote("R8-DEFAULT", "everything else goes to the central authority, or else the 24/7 point of contact", false),
                "60c096bb50ca123eb58f50c8b736023b023b9cef6f0dbdc6fb1d30433e597670", null, List.of(),
                new io.liaison.core.Sealing.Withheld(null));
    }

    @Test
    void aRoutedRequestsStateItem_withoutItsWords_fitsInOneKilobyte() {
        var item = RequestItems.toItem(routed(), new byte[] {9});
        item.remove(RequestItems.WORDS); // the words have an item of their own

        // DynamoDB's count: attribute names and values, UTF-8; a number is about half its digits
        int bytes = item.entrySet().stream().mapToInt(e -> e.getKey().length() + switch (e.getValue().type()) {
            case S -> e.getValue().s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case N -> (e.getValue().n().length() + 1) / 2 + 1;
            case B -> e.getValue().b().asByteArray().length;
            default -> 1;
        }).sum();
        assertThat(bytes).isLessThan(1000);
    }

    @Test
    void aCompactStateItem_readsBackAsTheRequestItWasWrittenFrom() {
        Request request = routed();

        Request read = RequestItems.toRequest(RequestItems.toItem(request, new byte[] {9}));

        assertThat(read.filing()).isEqualTo(request.filing().withheld());
        assertThat(read).usingRecursiveComparison().ignoringFields("filing", "sealing").isEqualTo(request);
    }

    @Test
    void aSealedStateItemInTheLayoutBeforeItWasCompact_stillReads() {
        Request request = routed();
        var compact = RequestItems.toItem(request, new byte[] {9});
        // As ADR 0020 wrote it: ISO times, the id, type and urgency beside the whole terms, the head in hex
        var before = new java.util.HashMap<>(compact);
        for (String time : List.of("updatedAt", "acknowledgeBy", "respondBy")) {
            before.put(time, AttributeValue.fromS(io.liaison.json.Times.format(Instant.ofEpochMilli(Long.parseLong(compact.get(time).n())))));
        }
        before.put("filedAt", AttributeValue.fromS(io.liaison.json.Times.format(request.filedAt())));
        before.put("routedAt", AttributeValue.fromS(io.liaison.json.Times.format(request.assignment().routedAt())));
        before.put("requestId", AttributeValue.fromS(request.id()));
        before.put("kind", AttributeValue.fromS("REQUEST"));
        before.put("terms", AttributeValue.fromS(io.liaison.json.FilingCodec.writeTerms(request.filing()).toString()));
        before.put("trailHead", AttributeValue.fromS(request.trailHead()));

        assertThat(RequestItems.toRequest(before)).isEqualTo(RequestItems.toRequest(compact));
    }

    @Test
    void aCursorRoundTrips_forItsOwnList() {
        String sortKey = "2026-11-24T21:35:25.896Z#00000000-0000-4000-8000-000000000002";

        assertThat(DynamoRequestStore.decode("a", DynamoRequestStore.encode("a", sortKey))).isEqualTo(sortKey);
    }

    @Test
    void aCursorOfAnotherList_isRefused() {
        String cursor = DynamoRequestStore.encode("c", "2026-11-24T21:35:25.896Z#00000000-0000-4000-8000-000000000002");

        assertThatThrownBy(() -> DynamoRequestStore.decode("a", cursor)).isInstanceOf(io.liaison.core.RequestStore.BadCursor.class);
    }

    @Test
    void aCursorWithAMisshapenTime_orTooLong_isRefused() {
        String misshapen = DynamoRequestStore.encode("a", "9999-99-99T::::Z#00000000-0000-4000-8000-000000000002");
        String tooLong = DynamoRequestStore.encode("a", "2026-11-24T21:35:25." + "1".repeat(1100) + "Z#x");

        assertThatThrownBy(() -> DynamoRequestStore.decode("a", misshapen)).isInstanceOf(io.liaison.core.RequestStore.BadCursor.class);
        assertThatThrownBy(() -> DynamoRequestStore.decode("a", tooLong)).isInstanceOf(io.liaison.core.RequestStore.BadCursor.class);
    }
}
