package io.liaison.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which messages of a batch the poller deletes after the function returned, as Lambda decides it. */
class SqsPollerTest {
    private static final List<String> BATCH = List.of("m1", "m2", "m3");

    private static SQSBatchResponse failing(String... ids) {
        return new SQSBatchResponse(Arrays.stream(ids).map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    @Test
    void handled_isTheWholeBatch_whenTheFunctionReportsNoFailure() {
        assertThat(SqsPoller.handled(BATCH, null, true)).containsExactlyInAnyOrderElementsOf(BATCH);
        assertThat(SqsPoller.handled(BATCH, new SQSBatchResponse(), true)).containsExactlyInAnyOrderElementsOf(BATCH);
        assertThat(SqsPoller.handled(BATCH, failing(), true)).containsExactlyInAnyOrderElementsOf(BATCH);
    }

    @Test
    void handled_isAllButTheReportedMessages() {
        assertThat(SqsPoller.handled(BATCH, failing("m2"), true)).containsExactlyInAnyOrder("m1", "m3");
    }

    @Test
    void handled_isNothing_whenAFailureNamesNoMessageOfTheBatch() {
        assertThat(SqsPoller.handled(BATCH, failing("m2", "elsewhere"), true)).isEmpty();
        assertThat(SqsPoller.handled(BATCH, failing(""), true)).isEmpty();
        assertThat(SqsPoller.handled(BATCH, failing((String) null), true)).isEmpty();
    }

    @Test
    void handled_isTheWholeBatch_withoutReportBatchItemFailures_whateverTheFunctionReturned() {
        assertThat(SqsPoller.handled(BATCH, failing("m2"), false)).containsExactlyInAnyOrderElementsOf(BATCH);
    }
}
