package io.liaison.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import io.liaison.notify.DeliveryResult.Refused;
import io.liaison.core.webhook.Reach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a real HTTP server on the loopback interface (allowed here as on the local server):
 * what a receiver sees and what the sender reports. HTTPS, name resolution and the address checks
 * are WebhookSenderPinningTest.
 */
class WebhookSenderTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    static final Notice NOTICE = new Notice("0b6f2c1e-5d3a-4c59-9f0e-2a7d41c3e8b1-3", "request.routed",
            Instant.parse("2026-11-24T10:15:30Z"), "{\"type\":\"request.routed\",\"requestId\":\"0b6f2c1e\"}");

    record Received(String path, String query, Map<String, List<String>> headers, String body) {}

    HttpServer server;
    ExecutorService threads;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseStalled = new CountDownLatch(1);
    final Instant now = Instant.now();
    /** A resolver that must not be asked: every URL here is an address literal or refused before any look-up. */
    final List<String> lookups = new CopyOnWriteArrayList<>();
    final HostResolver noLookups = host -> {
        lookups.add(host);
        throw new java.net.UnknownHostException("no look-ups in this test");
    };
    final WebhookSender sender = sender(Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private WebhookSender sender(Clock clock, Duration connect, Duration answer) {
        return new WebhookSender(clock, Reach.PUBLIC_AND_LOOPBACK, noLookups, null, connect, answer);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/", exchange -> answer(exchange, 204));
        server.createContext("/broken", exchange -> answer(exchange, 500));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere");
            answer(exchange, 302);
        });
        server.createContext("/stalled", exchange -> {
            record(exchange);
            try {
                releaseStalled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        releaseStalled.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        record(exchange);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void record(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void send_delivers_withTheThreeHeadersTheReceiverVerifies() throws Exception {
        DeliveryResult result = sender.send(url("/hooks"), SECRET, NOTICE);

        assertThat(result).isInstanceOf(Delivered.class);
        assertThat(received).hasSize(1);
        Received delivery = received.getFirst();
        assertThat(delivery.body()).isEqualTo(NOTICE.body());
        assertThat(header(delivery, "Content-Type")).isEqualTo("application/json");
        assertThat(header(delivery, "webhook-id")).isEqualTo(NOTICE.id());
        assertThat(header(delivery, "webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
        assertThat(header(delivery, "webhook-signature")).startsWith("v1,");
        assertThat(header(delivery, "Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
        new Webhook(SECRET).verify(delivery.body(), delivery.headers()); // throws if the signature is wrong
        assertThat(lookups).as("an address literal is not resolved").isEmpty();
    }

    @Test
    void send_postsThePathAndQuery_asRegistered() {
        sender.send(url("/hooks/a%20b?token=t&x=1"), SECRET, NOTICE);

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/hooks/a b");
            assertThat(r.query()).isEqualTo("token=t&x=1");
        });
    }

    @Test
    void receiver_rejectsTheSignature_whenItHoldsAnotherSecret() {
        sender.send(url("/hooks"), SECRET, NOTICE);

        Received delivery = received.getFirst();
        assertThatThrownBy(() -> new Webhook(OTHER_SECRET).verify(delivery.body(), delivery.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void send_fails_namingTheStatus_whenTheReceiverAnswers500() {
        DeliveryResult result = sender.send(url("/broken"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).contains("500"));
    }

    @Test
    void send_fails_withoutFollowing_whenTheReceiverRedirects() {
        DeliveryResult result = sender.send(url("/moved"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).contains("302").contains("not followed"));
        assertThat(received).as("no second request").extracting(Received::path).containsExactly("/moved");
    }

    @Test
    void send_fails_whenTheReceiverDoesNotAnswerWithinTheTimeout() {
        WebhookSender impatient = sender(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMillis(300));

        long start = System.nanoTime();
        DeliveryResult result = impatient.send(url("/stalled"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).startsWith("no answer in time"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void send_fails_whenTheAnswerIsNotHttp() throws Exception {
        try (ServerSocket garbage = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (var socket = garbage.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test's assertion says what happened
                }
            });

            DeliveryResult result = sender.send("http://127.0.0.1:" + garbage.getLocalPort() + "/hooks", SECRET, NOTICE);

            answer.join(5_000);
            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).startsWith("not an HTTP answer"));
        }
    }

    @Test
    void send_refusesWithoutConnecting_aPlainHttpUrlToAnotherHost() {
        DeliveryResult result = sender.send("http://receiver.example:" + server.getAddress().getPort() + "/hooks", SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Refused.class, f -> assertThat(f.reason()).startsWith("refused without connecting"));
        assertThat(received).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void send_refusesWithoutConnecting_loopback_whenTheSettingIsOff() {
        WebhookSender onAws = new WebhookSender(Clock.systemUTC(), Reach.PUBLIC, noLookups, null, Duration.ofSeconds(1), Duration.ofSeconds(1));

        DeliveryResult result = onAws.send(url("/hooks"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains("127.0.0.1 is a loopback address"));
        assertThat(received).isEmpty();
    }

    @Test
    void failedReason_neverContainsTheSecretNorThePathOrQuery() throws IOException {
        String path = "/broken/hook-token-4711";
        String query = "access_token=s3cr3t-query";
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        List<DeliveryResult> results = List.of(
                sender.send(url(path + "?" + query), SECRET, NOTICE),                                   // HTTP 500
                sender.send("http://127.0.0.1:" + closedPort + path + "?" + query, SECRET, NOTICE),     // refused connection
                sender.send("http://ncp.example" + path + "?" + query, SECRET, NOTICE),                 // refused URL
                sender.send("https://hooks.example.org" + path + "?" + query, SECRET, NOTICE),          // no address
                sender.send(url(path + "?" + query), "whsec_not*base64-" + "MfKQ9r8GKYqrTwjU", NOTICE)); // bad secret

        assertThat(results).hasAtLeastOneElementOfType(Refused.class).hasAtLeastOneElementOfType(Failed.class);
        assertThat(results).allSatisfy(r -> assertThat(reason(r))
                .doesNotContain(SECRET.substring(6), "MfKQ9r8GKYqrTwjU", "hook-token-4711", "s3cr3t-query", "/broken", NOTICE.body()));
    }

    private static String reason(DeliveryResult result) {
        return switch (result) {
            case Delivered d -> throw new AssertionError("delivered: " + d.detail());
            case Failed f -> f.reason();
            case Refused r -> r.reason();
        };
    }

    private static String header(Received delivery, String name) {
        return delivery.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst())
                .findFirst().orElse(null);
    }
}
