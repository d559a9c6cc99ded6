package io.liaison.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.Coded;
import io.liaison.core.DataCategory;
import io.liaison.core.gate.PolicyService;
import io.liaison.core.gate.ReleasePolicy;
import io.liaison.core.Violation;
import io.liaison.json.Json;
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
 * (shared/adapters/src/main/resources/liaison/). Read once per container; a file that does not parse
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
        io.liaison.json.FieldReader in = new io.liaison.json.FieldReader();
        JsonNode entries = root.path("contactPoints");
        for (int i = 0; i < entries.size(); i++) {
            ContactPoint cp = io.liaison.json.DirectoryJson.entry(entries.get(i), "/contactPoints/" + i, in);
            if (cp == null) throw new IllegalStateException("directory data: " + in.invalid() + in.unknownFields());
            contactPoints.add(cp);
        }
        return new Directory(root.path("version").asText(), contactPoints);
    }

    /** The packaged routing policy as its text: revision 1 of the rules' trail. */
    public static String routingPolicyDocument() {
        return text(ROUTING_POLICY);
    }

    public static RoutingPolicy routingPolicy(ObjectMapper json) {
        return routingPolicy(load(json, ROUTING_POLICY));
    }

    /** Reads a routing policy document; one that breaks the model fails with the reason. */
    public static RoutingPolicy routingPolicy(JsonNode root) {
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
        List<RoutingPolicy.PreservationRule> preservation = new ArrayList<>();
        for (JsonNode rule : root.path("preservation")) {
            preservation.add(new RoutingPolicy.PreservationRule(rule.path("id").asText(), rule.path("description").asText(),
                    match(rule.path("when")), Duration.parse(rule.path("preserveFor").asText()),
                    rule.hasNonNull("extendBy") ? Duration.parse(rule.path("extendBy").asText()) : null));
        }
        Map<Instrument, RoutingPolicy.InstrumentTerms> instruments = new EnumMap<>(Instrument.class);
        for (JsonNode instrument : root.path("instruments")) {
            Instrument code = code(Instrument.class, instrument.path("code").asText());
            if (instruments.put(code, instrumentTerms(code, instrument)) != null) {
                throw new IllegalStateException("policy data: instrument " + code.code() + " is listed twice");
            }
        }
        return new RoutingPolicy(root.path("version").asText(), instruments, rules, deadlines, preservation);
    }

    /**
     * One instrument of the routing policy: "anyParty" (a reason) for one open to every jurisdiction,
     * else its "parties" (since, until), "notParties" (reason, source) and what to say of the
     * "unlisted". A jurisdiction that is no ISO code, or a party without a source, stops the load.
     */
    private static RoutingPolicy.InstrumentTerms instrumentTerms(Instrument code, JsonNode instrument) {
        String name = instrument.path("name").asText(code.code());
        RoutingPolicy.Parties parties;
        if (instrument.path("anyParty").isTextual()) {
            parties = new RoutingPolicy.Parties.Any(instrument.path("anyParty").asText());
        } else {
            if (!instrument.path("parties").isArray() || !instrument.path("unlisted").isTextual()) {
                throw new IllegalStateException("policy data: instrument " + code.code()
                        + " lists neither \"anyParty\" nor its \"parties\" with what to say of the \"unlisted\"");
            }
            List<RoutingPolicy.Party> listed = new ArrayList<>();
            for (JsonNode party : instrument.path("parties")) {
                listed.add(new RoutingPolicy.Party(jurisdiction(code, party), date(party.path("since")), date(party.path("until")),
                        required(code, party, "source")));
            }
            List<RoutingPolicy.NonParty> notListed = new ArrayList<>();
            for (JsonNode nonParty : instrument.path("notParties")) {
                notListed.add(new RoutingPolicy.NonParty(jurisdiction(code, nonParty), required(code, nonParty, "reason"),
                        required(code, nonParty, "source")));
            }
            parties = new RoutingPolicy.Parties.Listed(listed, notListed, instrument.path("unlisted").asText());
        }
        return new RoutingPolicy.InstrumentTerms(code, name, date(instrument.path("inForceFrom")),
                instrument.path("source").asText(null), parties);
    }

    private static String jurisdiction(Instrument code, JsonNode entry) {
        String jurisdiction = entry.path("jurisdiction").asText();
        if (!ISO_3166_ALPHA2.contains(jurisdiction)) {
            throw new IllegalStateException("policy data: '" + jurisdiction + "' under instrument " + code.code()
                    + " is not an ISO 3166-1 alpha-2 jurisdiction");
        }
        return jurisdiction;
    }

    /** Every fact the policy states about a jurisdiction names its source, so a refusal can say where it comes from. */
    private static String required(Instrument code, JsonNode entry, String field) {
        if (!entry.path(field).isTextual() || entry.path(field).asText().isBlank()) {
            throw new IllegalStateException("policy data: " + entry.path("jurisdiction").asText() + " under instrument "
                    + code.code() + " has no " + field);
        }
        return entry.path(field).asText();
    }

    public static ReleasePolicy releasePolicy(ObjectMapper json) {
        return releasePolicy(load(json, RELEASE_POLICY));
    }

    /** The packaged release policy as its text: version one, until an administrator replaces it. */
    public static String releasePolicyDocument() {
        return text(RELEASE_POLICY);
    }

    private static String text(String resource) {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing policy data file " + resource);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<String> ISO_3166_ALPHA2 = Set.of(java.util.Locale.getISOCountries());

    /**
     * Reads a release policy document as an administrator sends it: it must parse, fit the model,
     * and name only ISO 3166-1 alpha-2 jurisdictions.
     */
    public static PolicyService.Read readReleasePolicy(String document) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(document);
        } catch (IOException e) {
            return new PolicyService.Invalid(List.of(new Violation("", "the policy is not valid JSON")));
        }
        if (root == null || !root.isObject() || !root.path("version").isTextual() || root.path("version").asText().isBlank()) {
            return new PolicyService.Invalid(List.of(new Violation("/version", "a policy names its version")));
        }
        List<Violation> unknown = new ArrayList<>();
        jurisdictions(root.path("europeanUnion"), "/europeanUnion", unknown);
        for (int i = 0; i < root.path("instruments").size(); i++) {
            JsonNode parties = root.path("instruments").get(i).path("parties");
            for (int j = 0; j < parties.size(); j++) {
                check(parties.get(j).path("jurisdiction"), "/instruments/" + i + "/parties/" + j + "/jurisdiction", unknown);
            }
        }
        for (int i = 0; i < root.path("treaties").size(); i++) {
            jurisdictions(root.path("treaties").get(i).path("parties"), "/treaties/" + i + "/parties", unknown);
        }
        for (int i = 0; i < root.path("transfers").size(); i++) {
            jurisdictions(root.path("transfers").get(i).path("from"), "/transfers/" + i + "/from", unknown);
            jurisdictions(root.path("transfers").get(i).path("to"), "/transfers/" + i + "/to", unknown);
        }
        if (!unknown.isEmpty()) return new PolicyService.Invalid(unknown);
        try {
            return new PolicyService.Valid(releasePolicy(root));
        } catch (RuntimeException e) { // a date, duration or code that does not read
            return new PolicyService.Invalid(List.of(new Violation("", "the policy does not fit the model: " + e.getMessage())));
        }
    }

    private static void jurisdictions(JsonNode array, String pointer, List<Violation> unknown) {
        for (int i = 0; i < array.size(); i++) check(array.get(i), pointer + "/" + i, unknown);
    }

    private static void check(JsonNode code, String pointer, List<Violation> unknown) {
        if (!ISO_3166_ALPHA2.contains(code.asText())) {
            unknown.add(new Violation(pointer, "'" + code.asText() + "' is not an ISO 3166-1 alpha-2 jurisdiction"));
        }
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
