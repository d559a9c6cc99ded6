package io.liaison.benchmark.broker;

import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.testing.SampleEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Filing throughput through the local server (HTTP, JWT check, IntakeHandler, its transaction)
 * against the same transaction sent straight to the same DynamoDB Local, at the same concurrency.
 * Closed loop: each of {@code concurrency} workers files, waits for the answer, files again. The two
 * kinds alternate (raw, server, raw, server ...) so that drift on a small machine hits both.
 *
 * <p>The router on the table's stream routes both kinds: a replayed transaction writes a REQUEST
 * item in status FILED, which is what the router looks for. Between phases the benchmark waits until
 * the router and notifier have gone quiet, so each phase starts without the other's backlog.
 */
public final class Throughput {
    static final String INTAKE = "IntakeFunction";

    /** Durations in seconds; {@code idempotencyKeys}: send a fresh Idempotency-Key with every filing, as the README advises. */
    public record Options(int concurrency, int warmupSeconds, int measureSeconds, int rounds, boolean idempotencyKeys,
                          int drainMaxSeconds) {
        public static Options defaults() {
            return new Options(8, 10, 20, 2, true, 120);
        }
    }

    /** One measured phase: filings answered in the window, their rate and latency. */
    public record Phase(String kind, int round, long filings, long errors, double perSecond, double p50Millis,
                        double p99Millis, double drainSeconds) {}

    public record Result(Options options, int itemsPerTransaction, int transactionBytes, boolean replayedFilingsRouted,
                         List<Phase> phases, double rawMedianPerSecond, double serverMedianPerSecond, double ratio) {
        public String markdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Filing throughput, %d concurrent clients, %d s warm-up + %d s measured per phase"
                            + " (%d-item transaction, %d bytes of attributes; Idempotency-Key %s):%n%n",
                    options.concurrency(), options.warmupSeconds(), options.measureSeconds(), itemsPerTransaction,
                    transactionBytes, options.idempotencyKeys() ? "sent" : "not sent"));
            out.append("| phase | round | filings | errors | filings/s | p50 ms | p99 ms |\n");
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Phase p : phases) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.2f | %.2f |%n", p.kind(), p.round(),
                        p.filings(), p.errors(), p.perSecond(), p.p50Millis(), p.p99Millis()));
            }
            out.append(String.format(Locale.ROOT, "%nMedian filings/s: raw %.0f, server %.0f; server/raw = **%.2f** (target >= 0.8)."
                    + " The table's stream and the queues were not read during the phases; afterwards the router %srouted"
                    + " the replayed filings as filings.%n", rawMedianPerSecond, serverMedianPerSecond, ratio,
                    replayedFilingsRouted ? "" : "NOT "));
            return out.toString();
        }
    }

    private Throughput() {}

    public static Result run(LocalBroker broker, Options options) throws Exception {
        String token = broker.token("nl-police");
        byte[] body = SampleEvents.jsonBody(SampleEvents.httpApi("intake-file-request.json")).toString().getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Filer server = () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + "/requests"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (options.idempotencyKeys()) request.header("Idempotency-Key", UUID.randomUUID().toString());
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        };

        FilingReplay replay = capture(broker, http, token, body, options.idempotencyKeys());
        // A client configured as the functions' clients are: same endpoint, region, credentials, HTTP client.
        try (DynamoDbClient db = Clients.dynamoDb(new Environment(Map.of("AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_DYNAMODB", broker.dynamoEndpoint())))) {
            AtomicReference<String> lastRawId = new AtomicReference<>();
            Filer raw = () -> {
                FilingReplay.Fresh fresh = replay.next();
                db.transactWriteItems(fresh.transaction());
                lastRawId.set(fresh.requestId());
            };
            List<Phase> phases = new ArrayList<>();
            // Filing alone: the router and the notifier would otherwise work off one phase's filings
            // during the next on the same two cores (on AWS they run in their own sandboxes).
            broker.pauseEventSources(true);
            String firstRawId = null;
            try {
                for (int round = 1; round <= options.rounds(); round++) {
                    phases.add(closedLoop("raw TransactWriteItems", round, options, raw));
                    if (firstRawId == null) firstRawId = lastRawId.get();
                    phases.add(closedLoop("local server POST /requests", round, options, server));
                }
            } finally {
                broker.pauseEventSources(false);
            }
            // The replayed filings are real ones: once the router reads the stream again it routes them.
            boolean routed = awaitRouted(broker, firstRawId, Duration.ofSeconds(60));
            double rawMedian = Stats.median(phases.stream().filter(p -> p.kind().startsWith("raw")).mapToDouble(Phase::perSecond).toArray());
            double serverMedian = Stats.median(phases.stream().filter(p -> !p.kind().startsWith("raw")).mapToDouble(Phase::perSecond).toArray());
            TransactWriteItemsRequest captured = replay.captured();
            int bytes = captured.transactItems().stream().mapToInt(i -> Sizes.item(i.put().item())).sum();
            return new Result(options, captured.transactItems().size(), bytes, routed, phases, rawMedian, serverMedian,
                    serverMedian / rawMedian);
        }
    }

    /** Files once through the server and keeps the transaction the intake function made for it. */
    private static FilingReplay capture(LocalBroker broker, HttpClient http, String token, byte[] body, boolean withKey) throws Exception {
        var transaction = SdkMeter.nextTransaction(INTAKE);
        String key = withKey ? UUID.randomUUID().toString() : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + "/requests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) request.header("Idempotency-Key", key);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IllegalStateException("the capture filing failed: HTTP " + response.statusCode());
        String id = Json.MAPPER.readTree(response.body()).get("id").asText();
        return new FilingReplay(transaction.get(10, TimeUnit.SECONDS), id, key);
    }

    private static boolean awaitRouted(LocalBroker broker, String requestId, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if ("ROUTED".equals(status(broker, requestId))) return true;
            Thread.sleep(200);
        }
        return false;
    }

    private static String status(LocalBroker broker, String requestId) {
        if (requestId == null) return null;
        var item = broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("REQ#" + requestId), "SK", AttributeValue.fromS("REQUEST")))).item();
        return item == null || !item.containsKey("status") ? null : item.get("status").s();
    }

    @FunctionalInterface
    interface Filer {
        void file() throws Exception;
    }

    /** Workers file back to back; filings answered inside the measured window count, and their latency. */
    private static Phase closedLoop(String kind, int round, Options options, Filer filer) throws InterruptedException {
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long until = from + TimeUnit.SECONDS.toNanos(options.measureSeconds());
        List<List<Long>> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            workers.add(Thread.ofPlatform().name("filer-" + w).start(() -> {
                while (System.nanoTime() < until) {
                    long t0 = System.nanoTime();
                    boolean ok = true;
                    try {
                        filer.file();
                    } catch (Exception e) {
                        ok = false;
                        firstError.compareAndSet(null, e.toString());
                    }
                    long t1 = System.nanoTime();
                    if (t1 >= from && t1 < until) {
                        if (ok) mine.add(t1 - t0);
                        else errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) worker.join();
        if (firstError.get() != null) System.err.println(kind + ": first error: " + firstError.get());
        List<Long> all = latencies.stream().flatMap(List::stream).toList();
        double drained = SdkMeter.awaitQuiet(1000, TimeUnit.SECONDS.toMillis(options.drainMaxSeconds())) / 1000.0;
        Phase phase = new Phase(kind, round, all.size(), errors.get(), all.size() / (double) options.measureSeconds(),
                Stats.percentile(all, 50) / 1e6, Stats.percentile(all, 99) / 1e6, drained);
        System.err.printf(Locale.ROOT, "%s round %d: %.0f filings/s, p50 %.2f ms, p99 %.2f ms, %d errors; drained in %.1f s%n",
                kind, round, phase.perSecond(), phase.p50Millis(), phase.p99Millis(), phase.errors(), drained);
        return phase;
    }

    /** {@code java ... Throughput out.json [concurrency [warmupSeconds [measureSeconds [rounds]]]]} */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Throughput OUT.json [concurrency [warmupSeconds [measureSeconds [rounds]]]]");
            System.exit(2);
        }
        Options d = Options.defaults();
        Options options = new Options(arg(args, 1, d.concurrency()), arg(args, 2, d.warmupSeconds()),
                arg(args, 3, d.measureSeconds()), arg(args, 4, d.rounds()), d.idempotencyKeys(), d.drainMaxSeconds());
        Result result;
        try (LocalBroker broker = Brokers.onFreePorts()) {
            result = run(broker, options);
        }
        System.out.println(result.markdown());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), result);
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    static int arg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }
}
