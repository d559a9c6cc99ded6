package io.liaison.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.audit.TrailVerifier;
import io.liaison.config.Environment;
import io.liaison.store.EncryptionSdkCiphers;
import io.liaison.core.Actor;
import io.liaison.core.Lifecycle;
import io.liaison.core.Request;
import io.liaison.local.LocalBroker;
import io.liaison.store.DynamoRequestStore;
import io.liaison.store.StoredTrails;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence is appended without rewriting the request (docs/decisions/0020): entries that change no
 * state, written at the same moment as each other and as a change of state, all land, in one
 * linear chain numbered without gaps, and the change of state is neither lost nor overwritten.
 */
@ExtendWith(Broker.class)
class EvidenceRaceTest {
    private static final int APPENDERS = 6;

    @RepeatedTest(5)
    void evidenceAppendedConcurrently_withAnAcceptance_landsInOneChain(Api api, LocalBroker broker) throws Exception {
        String id = api.file("nl-police", Api.preservation());
        api.awaitRouted("nl-police", id);
        api.awaitQuietTrail("nl-police", id);
        var store = new DynamoRequestStore(broker.dynamoDb(), broker.tableName(), Clock.systemUTC(),
                EncryptionSdkCiphers.INSTANCE.payloads(new Environment(broker.environment("IntakeFunction")), broker.dynamoDb()));
        CountDownLatch start = new CountDownLatch(1);

        int accepted;
        try (ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 1)) {
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < APPENDERS; i++) {
                String ground = "race-" + i;
                appends.add(pool.submit(() -> {
                    start.await();
                    // As the notifier records a delivery: read, record, retry on a lost race.
                    for (int attempt = 0; attempt < 50; attempt++) {
                        Request request = store.find(id).orElseThrow();
                        Lifecycle.Applied applied = Lifecycle.record(request, "DELIVERY", Actor.SYSTEM,
                                java.time.Instant.now(), List.of(), ground, "race test");
                        if (store.apply(applied.request(), applied.event())) return null;
                    }
                    throw new AssertionError("the delivery " + ground + " could not be recorded");
                }));
            }
            Future<Integer> accept = pool.submit(() -> {
                start.await();
                return api.post("de-poc247", "/requests/" + id + "/acknowledgement",
                        Api.JSON.createObjectNode().put("decision", "accept")).status();
            });
            start.countDown();
            for (Future<?> f : appends) f.get();
            accepted = accept.get();
        }

        assertThat(accepted).isEqualTo(200);
        // The acceptance notifies the requester, and the notifier records that delivery after the race.
        api.awaitQuietTrail("nl-police", id);
        StoredTrails.Trail trail = new StoredTrails(broker.dynamoDb(), broker.tableName()).read(id).orElseThrow();
        assertThat(trail.verify()).isInstanceOf(TrailVerifier.Valid.class);
        assertThat(trail.events()).extracting(e -> e.event().sequence())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, trail.events().size()).boxed().toList());
        assertThat(trail.events()).extracting(e -> e.event().ground())
                .contains(LongStream.range(0, APPENDERS).mapToObj(i -> "race-" + i).toArray(String[]::new));
        // The acceptance was written once, over the state it was computed from, and the entries after it carry its status.
        assertThat(trail.events()).filteredOn(e -> e.event().action().equals("ACCEPTED")).hasSize(1);
        long acceptedAt = trail.events().stream().filter(e -> e.event().action().equals("ACCEPTED")).findFirst()
                .orElseThrow().event().sequence();
        assertThat(trail.events()).filteredOn(e -> e.event().sequence() > acceptedAt)
                .allSatisfy(e -> assertThat(e.event().from().code()).isEqualTo("ACCEPTED"));
        JsonNode request = api.get("nl-police", "/requests/" + id).json();
        assertThat(request.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(request.path("version").asLong()).isEqualTo(trail.length());
    }
}
