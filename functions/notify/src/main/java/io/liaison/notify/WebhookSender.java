package io.liaison.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;

import java.io.IOException;
import io.liaison.core.webhook.Reach;
import io.liaison.core.webhook.WebhookUrl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Delivers a notice to a webhook as the Standard Webhooks specification describes: a POST of the
 * JSON body with {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body}).
 *
 * <p>Build one per container: the HTTP client inside keeps its connections for later notices.
 * Redirects are not followed (the specification counts a 3xx as a failure: the channel's URL
 * should be corrected instead), and only 2xx counts as delivered.
 */
public final class WebhookSender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Below the 15-30 s the specification suggests: a Lambda pays for every second it waits. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_PREFIX = "whsec_";

    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    /** Built at the first webhook: java.net.http is some 300 classes a notifier sending e-mail never needs. */
    private volatile HttpClient http;

    /** The production timeouts: 5 s to connect, 10 s for the answer. */
    public WebhookSender(Clock clock) {
        this(clock, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    public WebhookSender(Clock clock, Duration connectTimeout, Duration requestTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The HTTP client, built on first use (and by SnapStart priming). */
    HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    http = client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
            }
        }
        return client;
    }

    /**
     * Whether notices may be sent to this URL (the rule is {@link Channel.Webhook#acceptable}, which
     * the admin API also applies to stored channels); {@link #send} checks again before connecting.
     */
    public static boolean acceptable(URI url) {
        return url != null && WebhookUrl.parse(url.toString(), Reach.PUBLIC_AND_LOOPBACK) instanceof WebhookUrl.Parsed.Accepted;
    }

    /**
     * Signs and posts the notice. The webhook-timestamp is the time of this attempt (from the
     * clock), not the notice's: receivers reject stale timestamps to stop replays, and a retry
     * minutes later must still pass.
     *
     * @param secret the channel's signing secret, {@code whsec_} + base64
     */
    public DeliveryResult send(URI url, String secret, Notice notice) {
        Objects.requireNonNull(notice, "notice");
        if (!acceptable(url)) {
            return new Failed("refused without connecting: a webhook URL must be https, or http to a loopback host ("
                    + origin(url) + ")");
        }
        String signature;
        long timestamp = clock.instant().getEpochSecond();
        try {
            signature = signer(secret).sign(notice.id(), timestamp, notice.body());
        } catch (IllegalArgumentException | EmptyWebhookSecretException | WebhookSigningException e) {
            // The library's messages may quote part of the key (Base64 names the bad character): not repeated.
            return new Failed("not sent: the channel's secret is not a whsec_ base64 key (" + e.getClass().getSimpleName() + ")");
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", notice.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(notice.body(), StandardCharsets.UTF_8))
                .build();
        try {
            int status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300
                    ? new Delivered("HTTP " + status + " from " + origin(url))
                    : new Failed("HTTP " + status + " from " + origin(url));
        } catch (HttpTimeoutException e) {
            return new Failed("no answer in time from " + origin(url) + " (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            // Class name only: exception messages can quote the full URL.
            return new Failed("not delivered to " + origin(url) + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while delivering to " + origin(url));
        }
    }

    private static Webhook signer(String secret) throws EmptyWebhookSecretException {
        // The library would also take a bare base64 key; requiring the prefix catches a wrong value early.
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("no whsec_ prefix");
        }
        return new Webhook(secret);
    }

    /** {@code scheme://host:port} and nothing more: paths and queries may carry tokens. */
    static String origin(URI url) {
        if (url == null || url.getScheme() == null || url.getHost() == null) {
            return "an unparsable URL";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + url.getHost() + (port == -1 ? "" : ":" + port);
    }
}
