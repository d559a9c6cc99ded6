package io.liaison.deadlines;

import io.liaison.core.Request;
import io.liaison.testing.Callers;
import io.liaison.testing.Filings;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled handler: the event's time is "now", and what it did is its answer. */
class DeadlineHandlerTest {
    private static final String ID = SequentialIds.SAMPLE_REQUEST_ID;

    private final InMemoryBroker broker = new InMemoryBroker(ID);
    private final DeadlineHandler handler = new DeadlineHandler(broker.deadlines, broker.clock);

    private Request routed() {
        broker.requests.file(Callers.NL_POLICE, Filings.preservation().build(), Optional.empty());
        return broker.requests.route(ID).orElseThrow();
    }

    @Test
    void aRunAtTheScheduledTime_escalatesWhatIsDueThen() {
        Request request = routed();
        String late = request.assignment().acknowledgeBy().plusSeconds(60).toString();

        String result = handler.handleRequest(Map.of("detail-type", "Scheduled Event", "time", late), null);

        assertThat(result).isEqualTo("1 actions at " + late + ": {ESCALATED=1}");
        assertThat(broker.store.find(ID).orElseThrow().assignment().contactPointId()).isEqualTo("DE-CA");
    }

    @Test
    void anEventWithoutATime_usesTheClock() {
        routed();

        String result = handler.handleRequest(Map.of(), null);

        assertThat(result).isEqualTo("0 actions at " + broker.clock.instant());
    }
}
