package io.liaison.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.liaison.core.webhook.Reach;
import io.liaison.core.webhook.Refusal;
import io.liaison.core.webhook.WebhookUrl;
import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import io.liaison.notify.DeliveryResult.Refused;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers a notice to a webhook as the Standard Webhooks specification describes: a POST of the
 * JSON body with {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}).
 *
 * <p>Where it connects is decided once: the URL must pass {@link WebhookUrl#parse} (the rule the
 * registration applied, checked again for channels stored before it), the host is resolved once
 * through the {@link HostResolver}, every address must pass {@link WebhookUrl#checkResolved}, and
 * the socket is opened to one of those addresses, never to the name. TLS is layered on that socket
 * with the name as SNI and the certificate checked against the name (endpoint identification
 * "HTTPS"). java.net.http cannot do this: it resolves the name itself when it connects, after any
 * check the caller made. So one HTTP/1.1 request is written here, {@code Connection: close}, and
 * only its status line is read.
 *
 * <p>Redirects are not followed (the specification counts a 3xx as a failure: the channel's URL
 * should be corrected instead), and only 2xx counts as delivered. A URL or an address that must
 * not be reached is {@link Refused}, not {@link Failed}: no retry changes it.
 */
public final class WebhookSender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** TLS and the answer. Below the 15-30 s the specification suggests: a Lambda pays for every second it waits. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_LINE = 8192;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");

    private final Clock clock;
    private final Reach reach;
    private final HostResolver resolver;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    /** The platform's TLS, built at the first https webhook (or by priming): a notifier sending e-mail never needs it. */
    private volatile SSLSocketFactory tls;

    /** Production: the platform's resolver and trust store, 5 s to connect, 10 s for TLS and the answer. */
    public WebhookSender(Clock clock, Reach reach) {
        this(clock, reach, HostResolver.SYSTEM, null, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** @param tls the TLS sockets to layer over each connection; null for the platform's default */
    WebhookSender(Clock clock, Reach reach, HostResolver resolver, SSLSocketFactory tls, Duration connectTimeout,
                  Duration requestTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reach = Objects.requireNonNull(reach, "reach");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.tls = tls;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Before a SnapStart snapshot: JSSE and the trust store loaded, nothing connected. */
    void prime() {
        tls();
    }

    private SSLSocketFactory tls() {
        SSLSocketFactory factory = tls;
        if (factory == null) tls = factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        return factory;
    }

    /**
     * Signs and posts the notice. The webhook-timestamp is the time of this attempt (from the
     * clock), not the notice's: receivers reject stale timestamps to stop replays, and a retry
     * minutes later must still pass.
     *
     * @param url    the channel's URL as stored
     * @param secret the channel's signing secret, {@code whsec_} + base64
     */
    public DeliveryResult send(String url, String secret, Notice notice) {
        Objects.requireNonNull(notice, "notice");
        WebhookUrl target;
        switch (WebhookUrl.parse(url, reach)) {
            case WebhookUrl.Parsed.Accepted a -> target = a.url();
            case WebhookUrl.Parsed.Refused r -> {
                return refused(r.refusal());
            }
        }
        String signature;
        long timestamp = clock.instant().getEpochSecond();
        try {
            signature = signer(secret).sign(notice.id(), timestamp, notice.body());
        } catch (IllegalArgumentException | EmptyWebhookSecretException | WebhookSigningException e) {
            // The library's messages may quote part of the key (Base64 names the bad character): not repeated.
            return new Failed("not sent: the channel's secret is not a whsec_ base64 key (" + e.getClass().getSimpleName() + ")");
        }
        List<InetAddress> addresses;
        Optional<InetAddress> literal = target.literal();
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = List.copyOf(resolver.resolve(target.host())); // the one look-up of this delivery
            } catch (UnknownHostException e) {
                return new Failed("no address for " + target.origin() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        Optional<Refusal> refusal = target.checkResolved(addresses, reach);
        if (refusal.isPresent()) return refused(refusal.get());
        return post(target, addresses, request(target, notice, timestamp, signature));
    }

    private static Refused refused(Refusal refusal) {
        return new Refused("refused without connecting: " + refusal.detail());
    }

    /** One connection to one of the checked addresses, in order, within the connect timeout; then TLS, the request and its status. */
    private DeliveryResult post(WebhookUrl target, List<InetAddress> addresses, byte[] request) {
        String origin = target.origin();
        long connectBy = System.nanoTime() + connectTimeout.toNanos();
        Socket socket = null;
        IOException lastFailure = null;
        for (InetAddress address : addresses) {
            int remaining = remainingMillis(connectBy);
            if (remaining <= 0) break;
            Socket attempt = new Socket();
            try {
                attempt.connect(new InetSocketAddress(address, target.port()), remaining); // an address: no look-up
                socket = attempt;
                break;
            } catch (IOException e) {
                lastFailure = e;
                closeQuietly(attempt);
            }
        }
        if (socket == null) {
            String why = lastFailure == null || lastFailure instanceof SocketTimeoutException ? "no connection in time"
                    : lastFailure.getClass().getSimpleName();
            return new Failed("not connected to " + origin + " (" + why + ")");
        }
        long answerBy = System.nanoTime() + requestTimeout.toNanos();
        try (Socket plain = socket) {
            plain.setTcpNoDelay(true);
            Socket channel = target.scheme().equals("https") ? secure(plain, target, answerBy) : plain;
            try (channel) {
                OutputStream out = channel.getOutputStream();
                out.write(request);
                out.flush();
                int status = status(new BufferedInputStream(channel.getInputStream()), channel, answerBy);
                if (status < 0) return new Failed("not an HTTP answer from " + origin);
                if (status >= 200 && status < 300) return new Delivered("HTTP " + status + " from " + origin);
                if (status >= 300 && status < 400) return new Failed("HTTP " + status + " from " + origin + " (redirects are not followed)");
                return new Failed("HTTP " + status + " from " + origin);
            }
        } catch (SocketTimeoutException e) {
            return new Failed("no answer in time from " + origin + " (" + e.getClass().getSimpleName() + ")");
        } catch (SSLException e) {
            // A certificate not valid for the host name lands here, as any handshake failure.
            return new Failed("TLS with " + origin + " failed (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            // Class name only: exception messages can quote the address or more.
            return new Failed("not delivered to " + origin + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * TLS over the connected socket: SNI and the certificate check use the URL's host name, not the
     * address the socket went to, so a name resolved to another party's address fails the handshake.
     */
    private SSLSocket secure(Socket plain, WebhookUrl target, long answerBy) throws IOException {
        SSLSocket ssl = (SSLSocket) tls().createSocket(plain, target.host(), target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.literal().isEmpty()) parameters.setServerNames(List.of(new SNIHostName(target.host())));
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(Math.max(1, remainingMillis(answerBy)));
        ssl.startHandshake();
        return ssl;
    }

    /** The whole request, headers and body, written at once. Every part is ASCII by construction except the UTF-8 body. */
    private static byte[] request(WebhookUrl target, Notice notice, long timestamp, String signature) {
        byte[] body = notice.body().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target.target() + " HTTP/1.1\r\n"
                + "Host: " + target.authority() + "\r\n"
                + "User-Agent: Liaison-Notifier\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "webhook-id: " + notice.id() + "\r\n"
                + "webhook-timestamp: " + timestamp + "\r\n"
                + "webhook-signature: " + signature + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The final status code, skipping 1xx interim answers; -1 when the answer is not HTTP/1.x. */
    private static int status(InputStream in, Socket channel, long answerBy) throws IOException {
        for (int interim = 0; interim < 5; interim++) {
            String line = line(in, channel, answerBy);
            Matcher m = line == null ? null : STATUS_LINE.matcher(line);
            if (m == null || !m.matches()) return -1;
            int status = Integer.parseInt(m.group(1));
            if (status >= 200) return status;
            if (status < 100) return -1;
            String header;
            do {
                header = line(in, channel, answerBy);
                if (header == null) return -1;
            } while (!header.isEmpty());
        }
        return -1;
    }

    /** One line without its CR LF; null at the end of the stream or past {@value #MAX_LINE} bytes. Bounded by the deadline, not only per read. */
    private static String line(InputStream in, Socket channel, long answerBy) throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_LINE) {
            int remaining = remainingMillis(answerBy);
            if (remaining <= 0) throw new SocketTimeoutException();
            channel.setSoTimeout(remaining);
            int b = in.read();
            if (b < 0) return null;
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                return line.toString();
            }
            line.append((char) (b & 0x7F));
        }
        return null;
    }

    private static int remainingMillis(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // never connected; nothing to release
        }
    }

    private static Webhook signer(String secret) throws EmptyWebhookSecretException {
        // The library would also take a bare base64 key; requiring the prefix catches a wrong value early.
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("no whsec_ prefix");
        }
        return new Webhook(secret);
    }
}
