package io.liaison.store;

import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.testing.Filings;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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
