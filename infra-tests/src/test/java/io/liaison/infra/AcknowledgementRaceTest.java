package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two operators of one contact point acknowledging at the same moment: one wins, one gets 409. */
@ExtendWith(Broker.class)
class AcknowledgementRaceTest {
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    @RepeatedTest(10)
    void acknowledge_returns409_whenAnotherOperatorWon() throws Exception {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        JsonNode accept = Api.JSON.createObjectNode().put("decision", "accept");
        JsonNode reject = Api.JSON.createObjectNode().put("decision", "reject").put("ground", "data_not_stored")
                .put("justification", "no logs");
        CountDownLatch start = new CountDownLatch(1);

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return api.post("de-poc247", "/requests/" + id + "/acknowledgement", accept).status();
            });
            Future<Integer> second = pool.submit(() -> {
                start.await();
                return api.post("de-poc247-b", "/requests/" + id + "/acknowledgement", reject).status();
            });
            start.countDown();
            statuses = List.of(first.get(), second.get());
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        JsonNode events = api.get("nl-police", "/requests/" + id + "/events").json().path("items");
        assertThat(Api.stateActions(events)).hasSize(3).containsOnlyOnce("ROUTED")
                .containsAnyOf("ACCEPTED", "REJECTED");
    }
}
