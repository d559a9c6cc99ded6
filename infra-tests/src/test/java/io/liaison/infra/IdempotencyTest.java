package io.liaison.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries with the same Idempotency-Key return the same request, and exactly one is stored. */
@ExtendWith(Broker.class)
class IdempotencyTest {
    private Api api;

    @BeforeEach
    void connect(Api api) {
        this.api = api;
    }

    @Test
    void aRetryWithTheSameKey_returnsTheSameRequest_andStoresOne() {
        ObjectNode filing = Api.preservation();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = api.post("fr-police", "/requests", filing.toString(), "application/json", key);
        Api.Response retry = api.post("fr-police", "/requests", filing.toString(), "application/json", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(first.header("idempotent-replayed")).isEqualTo("false");
        assertThat(retry.header("idempotent-replayed")).isEqualTo("true");
        assertThat(storedWithCaseReference(filing.path("caseReference").asText())).isEqualTo(1);
    }

    @Test
    void tenConcurrentTriesWithOneKey_allGetTheSameRequest_andOneIsStored() throws Exception {
        ObjectNode filing = Api.preservation();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Callable<Api.Response> attempt = () -> api.post("fr-police", "/requests", filing.toString(), "application/json", key);

        List<Api.Response> responses;
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<Api.Response>> futures = IntStream.range(0, 10).mapToObj(i -> pool.submit(attempt)).toList();
            responses = futures.stream().map(IdempotencyTest::join).toList();
        }

        assertThat(responses).extracting(Api.Response::status).containsOnly(201);
        assertThat(responses).extracting(r -> r.json().path("id").asText()).containsOnly(responses.get(0).json().path("id").asText());
        assertThat(storedWithCaseReference(filing.path("caseReference").asText())).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentFiling_isRefused_andStoresNothing() {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        api.post("fr-police", "/requests", Api.preservation().toString(), "application/json", key);
        ObjectNode other = Api.preservation();

        Api.Response reused = api.post("fr-police", "/requests", other.toString(), "application/json", key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(storedWithCaseReference(other.path("caseReference").asText())).isZero();
    }

    private long storedWithCaseReference(String caseReference) {
        // A list shows no case reference (it is sealed with the filing): open each request listed.
        return api.get("fr-police", "/requests?limit=100").json().path("items").findValuesAsText("id").stream()
                .map(id -> api.get("fr-police", "/requests/" + id).json().path("filing").path("caseReference").asText())
                .filter(caseReference::equals).count();
    }

    private static Api.Response join(Future<Api.Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
