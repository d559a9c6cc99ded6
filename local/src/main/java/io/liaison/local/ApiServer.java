package io.liaison.local;

import io.liaison.config.InvocationContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stands in for API Gateway: matches the template's routes, checks the bearer token as the JWT
 * authorizer does, builds the APIGatewayV2HTTPEvent (payload format 2.0) and invokes the
 * function's handler. Also serves the dev issuer's token and key endpoints under /dev, and the
 * web console on the paths no route has (GET /, /index.html, /assets/…, /console-config.json).
 */
final class ApiServer implements AutoCloseable {
    /** API Gateway's own limit on a request body. */
    static final int GATEWAY_MAX_BODY = 10 * 1024 * 1024;
    /** API Gateway's answer when no route matches the method and path. */
    static final String NOT_FOUND = "{\"message\":\"Not Found\"}";

    record Binding(String function, Template.Route route, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

    private record Compiled(Binding binding, Pattern pattern, List<String> names) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Compiled> routes = new ArrayList<>();
    private final DevIssuer issuer;
    private final DemoUsers users;
    private final Clock clock;
    private final Schedules schedules;
    private final ConsoleFiles console;

    /** Runs a scheduled function of the template once, as EventBridge would at {@code time}. */
    interface Schedules {
        /** The handler's answer; IllegalArgumentException when no scheduled function has that name. */
        Object run(String logicalId, java.time.Instant time);
    }

    ApiServer(InetSocketAddress address, List<Binding> bindings, DevIssuer issuer, DemoUsers users, Clock clock,
              Schedules schedules, ConsoleFiles console) throws IOException {
        this.console = console;
        this.issuer = issuer;
        this.users = users;
        this.clock = clock;
        this.schedules = schedules;
        for (Binding binding : bindings) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(binding.route().path());
            StringBuilder regex = new StringBuilder("^");
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(binding.route().path().substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(binding.route().path().substring(last))).append("$");
            routes.add(new Compiled(binding, Pattern.compile(regex.toString()), names));
        }
        server = HttpServer.create(address, 64);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/dev/") || path.equals("/.well-known/jwks.json")) {
                dev(exchange, path);
            } else {
                api(exchange, path);
            }
        } catch (RuntimeException e) {
            System.err.println("local server: " + e);
            e.printStackTrace();
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}", Map.of());
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        // API Gateway HTTP API routes on "METHOD /path": a method the path has no route for is not
        // a 405 there but the same 404 as an unknown path (no Allow header), before any authorizer runs.
        Optional<Compiled> route = routes.stream()
                .filter(r -> r.binding().route().method().equals(method) && r.pattern().matcher(path).matches())
                .findFirst();
        if (route.isEmpty()) {
            // The console only where the API has nothing: a route of the template always wins.
            Optional<ConsoleFiles.Answer> file = method.equals("GET") || method.equals("HEAD") ? console.get(path) : Optional.empty();
            if (file.isPresent()) {
                send(exchange, 200, null, file.get().body(), file.get().headers());
            } else {
                send(exchange, 404, "application/json", NOT_FOUND, Map.of());
            }
            return;
        }
        boolean open = route.get().binding().route().open();
        Optional<Map<String, String>> claims = open ? Optional.of(Map.of())
                : issuer.verify(exchange.getRequestHeaders().getFirst("Authorization"));
        if (claims.isEmpty()) {
            send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}", Map.of("www-authenticate", "Bearer"));
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}", Map.of());
            return;
        }
        Compiled compiled = route.get();
        APIGatewayV2HTTPEvent event = event(exchange, compiled, path, claims.get(), body);
        APIGatewayV2HTTPResponse response = compiled.binding().handler()
                .handleRequest(event, InvocationContext.of(compiled.binding().function()));
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        String text = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), null, bytes, headers);
    }

    private APIGatewayV2HTTPEvent event(HttpExchange exchange, Compiled compiled, String path, Map<String, String> claims, byte[] body) {
        Matcher m = compiled.pattern().matcher(path);
        m.matches();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        for (int i = 0; i < compiled.names().size(); i++) {
            pathParameters.put(compiled.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        // API Gateway passes text bodies as they are and base64-encodes everything else.
        boolean text = contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded");
        String routeKey = compiled.binding().route().routeKey();
        long now = clock.millis();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString(rawQuery)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey).withAccountId("000000000000").withApiId("local").withStage("$default")
                        .withDomainName("localhost").withRequestId(UUID.randomUUID().toString()).withTimeEpoch(now)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod()).withPath(path).withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.get("user-agent")).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).withScopes(null).build()).build())
                        .build())
                .build();
    }

    private void dev(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/dev/schedules/")) {
            schedule(exchange, path.substring("/dev/schedules/".length()));
        } else if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
            send(exchange, 405, "application/json", "{\"message\":\"use GET\"}", Map.of("allow", "GET"));
        } else if (path.equals("/.well-known/jwks.json") || path.equals("/dev/jwks.json")) {
            send(exchange, 200, "application/json", issuer.publicJwks(), Map.of());
        } else if (path.equals("/dev/users")) {
            String list = users.all().stream().map(u -> String.format(
                    "{\"user\":\"%s\",\"name\":\"%s\",\"role\":\"%s\",\"jurisdiction\":\"%s\",\"agency\":%s,\"contactPoint\":%s}",
                    u.login(), u.name(), u.role(), u.jurisdiction(), quoted(u.agency()), quoted(u.contactPoint())))
                    .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
            send(exchange, 200, "application/json", list, Map.of());
        } else if (path.startsWith("/dev/token/")) {
            Optional<DemoUsers.User> user = users.find(path.substring("/dev/token/".length()));
            if (user.isPresent()) {
                send(exchange, 200, "text/plain", issuer.token(user.get()), Map.of());
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"no such demo user; GET /dev/users lists them\"}", Map.of());
            }
        } else {
            send(exchange, 404, "application/json", NOT_FOUND, Map.of());
        }
    }

    /**
     * POST /dev/schedules/{function}?time=2026-11-25T14:00:00Z: fires a scheduled function now, or
     * "at" the given time (the deadline monitor's clock is its event's time). Local only: how a
     * person sees in minutes what a deadline four hours away will do.
     */
    private void schedule(HttpExchange exchange, String function) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            send(exchange, 405, "application/json", "{\"message\":\"use POST\"}", Map.of("allow", "POST"));
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        java.time.Instant time = clock.instant();
        if (query != null && query.startsWith("time=")) {
            try {
                time = java.time.Instant.parse(java.net.URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8));
            } catch (java.time.format.DateTimeParseException e) {
                send(exchange, 400, "application/json", "{\"message\":\"time is an ISO-8601 instant such as 2026-11-25T14:00:00Z\"}", Map.of());
                return;
            }
        }
        try {
            Object result = schedules.run(function, time);
            var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("function", function).put("time", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                    .put("result", String.valueOf(result));
            send(exchange, 200, "application/json", out.toString() + "\n", Map.of());
        } catch (IllegalArgumentException e) {
            send(exchange, 404, "application/json", "{\"message\":\"no scheduled function " + function.replaceAll("[^A-Za-z0-9]", "")
                    + " in the template\"}", Map.of());
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** The body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(GATEWAY_MAX_BODY + 1);
        return body.length > GATEWAY_MAX_BODY ? null : body;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (contentType != null) exchange.getResponseHeaders().set("content-type", contentType);
        // A HEAD answer has headers only (API Gateway has no HEAD route here, so it is a 404 without a body).
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
