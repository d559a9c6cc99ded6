package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Coded;
import io.liaison.core.DataCategory;
import io.liaison.core.Filing;
import io.liaison.core.Identifier;
import io.liaison.core.Instrument;
import io.liaison.core.LegalBasis;
import io.liaison.core.Pap;
import io.liaison.core.RequestType;
import io.liaison.core.TimeRange;
import io.liaison.core.Tlp;
import io.liaison.core.Urgency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link Filing}: how a requester files it, how it is shown back, and how it
 * is kept in its table item. One form for all three, so what was filed is what is read.
 */
public final class FilingCodec {
    private static final Set<String> FIELDS = Set.of("type", "urgency", "targetJurisdiction", "legalBasis",
            "caseReference", "offence", "summaryOfFacts", "identifiers", "dataCategories", "timeRange",
            "necessityStatement", "tlp", "pap", "dataSubjectMayBeInformed");
    private static final Set<String> LEGAL_BASIS_FIELDS = Set.of("instrument", "article", "treaty");
    private static final Set<String> TIME_RANGE_FIELDS = Set.of("from", "to");
    private static final List<String> KNOWN_IDENTIFIER_TYPES =
            List.of("ipv4", "ipv6", "domain", "email", "url", "account", "phone", "file_hash");
    private static final Set<String> IDENTIFIER_FIELDS = Set.of("type", "value", "observedAt", "service", "algorithm");

    /** The fields that hold what a requester wrote about the case ({@link io.liaison.core.Words}), sealed at rest. */
    static final Set<String> PARTICULARS = Set.of("caseReference", "offence", "summaryOfFacts", "identifiers",
            "necessityStatement");
    private static final Set<String> TERMS = FIELDS.stream().filter(f -> !PARTICULARS.contains(f))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private FilingCodec() {}

    /**
     * The filing without its particulars, as the table keeps it in clear and as lists show it:
     * type, urgency, target, legal basis, data categories, time range, TLP, PAP.
     */
    public static ObjectNode writeTerms(Filing filing) {
        ObjectNode out = write(filing);
        out.remove(PARTICULARS);
        return out;
    }

    /** Reads what {@link #writeTerms} wrote: the filing with its particulars withheld ({@link Filing#withheld()}). */
    public static Filing readTerms(JsonNode terms) {
        FieldReader in = new FieldReader();
        JsonNode root = in.object(terms, "", TERMS);
        if (root == null) throw new IllegalStateException("stored filing terms are not an object");
        Filing filing = new Filing(in.code(root, "type", "/type", RequestType.class, true),
                in.code(root, "urgency", "/urgency", Urgency.class, true),
                in.text(root, "targetJurisdiction", "/targetJurisdiction", true), legalBasis(in, root),
                null, null, null, List.of(), categories(in, root), timeRange(in, root), null,
                in.code(root, "tlp", "/tlp", Tlp.class, true), in.code(root, "pap", "/pap", Pap.class, true),
                Boolean.TRUE.equals(in.bool(root, "dataSubjectMayBeInformed", "/dataSubjectMayBeInformed", true)));
        if (!in.ok()) throw new IllegalStateException("stored filing terms are not valid: " + in.invalid() + in.unknownFields());
        return filing;
    }

    /** A filing, or the problems that kept it from being one. */
    public record Parsed(Filing filing, FieldReader problems) {}

    public static Parsed read(JsonNode body) {
        FieldReader in = new FieldReader();
        JsonNode root = in.object(body, "", FIELDS);
        if (root == null) return new Parsed(null, in);

        RequestType type = in.code(root, "type", "/type", RequestType.class, true);
        Urgency urgency = in.code(root, "urgency", "/urgency", Urgency.class, true);
        String target = in.text(root, "targetJurisdiction", "/targetJurisdiction", true);
        LegalBasis legalBasis = legalBasis(in, root);
        String caseReference = in.text(root, "caseReference", "/caseReference", true);
        String offence = in.text(root, "offence", "/offence", true);
        String summary = in.text(root, "summaryOfFacts", "/summaryOfFacts", true);
        List<Identifier> identifiers = identifiers(in, root);
        Set<DataCategory> categories = categories(in, root);
        TimeRange timeRange = timeRange(in, root);
        String necessity = in.text(root, "necessityStatement", "/necessityStatement", true);
        Tlp tlp = in.code(root, "tlp", "/tlp", Tlp.class, true);
        Pap pap = in.code(root, "pap", "/pap", Pap.class, true);
        Boolean mayInform = in.bool(root, "dataSubjectMayBeInformed", "/dataSubjectMayBeInformed", true);
        if (!in.ok()) return new Parsed(null, in);
        return new Parsed(new Filing(type, urgency, target, legalBasis, caseReference, offence, summary, identifiers,
                categories, timeRange, necessity, tlp, pap, mayInform), in);
    }

    private static LegalBasis legalBasis(FieldReader in, JsonNode root) {
        JsonNode node = root.get("legalBasis");
        if (node == null || node.isNull()) {
            in.invalid("/legalBasis", "is required: name the instrument and article the request rests on");
            return null;
        }
        if (in.object(node, "/legalBasis", LEGAL_BASIS_FIELDS) == null) return null;
        Instrument instrument = in.code(node, "instrument", "/legalBasis/instrument", Instrument.class, true);
        String article = in.text(node, "article", "/legalBasis/article", true);
        String treaty = in.text(node, "treaty", "/legalBasis/treaty", instrument == Instrument.BILATERAL_TREATY);
        if (treaty != null && instrument != null && instrument != Instrument.BILATERAL_TREATY) {
            in.invalid("/legalBasis/treaty", "only a BILATERAL_TREATY legal basis names a treaty");
        }
        return instrument == null || article == null ? null : new LegalBasis(instrument, article, treaty);
    }

    private static TimeRange timeRange(FieldReader in, JsonNode root) {
        JsonNode node = root.get("timeRange");
        if (node == null || node.isNull()) return null;
        if (in.object(node, "/timeRange", TIME_RANGE_FIELDS) == null) return null;
        Instant from = in.instant(node, "from", "/timeRange/from", true);
        Instant to = in.instant(node, "to", "/timeRange/to", true);
        return from == null || to == null ? null : new TimeRange(from, to);
    }

    private static Set<DataCategory> categories(FieldReader in, JsonNode root) {
        JsonNode array = in.array(root, "dataCategories", "/dataCategories", false);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (array == null) return categories;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String pointer = "/dataCategories/" + i;
            if (!item.isTextual()) {
                in.invalid(pointer, "must be a string");
                continue;
            }
            Coded.parse(DataCategory.class, item.textValue()).ifPresentOrElse(categories::add,
                    () -> in.invalid(pointer, "'" + item.textValue() + "' is not one of: " + Coded.allowed(DataCategory.class)));
        }
        return categories;
    }

    static List<Identifier> identifiers(FieldReader in, JsonNode root) {
        JsonNode array = in.array(root, "identifiers", "/identifiers", true);
        List<Identifier> identifiers = new ArrayList<>();
        if (array == null) return identifiers;
        for (int i = 0; i < array.size(); i++) {
            Identifier identifier = identifier(in, array.get(i), "/identifiers/" + i);
            if (identifier != null) identifiers.add(identifier);
        }
        return identifiers;
    }

    private static Identifier identifier(FieldReader in, JsonNode node, String pointer) {
        if (in.object(node, pointer, IDENTIFIER_FIELDS) == null) return null;
        String type = in.text(node, "type", pointer + "/type", true);
        String value = in.text(node, "value", pointer + "/value", true);
        if (type == null) return null;
        Identifier identifier = switch (type) {
            case "ipv4", "ipv6" -> {
                Instant observedAt = in.instant(node, "observedAt", pointer + "/observedAt", true);
                if (value == null || observedAt == null) yield null;
                yield type.equals("ipv4") ? new Identifier.IpV4(value, observedAt) : new Identifier.IpV6(value, observedAt);
            }
            case "domain" -> value == null ? null : new Identifier.Domain(value);
            case "email" -> value == null ? null : new Identifier.Email(value);
            case "url" -> value == null ? null : new Identifier.Url(value);
            case "phone" -> value == null ? null : new Identifier.Phone(value);
            case "account" -> {
                String service = in.text(node, "service", pointer + "/service", true);
                yield value == null || service == null ? null : new Identifier.Account(service, value);
            }
            case "file_hash" -> {
                Identifier.HashAlgorithm algorithm =
                        in.code(node, "algorithm", pointer + "/algorithm", Identifier.HashAlgorithm.class, true);
                yield value == null || algorithm == null ? null : new Identifier.FileHash(algorithm, value);
            }
            default -> {
                in.invalid(pointer + "/type", "'" + type + "' is not one of: " + String.join(", ", KNOWN_IDENTIFIER_TYPES));
                yield null;
            }
        };
        for (String field : List.of("observedAt", "service", "algorithm")) {
            if (KNOWN_IDENTIFIER_TYPES.contains(type) && node.hasNonNull(field) && !allows(type, field)) {
                in.invalid(pointer + "/" + field, "a " + type + " identifier has no " + field);
            }
        }
        return identifier;
    }

    private static boolean allows(String type, String field) {
        return switch (field) {
            case "observedAt" -> type.equals("ipv4") || type.equals("ipv6");
            case "service" -> type.equals("account");
            case "algorithm" -> type.equals("file_hash");
            default -> true;
        };
    }

    public static ObjectNode write(Filing filing) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("type", filing.type().code());
        out.put("urgency", filing.urgency().code());
        out.put("targetJurisdiction", filing.targetJurisdiction());
        ObjectNode legal = out.putObject("legalBasis");
        legal.put("instrument", filing.legalBasis().instrument().code());
        legal.put("article", filing.legalBasis().article());
        if (filing.legalBasis().treaty() != null) legal.put("treaty", filing.legalBasis().treaty());
        out.put("caseReference", filing.caseReference());
        out.put("offence", filing.offence());
        out.put("summaryOfFacts", filing.summaryOfFacts());
        ArrayNode identifiers = out.putArray("identifiers");
        for (Identifier identifier : filing.identifiers()) identifiers.add(write(identifier));
        ArrayNode categories = out.putArray("dataCategories");
        filing.dataCategories().stream().sorted().forEach(c -> categories.add(c.code()));
        if (filing.timeRange() != null) {
            ObjectNode range = out.putObject("timeRange");
            range.put("from", filing.timeRange().from().toString());
            range.put("to", filing.timeRange().to().toString());
        }
        out.put("necessityStatement", filing.necessityStatement());
        out.put("tlp", filing.tlp().code());
        out.put("pap", filing.pap().code());
        out.put("dataSubjectMayBeInformed", filing.dataSubjectMayBeInformed());
        return out;
    }

    static ObjectNode write(Identifier identifier) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (identifier) {
            case Identifier.IpV4 ip -> out.put("type", "ipv4").put("value", ip.value()).put("observedAt", ip.observedAt().toString());
            case Identifier.IpV6 ip -> out.put("type", "ipv6").put("value", ip.value()).put("observedAt", ip.observedAt().toString());
            case Identifier.Domain d -> out.put("type", "domain").put("value", d.value());
            case Identifier.Email e -> out.put("type", "email").put("value", e.value());
            case Identifier.Url u -> out.put("type", "url").put("value", u.value());
            case Identifier.Phone p -> out.put("type", "phone").put("value", p.value());
            case Identifier.Account a -> out.put("type", "account").put("service", a.service()).put("value", a.value());
            case Identifier.FileHash h -> out.put("type", "file_hash").put("algorithm", h.algorithm().code()).put("value", h.value());
        }
        return out;
    }
}
