package io.liaison.infra;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A contact point's webhook endpoint, started by the test: records every POST and answers 500 for
 * the first {@code failures} deliveries (all of them with {@link Integer#MAX_VALUE}), then 204.
 */
final class WebhookReceiver implements AutoCloseable {
    record Delivery(Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger toFail;

    WebhookReceiver(int failures) {
        this.toFail = new AtomicInteger(failures);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            received.add(new Delivery(headers, body));
            int status = toFail.getAndUpdate(n -> n == Integer.MAX_VALUE || n == 0 ? n : n - 1) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** What arrived about one request (other tests' notices may reach the same contact point). */
    List<Delivery> about(String requestId) {
        return received.stream().filter(d -> d.body().contains(requestId)).toList();
    }

    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    /** Something to undo when the receiver stops: the channel that points at it. */
    void onClose(Runnable action) {
        onClose.add(action);
    }

    @Override
    public void close() {
        onClose.forEach(Runnable::run);
        server.stop(0);
    }
}
