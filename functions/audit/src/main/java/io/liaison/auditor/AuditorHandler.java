package io.liaison.auditor;

import io.liaison.ops.Invocation;
import io.liaison.ops.Metric;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.audit.EventJson;
import io.liaison.audit.TrailVerifier;
import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.core.Role;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.http.Problem;
import io.liaison.http.ProblemException;
import io.liaison.json.Json;
import io.liaison.store.StoredTrails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The auditor's view of trails: any request's events (metadata only, with their hashes), and a
 * verification that names the first broken event. An auditor whose token lists jurisdictions
 * sees only requests from or to them; anything else is not found.
 */
public final class AuditorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final StoredTrails trails;
    private final io.liaison.store.Digests digests;
    private final io.liaison.network.NetworkStore network;
    private final io.liaison.audit.DigestSigner signer;

    public AuditorHandler() {
        this(Environment.system());
    }

    public AuditorHandler(Environment env) {
        this(Clients.dynamoDb(env), env.require(Environment.TABLE_NAME), io.liaison.config.Wiring.digestSigner(env));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: the verification of a trail that does not exist (404, nothing written). */
    public void prime() {
        Priming.expect(404, handleRequest(Priming.apiEvent("GET /audit/requests/{id}/verification", Map.of("id", Priming.ABSENT_REQUEST),
                Priming.auditor(), null), Priming.CONTEXT));
    }

    AuditorHandler(DynamoDbClient db, String table, io.liaison.audit.DigestSigner signer) {
        this.trails = new StoredTrails(db, table);
        this.network = new io.liaison.store.DynamoNetworkStore(db, table);
        this.digests = new io.liaison.store.Digests(db, table, signer);
        this.signer = signer;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "GET /audit/requests/{id}/events" -> events(request);
            case "GET /audit/requests/{id}/verification" -> verification(request);
            case "GET /audit/events" -> listEvents(request);
            case "GET /audit/public-key" -> publicKey(request);
            case "GET /audit/export" -> export(request);
            case "GET /directory/verification" -> revisionTrail(request, io.liaison.network.Trail.DIRECTORY);
            case "GET /routing/rules/verification" -> revisionTrail(request, io.liaison.network.Trail.ROUTING_RULES);
            default -> HttpApi.unknownRoute(request);
        });
    }

    private StoredTrails.Trail trail(ApiRequest request) {
        requireAuditor(request);
        Set<String> limits = request.auditedJurisdictions();
        Optional<StoredTrails.Trail> trail = trails.read(request.requestId())
                .filter(t -> limits.isEmpty() || limits.contains(t.requesterJurisdiction()) || limits.contains(t.targetJurisdiction()));
        return trail.orElseThrow(() -> new ProblemException(Problem.notFound()));
    }

    private static void requireAuditor(ApiRequest request) {
        if (request.caller().role() != Role.AUDITOR) {
            throw new ProblemException(Problem.of(403, "/problems/forbidden", "Forbidden", "trails are read by auditors"));
        }
    }

    /** What a listing or an export covers: a time range, and the jurisdictions the auditor may and does ask for. */
    private record Range(java.time.Instant from, java.time.Instant to, Set<String> jurisdictions) {}

    private static Range range(ApiRequest request) {
        requireAuditor(request);
        java.time.Instant from = instant(request, "from");
        java.time.Instant to = instant(request, "to");
        if (from.isAfter(to) || java.time.Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw ApiRequest.badQuery("/to", "'to' is after 'from', at most 31 days later");
        }
        Set<String> limits = request.auditedJurisdictions();
        Set<String> jurisdictions = request.query("jurisdiction").<Set<String>>map(Set::of).orElse(limits);
        if (!limits.isEmpty() && !limits.containsAll(jurisdictions)) {
            throw new ProblemException(Problem.of(403, "/problems/forbidden", "Forbidden",
                    "this auditor's token covers " + String.join(", ", limits) + " only"));
        }
        return new Range(from, to, jurisdictions);
    }

    /** Longest time range one listing covers: a month of day partitions. */
    static final java.time.Duration MAX_RANGE = java.time.Duration.ofDays(31);

    private APIGatewayV2HTTPResponse listEvents(ApiRequest request) {
        Range range = range(request);
        int limit = request.pageSize(50);
        var page = trails.events(range.from(), range.to(), range.jurisdictions(), request.query("cursor").filter(c -> !c.isEmpty()).orElse(null), limit);
        ObjectNode out = Json.MAPPER.createObjectNode();
        var items = out.putArray("items");
        for (StoredTrails.ListedEvent listed : page.items()) {
            ObjectNode item = EventJson.write(listed.stored());
            item.put("requesterJurisdiction", listed.requesterJurisdiction());
            item.put("targetJurisdiction", listed.targetJurisdiction());
            items.add(item);
        }
        if (page.cursor() == null) out.putNull("nextCursor");
        else out.put("nextCursor", page.cursor());
        return HttpApi.json(200, out);
    }

    private static java.time.Instant instant(ApiRequest request, String name) {
        String text = request.query(name).orElseThrow(() -> ApiRequest.badQuery("/" + name, "is required: a UTC time like 2026-11-24T00:00:00Z"));
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiRequest.badQuery("/" + name, "'" + text + "' is not a UTC time like 2026-11-24T00:00:00Z");
        }
    }

    private APIGatewayV2HTTPResponse events(ApiRequest request) {
        StoredTrails.Trail trail = trail(request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("requestId", trail.requestId());
        out.put("requesterJurisdiction", trail.requesterJurisdiction());
        out.put("targetJurisdiction", trail.targetJurisdiction());
        out.put("head", trail.head().hex());
        var items = out.putArray("items");
        for (TrailVerifier.StoredEvent stored : trail.events()) items.add(EventJson.write(stored));
        return HttpApi.json(200, out);
    }

    /** Most trails one export carries; a wider range is refused so that the answer stays in one response. */
    static final int MAX_EXPORTED_TRAILS = 500;

    /**
     * The trails with events in a time range, whole, as JSON Lines: every event with its hashes,
     * each trail's head, and the signed digests of the hours they span, so that the export can be
     * checked offline with the published key (the `verify` command of the local jar).
     */
    private APIGatewayV2HTTPResponse export(ApiRequest request) {
        Range range = range(request);
        java.util.LinkedHashSet<String> requestIds = new java.util.LinkedHashSet<>();
        String cursor = null;
        do {
            var page = trails.events(range.from(), range.to(), range.jurisdictions(), cursor, 100);
            page.items().forEach(e -> requestIds.add(e.stored().event().requestId()));
            cursor = page.cursor();
            if (requestIds.size() > MAX_EXPORTED_TRAILS) {
                throw new ProblemException(new Problem(422, "/problems/validation-failed", "The export is too large",
                        "More than " + MAX_EXPORTED_TRAILS + " trails: narrow the range.", java.util.List.of()));
            }
        } while (cursor != null);
        StringBuilder out = new StringBuilder();
        java.util.TreeSet<String> hours = new java.util.TreeSet<>();
        for (String requestId : requestIds) {
            // Events whose request item is gone: left out here; GET /audit/requests/{id}/events shows them as not found.
            Optional<StoredTrails.Trail> found = trails.read(requestId);
            if (found.isEmpty()) continue;
            StoredTrails.Trail trail = found.get();
            for (TrailVerifier.StoredEvent stored : trail.events()) {
                ObjectNode line = Json.MAPPER.createObjectNode().put("type", "event");
                line.setAll(EventJson.write(stored));
                out.append(line).append('\n');
                hours.add(io.liaison.store.Digests.hourOf(stored.event().at()));
            }
            out.append(Json.MAPPER.createObjectNode().put("type", "head").put("requestId", requestId)
                    .put("head", trail.head().hex()).put("length", trail.length())).append('\n');
        }
        if (request.auditedJurisdictions().isEmpty() && request.query("jurisdiction").isEmpty()) {
            // The directory's and the routing rules' trails, whole: an auditor of every jurisdiction checks them offline too.
            for (io.liaison.network.Trail trail : io.liaison.network.Trail.values()) {
                var head = network.head(trail);
                if (head.isEmpty()) continue;
                for (io.liaison.network.Revision revision : network.revisions(trail, 0)) {
                    ObjectNode line = Json.MAPPER.createObjectNode().put("type", "revision");
                    line.setAll(revision.toJson(true));
                    out.append(line).append('\n');
                    hours.add(io.liaison.store.Digests.hourOf(revision.at()));
                }
                out.append(Json.MAPPER.createObjectNode().put("type", "head").put("trail", trail.id())
                        .put("head", head.get().chainHash().hex()).put("length", head.get().number())).append('\n');
            }
        }
        for (String hour : hours) {
            digests.read(hour).ifPresent(d -> out.append(Json.MAPPER.createObjectNode().put("type", "digest")
                    .put("hour", d.hour()).put("document", d.document())
                    .put("signature", java.util.Base64.getEncoder().encodeToString(d.signature()))).append('\n'));
        }
        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(java.util.Map.of("content-type", "application/x-ndjson")).withBody(out.toString()).build();
    }

    /** The key that signs the hourly digests, so that anyone can check an exported digest offline. */
    private APIGatewayV2HTTPResponse publicKey(ApiRequest request) {
        return HttpApi.json(200, Json.MAPPER.createObjectNode().put("algorithm", "ECDSA_SHA_256").put("curve", "P-256")
                .put("pem", io.liaison.audit.DigestSigner.pem(signer.publicKey())));
    }

    /**
     * The directory's or the rules' trail checked as a request's is: the chain, the head, and the
     * signed digests of the hours its revisions fall in. Auditors and administrators.
     */
    private APIGatewayV2HTTPResponse revisionTrail(ApiRequest request, io.liaison.network.Trail trail) {
        Role role = request.caller().role();
        if (role != Role.AUDITOR && role != Role.ADMINISTRATOR) {
            throw new ProblemException(Problem.of(403, "/problems/forbidden", "Forbidden",
                    "the trails are verified by auditors and administrators"));
        }
        var revisions = network.revisions(trail, 0);
        var head = network.head(trail);
        TrailVerifier.Verification result = TrailVerifier.verify(revisions,
                head.map(io.liaison.network.NetworkStore.Head::chainHash).orElse(io.liaison.audit.Hash.GENESIS),
                head.map(io.liaison.network.NetworkStore.Head::number).orElse(0L), "revision");
        if (result instanceof TrailVerifier.Valid) {
            result = digests.check(trail.id(), revisions, signer.publicKey()).<TrailVerifier.Verification>map(b -> b).orElse(result);
        }
        return HttpApi.json(200, verdict(Json.MAPPER.createObjectNode().put("trail", trail.id()), result));
    }

    /** A verification as the API writes it, for a request's trail and for a revision trail alike. */
    private static ObjectNode verdict(ObjectNode out, TrailVerifier.Verification result) {
        switch (result) {
            case TrailVerifier.Valid valid -> out.put("valid", true).put("length", valid.length()).put("head", valid.head().hex());
            case TrailVerifier.Broken broken -> {
                // A broken trail is an incident: counted (the alarm VerificationFailed) and logged with where it broke.
                Invocation.count(Metric.VERIFICATION_FAILURES);
                Invocation.log("ERROR", "trail broken at " + broken.sequence() + ": " + broken.damage().name());
                out.put("valid", false).put("sequence", broken.sequence())
                        .put("damage", broken.damage().name()).put("detail", broken.detail());
            }
        }
        return out;
    }

    private APIGatewayV2HTTPResponse verification(ApiRequest request) {
        StoredTrails.Trail trail = trail(request);
        TrailVerifier.Verification result = trail.verify();
        if (result instanceof TrailVerifier.Valid) {
            // The chain holds; the signed digests of the hours it spans must agree with it too.
            result = digests.check(trail.requestId(), trail.events(), signer.publicKey())
                    .<TrailVerifier.Verification>map(b -> b).orElse(result);
        }
        return HttpApi.json(200, verdict(Json.MAPPER.createObjectNode().put("requestId", trail.requestId()), result));
    }
}
