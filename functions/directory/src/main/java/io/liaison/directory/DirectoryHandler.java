package io.liaison.directory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.core.Caller;
import io.liaison.core.Coded;
import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Directory;
import io.liaison.core.Lifecycle;
import io.liaison.core.RequestService;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.json.DirectoryJson;
import io.liaison.json.FieldReader;
import io.liaison.json.FilingCodec;
import io.liaison.json.Json;
import io.liaison.json.LegalBasesJson;
import io.liaison.json.Times;
import io.liaison.network.Administration;
import io.liaison.network.Proposal;
import io.liaison.network.Revision;
import io.liaison.network.Trail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory and the routing rules while Liaison runs: everyone reads the directory and the
 * rules and previews a filing's routing; administrators change their jurisdictions' entries, mark
 * them unavailable, import and export them; network administrators propose and approve rule
 * changes; auditors read both trails (the AuditFunction verifies them, digests included; ADR 0019).
 */
public final class DirectoryHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    private static final Set<String> CHANGE_FIELDS = Set.of("entry", "reason", "expectedVersion");
    private static final Set<String> IMPORT_FIELDS = Set.of("contactPoints", "reason", "expectedRevision", "revision");
    private static final Set<String> PROPOSAL_FIELDS = Set.of("document", "reason", "validFrom");

    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final Wiring wiring;

    public DirectoryHandler() {
        this(Environment.system());
    }

    public DirectoryHandler(Environment env) {
        this(Wiring.from(env));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: the directory read as a requester reads it (nothing written). */
    public void prime() {
        Priming.expect(200, handleRequest(Priming.apiEvent("GET /directory", Map.of(), Priming.requester(), null), Priming.CONTEXT));
    }

    DirectoryHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "GET /directory" -> list(request);
            case "PUT /directory" -> importDirectory(request);
            case "GET /directory/export" -> HttpApi.result(wiring.networkService().export(request.caller(), request.administration()),
                    latest -> HttpApi.json(200, document(latest.revision(), latest.value())));
            case "PUT /directory/contact-points/{contactPointId}" -> change(request);
            case "POST /directory/contact-points/{contactPointId}/unavailability" -> unavailable(request);
            case "GET /directory/revisions" -> revisions(request, Trail.DIRECTORY);
            case "GET /directory/revisions/{number}" -> revision(request, Trail.DIRECTORY);
            case "GET /routing/rules" -> rules(request);
            case "GET /routing/rules/revisions" -> revisions(request, Trail.ROUTING_RULES);
            case "POST /routing/rules/proposals" -> propose(request);
            case "GET /routing/rules/proposals" -> HttpApi.result(wiring.networkService().proposals(request.caller()), all -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                ArrayNode items = out.putArray("items");
                all.forEach(p -> items.add(proposal(p)));
                return HttpApi.json(200, out);
            });
            case "POST /routing/rules/proposals/{proposalId}/approval" -> {
                Caller caller = request.caller();
                HttpApi.requireNoInput(request);
                String id = String.valueOf(request.path("proposalId"));
                if (!id.matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")) {
                    yield HttpApi.problem(io.liaison.http.Problem.of(404, "/problems/not-found", "Not found", "There is no such proposal."));
                }
                yield HttpApi.result(wiring.networkService().approve(caller, request.administration(), id),
                        r -> HttpApi.json(200, summary(r)), "There is no such proposal.");
            }
            case "POST /routing/preview" -> preview(request);
            default -> HttpApi.unknownRoute(request);
        });
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Caller caller = request.caller();
        Administration admin = request.administration();
        Optional<String> jurisdiction = request.query("jurisdiction");
        if (jurisdiction.isPresent() && !jurisdiction.get().matches("[A-Z]{2}")) {
            throw ApiRequest.badQuery("/jurisdiction", "an ISO 3166-1 alpha-2 country code such as DE");
        }
        Optional<ContactPointKind> kind = request.query("kind").map(k -> Coded.parse(ContactPointKind.class, k)
                .orElseThrow(() -> ApiRequest.badQuery("/kind", "one of " + Coded.allowed(ContactPointKind.class))));
        Optional<Instant> at = instantQuery(request, "at");
        return HttpApi.result(wiring.networkService().list(caller, jurisdiction, kind, at), listing -> {
            ObjectNode out = Json.MAPPER.createObjectNode().put("revision", listing.revision())
                    .put("validFrom", Times.format(listing.validFrom())).put("at", Times.format(listing.at()));
            ArrayNode items = out.putArray("items");
            for (ContactPoint cp : listing.entries()) {
                ObjectNode entry = DirectoryJson.entry(cp, io.liaison.network.NetworkService.seesAddresses(caller, admin, cp));
                entry.put("availableNow", cp.unavailableAt(listing.at()).isEmpty());
                items.add(entry);
            }
            return HttpApi.json(200, out);
        });
    }

    private APIGatewayV2HTTPResponse change(ApiRequest request) {
        Caller caller = request.caller();
        String id = String.valueOf(request.path("contactPointId"));
        JsonNode body = request.jsonBody();
        FieldReader in = new FieldReader();
        ContactPoint entry = null;
        String reason = null;
        Long expected = null;
        if (in.object(body, "", CHANGE_FIELDS) != null) {
            entry = DirectoryJson.entry(body.get("entry"), "/entry", in);
            reason = in.note(body, "reason", "/reason", true);
            expected = count(body, "expectedVersion", "/expectedVersion", in);
        }
        HttpApi.requireValid(in);
        return HttpApi.result(wiring.networkService().change(caller, request.administration(), id, entry, reason, expected),
                r -> HttpApi.json(200, summary(r)), "There is no contact point " + id + " in the directory.");
    }

    private APIGatewayV2HTTPResponse unavailable(ApiRequest request) {
        Caller caller = request.caller();
        String id = String.valueOf(request.path("contactPointId"));
        FieldReader in = new FieldReader();
        ContactPoint.Unavailability period = DirectoryJson.period(request.jsonBody(), "", in);
        HttpApi.requireValid(in);
        return HttpApi.result(wiring.networkService().markUnavailable(caller, request.administration(), id, period),
                r -> HttpApi.json(200, summary(r)), "There is no contact point " + id + " in the directory.");
    }

    private APIGatewayV2HTTPResponse importDirectory(ApiRequest request) {
        Caller caller = request.caller();
        JsonNode body = request.jsonBody();
        FieldReader in = new FieldReader();
        List<ContactPoint> entries = new ArrayList<>();
        String reason = null;
        Long expected = null;
        if (in.object(body, "", IMPORT_FIELDS) != null) {
            JsonNode list = in.array(body, "contactPoints", "/contactPoints", true);
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    ContactPoint cp = DirectoryJson.entry(list.get(i), "/contactPoints/" + i, in);
                    if (cp != null) entries.add(cp);
                }
            }
            reason = in.note(body, "reason", "/reason", true);
            expected = count(body, "expectedRevision", "/expectedRevision", in);
        }
        HttpApi.requireValid(in);
        return HttpApi.result(wiring.networkService().importDirectory(caller, request.administration(), entries, reason, expected),
                r -> HttpApi.json(200, summary(r)));
    }

    private APIGatewayV2HTTPResponse revisions(ApiRequest request, Trail trail) {
        return HttpApi.result(wiring.networkService().revisions(request.caller(), trail), all -> {
            ObjectNode out = Json.MAPPER.createObjectNode().put("trail", trail.id());
            ArrayNode items = out.putArray("items");
            all.forEach(r -> items.add(summary(r)));
            return HttpApi.json(200, out);
        });
    }

    private APIGatewayV2HTTPResponse revision(ApiRequest request, Trail trail) {
        long number = revisionNumber(String.valueOf(request.path("number")));
        return HttpApi.result(wiring.networkService().revision(request.caller(), trail, number),
                r -> HttpApi.json(200, withState(r)), "There is no revision " + number + " of the " + trail.id() + " trail.");
    }

    private APIGatewayV2HTTPResponse rules(ApiRequest request) {
        Optional<Long> number = request.query("revision").map(DirectoryHandler::queryRevision);
        return HttpApi.result(wiring.networkService().rules(request.caller(), number), r -> {
            ObjectNode out = Json.MAPPER.createObjectNode().put("revision", r.number()).put("version", r.version())
                    .put("validFrom", Times.format(r.validFrom()));
            out.set("document", json(r.state()));
            return HttpApi.json(200, out);
        }, "There is no such revision of the routing rules.");
    }

    private APIGatewayV2HTTPResponse propose(ApiRequest request) {
        Caller caller = request.caller();
        JsonNode body = request.jsonBody();
        FieldReader in = new FieldReader();
        String document = null;
        String reason = null;
        Instant validFrom = null;
        if (in.object(body, "", PROPOSAL_FIELDS) != null) {
            JsonNode doc = body.get("document");
            if (doc == null || !doc.isObject()) in.invalid("/document", "the whole routing rules document, as GET /routing/rules shows it");
            else document = doc.toString();
            reason = in.note(body, "reason", "/reason", true);
            validFrom = in.instant(body, "validFrom", "/validFrom", false);
        }
        HttpApi.requireValid(in);
        return HttpApi.result(wiring.networkService().propose(caller, request.administration(), document, reason, validFrom),
                p -> HttpApi.json(201, proposal(p), Map.of("location", "/routing/rules/proposals/" + p.id())));
    }

    /** What filing this draft would lead to, by the same code as filing and routing; stores nothing. */
    private APIGatewayV2HTTPResponse preview(ApiRequest request) {
        Caller caller = request.caller();
        Instant at = instantQuery(request, "at").orElse(Instant.now());
        FilingCodec.Parsed parsed = FilingCodec.read(request.jsonBody());
        HttpApi.requireValid(parsed.problems());
        return HttpApi.result(wiring.requests().preview(caller, parsed.filing(), at), p -> HttpApi.json(200, preview(p)));
    }

    private ObjectNode preview(RequestService.Preview p) {
        var filing = p.draft().filing();
        ObjectNode out = Json.MAPPER.createObjectNode().put("at", Times.format(p.at()))
                .put("requesting", p.draft().requester().jurisdiction()).put("target", filing.targetJurisdiction())
                .put("directoryRevision", p.inForce().directoryRevision()).put("rulesRevision", p.inForce().rulesRevision())
                .put("rulesVersion", p.inForce().rules().version());
        out.set("binding", LegalBasesJson.binding(p.binding()));
        ArrayNode unavailable = out.putArray("unavailable");
        switch (p.decision()) {
            case Lifecycle.Route route -> {
                out.put("outcome", "ROUTED");
                ContactPoint cp = route.contactPoint();
                ObjectNode to = out.putObject("contactPoint").put("id", cp.id()).put("name", cp.name()).put("kind", cp.kind().code())
                        .put("jurisdiction", cp.jurisdiction());
                ObjectNode entry = DirectoryJson.entry(cp, false);
                to.set("languages", entry.get("languages"));
                to.set("hours", entry.get("hours"));
                to.set("backup", entry.get("backup"));
                Directory directory = p.inForce().directory();
                // The rule's first kind the target has: the contact point the request was meant for, before its backups.
                p.inForce().rules().rules().stream().filter(r -> r.id().equals(route.ruleId())).findFirst().stream()
                        .flatMap(r -> r.to().stream())
                        .flatMap(kind -> directory.find(filing.targetJurisdiction(), kind, p.at(), filing).stream()).findFirst()
                        .ifPresent(first -> directory.taker(first, p.at()).skipped().forEach(s -> unavailable.addObject()
                                .put("contactPoint", s.contactPoint().id()).put("until", Times.format(s.period().to()))
                                .put("reason", s.period().reason())));
                rule(out, "routingRule", route.ruleId(), p.inForce().rules().rules().stream()
                        .filter(r -> r.id().equals(route.ruleId())).findFirst().map(r -> r.description()).orElse(null));
                rule(out, "deadlineRule", route.deadlineRuleId(), p.inForce().rules().deadline(route.deadlineRuleId())
                        .map(d -> d.description()).orElse(null));
                out.putObject("deadlines").put("acknowledgeBy", Times.format(route.acknowledgeBy()))
                        .put("respondBy", Times.format(route.respondBy()));
                out.put("reason", route.reason());
            }
            case Lifecycle.MarkUnroutable unroutable -> {
                out.put("outcome", "UNROUTABLE");
                if (unroutable.ruleId() == null) out.putNull("routingRule");
                else rule(out, "routingRule", unroutable.ruleId(), p.inForce().rules().rules().stream()
                        .filter(r -> r.id().equals(unroutable.ruleId())).findFirst().map(r -> r.description()).orElse(null));
                out.put("reason", unroutable.reason());
            }
            default -> throw new IllegalStateException("routing decides a route or unroutable, not " + p.decision());
        }
        ReleaseGate gate = new ReleaseGate(wiring.policies().get(), null);
        out.put("releasePolicyVersion", gate.policy().version());
        ArrayNode rules = out.putArray("releaseRules");
        gate.expectations(filing, p.draft().requester().jurisdiction(), p.at())
                .forEach(e -> rules.addObject().put("rule", e.rule()).put("text", e.text()));
        return out;
    }

    private static void rule(ObjectNode out, String field, String id, String description) {
        ObjectNode rule = out.putObject(field).put("id", id);
        if (description == null) rule.putNull("description");
        else rule.put("description", description);
    }

    static ObjectNode summary(Revision r) {
        return r.toJson(false);
    }

    private static ObjectNode withState(Revision r) {
        return r.toJson(true);
    }

    private static ObjectNode document(Revision r, Directory directory) {
        ObjectNode out = DirectoryJson.state(directory);
        ObjectNode doc = Json.MAPPER.createObjectNode().put("revision", r.number());
        doc.set("contactPoints", out.get("contactPoints"));
        return doc;
    }

    private static ObjectNode proposal(Proposal p) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("id", p.id()).put("version", p.version());
        if (p.reason() != null) out.put("reason", p.reason());
        if (p.validFrom() == null) out.putNull("validFrom");
        else out.put("validFrom", Times.format(p.validFrom()));
        out.put("proposedBy", p.proposedBy().subject()).put("proposedAt", Times.format(p.proposedAt()))
                .put("baseRevision", p.baseRevision()).put("status", p.status().name());
        if (p.decidedBy() != null) out.put("approvedBy", p.decidedBy().subject()).put("approvedAt", Times.format(p.decidedAt()));
        out.set("document", json(p.document()));
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored state is JSON", e);
        }
    }

    private static Long count(JsonNode body, String field, String pointer, FieldReader in) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
            in.invalid(pointer, "a whole number from 0");
            return null;
        }
        return node.asLong();
    }

    private static Optional<Instant> instantQuery(ApiRequest request, String name) {
        return request.query(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiRequest.badQuery("/" + name, "a UTC timestamp like 2026-12-07T09:30:00Z");
            }
        });
    }

    private static long queryRevision(String text) {
        if (!text.matches("^[1-9]\\d{0,9}$")) throw ApiRequest.badQuery("/revision", "a revision number from 1");
        return Long.parseLong(text);
    }

    /** A path's revision number; anything else names no revision (404). */
    private static long revisionNumber(String text) {
        return text.matches("^[1-9]\\d{0,9}$") ? Long.parseLong(text) : 0;
    }
}
