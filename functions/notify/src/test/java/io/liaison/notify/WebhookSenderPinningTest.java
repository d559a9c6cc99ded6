package io.liaison.notify;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.liaison.core.webhook.Reach;
import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import io.liaison.notify.DeliveryResult.Refused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the sender connects: the host resolved once through the injected resolver, every address
 * judged, the socket opened to a judged one, TLS checked against the name. Every name here
 * resolves to 127.0.0.0/8 only, so even a wrong sender reaches nothing beyond this machine; that
 * any refused address among good ones refuses the delivery is WebhookUrlTest's (pure, no sockets).
 */
class WebhookSenderPinningTest {
    private static final String SECRET = WebhookSenderTest.SECRET;
    private static final Notice NOTICE = WebhookSenderTest.NOTICE;

    @TempDir
    static Path keys;
    private static TestCertificates certificates;

    private HttpsServer receiver;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificates = TestCertificates.forHooksTest(keys);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(certificates.server(serverNames)));
        receiver.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookSender sender(Reach reach, HostResolver resolver) throws Exception {
        return new WebhookSender(Clock.systemUTC(), reach, resolver, certificates.client().getSocketFactory(),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private String url(String host) {
        return "https://" + host + ":" + receiver.getAddress().getPort() + "/hooks";
    }

    /** Answers 127.0.0.1 the first time and 127.0.0.3 (where nothing listens) after: a second look-up would miss. */
    private static final class Rebinding implements HostResolver {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<InetAddress> resolve(String host) {
            return List.of(loopback(calls.incrementAndGet() == 1 ? 1 : 3));
        }
    }

    @Test
    void send_connectsToTheAddressItChecked_withTheNameAsHostAndTlsServerName() throws Exception {
        Rebinding resolver = new Rebinding();

        DeliveryResult result = sender(Reach.PUBLIC_AND_LOOPBACK, resolver).send(url("hooks.test"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Delivered.class, d -> assertThat(d.detail()).contains("https://hooks.test:"));
        assertThat(resolver.calls).as("one look-up").hasValue(1);
        assertThat(hosts).containsExactly("hooks.test:" + receiver.getAddress().getPort());
        assertThat(serverNames).containsExactly("hooks.test");
    }

    @Test
    void send_refusesWithoutConnecting_whenTheNameResolvesToLoopback_andTheSettingIsOff() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, loopback(2))) {
            listener.setSoTimeout(300);
            HostResolver toLoopback = host -> List.of(loopback(2));

            DeliveryResult result = sender(Reach.PUBLIC, toLoopback).send("https://hooks.test:" + listener.getLocalPort() + "/hooks", SECRET, NOTICE);

            assertThat(result).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason())
                    .isEqualTo("refused without connecting: hooks.test resolves to 127.0.0.2, a loopback address: webhooks go to public hosts only"));
            assertThat(accepted(listener)).as("nothing connected to 127.0.0.2").isFalse();
        }
    }

    @Test
    void send_failsTheHandshake_whenTheCertificateIsNotForTheName_evenThoughItIsForTheAddress() throws Exception {
        HostResolver toReceiver = host -> List.of(loopback(1));

        DeliveryResult result = sender(Reach.PUBLIC_AND_LOOPBACK, toReceiver).send(url("other.test"), SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).startsWith("TLS with https://other.test:"));
        assertThat(hosts).isEmpty();
    }

    @Test
    void send_resolvesNothing_forAnAddressLiteral_andChecksTheCertificateAgainstIt() throws Exception {
        HostResolver mustNotBeAsked = host -> {
            throw new AssertionError("looked up " + host);
        };

        DeliveryResult result = sender(Reach.PUBLIC_AND_LOOPBACK, mustNotBeAsked).send(url("127.0.0.1"), SECRET, NOTICE);

        assertThat(result).isInstanceOf(Delivered.class);
        assertThat(serverNames).as("no SNI for an address").isEmpty();
    }

    @Test
    void send_triesTheNextCheckedAddress_whenOneRefusesTheConnection_withoutAnotherLookup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HostResolver closedFirst = host -> {
            calls.incrementAndGet();
            return List.of(loopback(3), loopback(1)); // nothing listens on 127.0.0.3
        };

        DeliveryResult result = sender(Reach.PUBLIC_AND_LOOPBACK, closedFirst).send(url("hooks.test"), SECRET, NOTICE);

        assertThat(result).isInstanceOf(Delivered.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void send_failsForRetry_whenTheNameHasNoAddress() throws Exception {
        HostResolver nxdomain = host -> {
            throw new UnknownHostException(host);
        };

        DeliveryResult result = sender(Reach.PUBLIC, nxdomain).send("https://hooks.test/hooks", SECRET, NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).isEqualTo("no address for https://hooks.test:443 (UnknownHostException)"));
    }

    private static boolean accepted(ServerSocket listener) throws IOException {
        try (var ignored = listener.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
