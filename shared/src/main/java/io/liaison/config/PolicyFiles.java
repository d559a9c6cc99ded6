package io.liaison.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.Coded;
import io.liaison.core.DataCategory;
import io.liaison.core.gate.ReleasePolicy;
import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Directory;
import io.liaison.core.Instrument;
import io.liaison.core.Match;
import io.liaison.core.RequestType;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.Urgency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the directory of contact points and the routing policy from their JSON data files
 * (shared/src/main/resources/liaison/). Read once per container; a file that does not parse
 * stops the function at init, never half-way through a request.
 */
public final class PolicyFiles {
    public static final String DIRECTORY = "/liaison/directory.json";
    public static final String ROUTING_POLICY = "/liaison/routing-policy.json";
    public static final String RELEASE_POLICY = "/liaison/release-policy.json";

    private PolicyFiles() {}

    public static Directory directory(ObjectMapper json) {
        JsonNode root = load(json, DIRECTORY);
        List<ContactPoint> contactPoints = new ArrayList<>();
        for (JsonNode cp : root.path("contactPoints")) {
            contactPoints.add(new ContactPoint(cp.path("id").asText(), cp.path("jurisdiction").asText(),
                    code(ContactPointKind.class, cp.path("kind").asText()), cp.path("name").asText(),
                    cp.path("source").asText(null)));
        }
        return new Directory(root.path("version").asText(), contactPoints);
    }

    public static RoutingPolicy routingPolicy(ObjectMapper json) {
        JsonNode root = load(json, ROUTING_POLICY);
        List<RoutingPolicy.RoutingRule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("routing")) {
            List<ContactPointKind> to = new ArrayList<>();
            rule.path("to").forEach(k -> to.add(code(ContactPointKind.class, k.asText())));
            rules.add(new RoutingPolicy.RoutingRule(rule.path("id").asText(), rule.path("description").asText(),
                    match(rule.path("when")), to));
        }
        List<RoutingPolicy.DeadlineRule> deadlines = new ArrayList<>();
        for (JsonNode rule : root.path("deadlines")) {
            deadlines.add(new RoutingPolicy.DeadlineRule(rule.path("id").asText(), rule.path("description").asText(),
                    match(rule.path("when")), Duration.parse(rule.path("acknowledgeWithin").asText()),
                    Duration.parse(rule.path("respondWithin").asText())));
        }
        Map<Instrument, LocalDate> inForceFrom = new EnumMap<>(Instrument.class);
        for (JsonNode instrument : root.path("instruments")) {
            JsonNode from = instrument.path("inForceFrom");
            if (from.isTextual()) inForceFrom.put(code(Instrument.class, instrument.path("code").asText()), LocalDate.parse(from.asText()));
        }
        return new RoutingPolicy(root.path("version").asText(), inForceFrom, rules, deadlines);
    }

    public static ReleasePolicy releasePolicy(ObjectMapper json) {
        return releasePolicy(load(json, RELEASE_POLICY));
    }

    /** Reads a release policy document; a document that breaks the model fails with the reason. */
    public static ReleasePolicy releasePolicy(JsonNode root) {
        Map<Instrument, ReleasePolicy.InstrumentTerms> instruments = new EnumMap<>(Instrument.class);
        for (JsonNode instrument : root.path("instruments")) {
            List<ReleasePolicy.Party> parties = new ArrayList<>();
            for (JsonNode party : instrument.path("parties")) {
                parties.add(new ReleasePolicy.Party(party.path("jurisdiction").asText(), date(party.path("since")),
                        party.path("source").asText(null)));
            }
            Map<String, ReleasePolicy.ArticleTerms> articles = new HashMap<>();
            instrument.path("articles").properties().forEach(article -> {
                JsonNode terms = article.getValue();
                Map<DataCategory, Set<String>> onlyFields = new EnumMap<>(DataCategory.class);
                terms.path("onlyFields").properties().forEach(limit -> {
                    Set<String> fields = new HashSet<>();
                    limit.getValue().forEach(f -> fields.add(f.asText()));
                    onlyFields.put(code(DataCategory.class, limit.getKey()), fields);
                });
                articles.put(article.getKey(), new ReleasePolicy.ArticleTerms(codes(DataCategory.class, terms.path("categories")),
                        terms.path("confirmationOnly").asBoolean(false), onlyFields, terms.path("source").asText(null)));
            });
            instruments.put(code(Instrument.class, instrument.path("code").asText()),
                    new ReleasePolicy.InstrumentTerms(date(instrument.path("inForceFrom")), parties, articles));
        }
        List<ReleasePolicy.Treaty> treaties = new ArrayList<>();
        for (JsonNode treaty : root.path("treaties")) {
            treaties.add(new ReleasePolicy.Treaty(treaty.path("name").asText(), strings(treaty.path("parties")),
                    date(treaty.path("inForceFrom")), treaty.path("source").asText(null)));
        }
        List<ReleasePolicy.Transfer> transfers = new ArrayList<>();
        for (JsonNode transfer : root.path("transfers")) {
            transfers.add(new ReleasePolicy.Transfer(transfer.path("id").asText(), strings(transfer.path("from")),
                    strings(transfer.path("to")), date(transfer.path("validFrom")), date(transfer.path("validUntil")),
                    transfer.path("basis").asText(null)));
        }
        return new ReleasePolicy(root.path("version").asText(), instruments, treaties, strings(root.path("europeanUnion")),
                transfers, root.path("eEvidenceNotificationHolds").asBoolean(true), Duration.parse(root.path("retention").asText()));
    }

    private static LocalDate date(JsonNode node) {
        return node.isTextual() ? LocalDate.parse(node.asText()) : null;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static Match match(JsonNode when) {
        return new Match(codes(RequestType.class, when.path("types")), codes(Urgency.class, when.path("urgencies")),
                codes(Instrument.class, when.path("instruments")));
    }

    private static <E extends Enum<E> & Coded> Set<E> codes(Class<E> type, JsonNode array) {
        Set<E> values = new HashSet<>();
        array.forEach(n -> values.add(code(type, n.asText())));
        return values;
    }

    private static <E extends Enum<E> & Coded> E code(Class<E> type, String code) {
        return Coded.parse(type, code).orElseThrow(() -> new IllegalStateException(
                "policy data: '" + code + "' is not a " + type.getSimpleName() + " (" + Coded.allowed(type) + ")"));
    }

    private static JsonNode load(ObjectMapper json, String resource) {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing policy data file " + resource);
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("policy data file " + resource + " does not parse", e);
        }
    }
}
