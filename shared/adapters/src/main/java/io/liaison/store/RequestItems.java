package io.liaison.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Actor;
import io.liaison.core.Assignment;
import io.liaison.core.AuditEvent;
import io.liaison.core.Clarification;
import io.liaison.core.Deadlines;
import io.liaison.core.Preservation;
import io.liaison.core.Coded;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Filing;
import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.core.Sealing;
import io.liaison.core.Status;
import io.liaison.json.Json;
import io.liaison.json.FilingCodec;
import io.liaison.json.Times;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The table layout: one item collection per request (the request's state item, its sealed words'
 * item, its audit events and responses share a partition key), mapped by hand (docs/decisions/0020). Index keys: ByAgency (GSI1) lists an agency's requests by
 * filing time, ByContactPoint (GSI2, sparse: set once routed) a contact point's inbox by routing time.
 */
public final class RequestItems {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String BY_AGENCY = "ByAgency";
    public static final String BY_CONTACT_POINT = "ByContactPoint";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    public static final String HELD_FOR_REVIEW = "HeldForReview";
    public static final String GSI4PK = "GSI4PK";
    public static final String GSI4SK = "GSI4SK";
    public static final String EVENTS_BY_DAY = "EventsByDay";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String GSI5PK = "GSI5PK";
    public static final String GSI5SK = "GSI5SK";
    public static final String DUE_BY = "DueBy";
    /** The due index is spread over this many partitions so that no one key takes every write. */
    public static final int DUE_SHARDS = 4;

    static final String REQUEST_SK = "REQUEST";
    /**
     * The item that holds a request's sealed words, beside its state item: written at filing and
     * again only when the words change, so that a change of state rewrites the small state item alone.
     * Its sort key sorts right after the state item's, so one query reads the last event, the state and the words.
     */
    static final String WORDS_SK = "REQUEST#WORDS";
    /** Not hashed: set on an event whose transaction also wrote the state item, so that a read can tell a torn view. */
    static final String CHANGED_STATE = "changedState";
    static final String EVENT_SK_PREFIX = "EVENT#";
    static final String KIND = "kind";
    static final String ID = "requestId";
    static final String STATUS = "status";
    static final String VERSION = "version";
    static final String REQUESTER_JURISDICTION = "requesterJurisdiction";
    static final String REQUESTER_AGENCY = "requesterAgency";
    static final String REQUESTER_SUBJECT = "requesterSubject";
    static final String TARGET = "targetJurisdiction";
    static final String TYPE = "type";
    static final String URGENCY = "urgency";
    static final String FILED_AT = "filedAt";
    static final String UPDATED_AT = "updatedAt";
    /** Before filings were sealed: the whole filing in clear (read, and written back as it was, until re-sealed). */
    static final String FILING = "filing";
    /** The filing's terms in clear: what routing, lists and deadlines read. */
    static final String TERMS = "terms";
    /** What people wrote on the request ({@link io.liaison.core.Words}), sealed: binary, one Encryption SDK message. */
    static final String WORDS = "words";
    /** When each round of questions was asked and answered, in clear; their texts are in {@link #WORDS}. */
    static final String ROUNDS = "rounds";
    /** Set when the status note is a party's words: its text is then in {@link #WORDS}, not in {@link #STATUS_TEXT}. */
    static final String NOTE_BY_PARTY = "noteByParty";
    static final String CONTACT_POINT = "contactPointId";
    static final String CONTACT_POINT_KIND = "contactPointKind";
    static final String ROUTING_RULE = "routingRule";
    static final String ROUTED_AT = "routedAt";
    static final String ACKNOWLEDGE_BY = "acknowledgeBy";
    static final String RESPOND_BY = "respondBy";
    static final String DEADLINE_RULE = "deadlineRule";
    static final String ESCALATED_FROM = "escalatedFrom";
    static final String ACKNOWLEDGEMENT_OVERDUE = "acknowledgementOverdue";
    static final String RESPONSE_OVERDUE = "responseOverdue";
    static final String PAUSED_AT = "pausedAt";
    static final String PRESERVED_UNTIL = "preservedUntil";
    static final String PRESERVATION_EXTENDED = "preservationExtended";
    static final String CLARIFICATIONS = "clarifications";
    static final String STATUS_CODE = "statusCode";
    static final String STATUS_TEXT = "statusText";

    static final String SEQUENCE = "sequence";
    static final String AT = "at";
    static final String ACTION = "action";
    static final String FROM = "fromStatus";
    static final String TO = "toStatus";
    static final String ACTOR_ROLE = "actorRole";
    static final String ACTOR_JURISDICTION = "actorJurisdiction";
    static final String ACTOR_ORGANISATION = "actorOrganisation";
    static final String ACTOR_SUBJECT = "actorSubject";
    static final String RULE_IDS = "ruleIds";
    static final String GROUND = "ground";
    static final String REASON = "reason";
    static final String POLICY_VERSION = "policyVersion";
    static final String DIRECTORY_REVISION = "directoryRevision";
    public static final String ENTRY_HASH = "entryHash";
    public static final String CHAIN_HASH = "chainHash";
    public static final String TRAIL_HEAD = "trailHead";

    private RequestItems() {}

    private static final String REQUEST_PK_PREFIX = "REQ#";

    public static String requestPk(String requestId) {
        return REQUEST_PK_PREFIX + requestId;
    }

    /** The request id a partition key names ({@link #requestPk}'s inverse); null if it names no request. */
    public static String requestIdOf(String pk) {
        return pk != null && pk.startsWith(REQUEST_PK_PREFIX) ? pk.substring(REQUEST_PK_PREFIX.length()) : null;
    }

    static String agencyPk(String jurisdiction, String agency) {
        return "AGENCY#" + jurisdiction + "#" + agency;
    }

    static String contactPointPk(String contactPointId) {
        return "CP#" + contactPointId;
    }

    /** The partition of the EventsByDay index an event falls in: one per UTC day. */
    static String eventDay(java.time.Instant at) {
        return "EVENTS#" + at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    static String duePk(int shard) {
        return "DUE#" + shard;
    }

    static int dueShard(String requestId) {
        return Math.floorMod(requestId.hashCode(), DUE_SHARDS);
    }

    static String eventSk(long sequence) {
        return EVENT_SK_PREFIX + String.format("%010d", sequence);
    }

    public static boolean isRequestItem(Map<String, AttributeValue> item) {
        return item.containsKey(SK) && REQUEST_SK.equals(item.get(SK).s());
    }

    /**
     * The request item. {@code sealedWords} is the sealed copy of what people wrote on it; null for
     * a request stored in clear before filings were sealed, which is written back in its old form.
     */
    public static Map<String, AttributeValue> toItem(Request r, byte[] sealedWords) {
        // A sealed request's state item is compact (ADR 0023): times as epoch milliseconds, no copy of
        // what its key or terms already say, the head in binary. Under 1 KB, each transactional write
        // of it costs 2 units instead of 4. A request stored in clear is written back as it was.
        boolean compact = sealedWords != null;
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, PK, requestPk(r.id()));
        put(item, SK, REQUEST_SK);
        if (!compact) {
            put(item, KIND, "REQUEST");
            put(item, ID, r.id());
            put(item, TYPE, r.filing().type().code());
            put(item, URGENCY, r.filing().urgency().code());
            time(item, FILED_AT, r.filedAt(), false); // a compact item's is the first part of GSI1SK
        }
        put(item, STATUS, r.status().code());
        item.put(VERSION, AttributeValue.fromN(Long.toString(r.version())));
        put(item, REQUESTER_JURISDICTION, r.requester().jurisdiction());
        put(item, REQUESTER_AGENCY, r.requester().agency());
        put(item, REQUESTER_SUBJECT, r.requester().subject());
        put(item, TARGET, r.filing().targetJurisdiction());
        time(item, UPDATED_AT, r.updatedAt(), compact);
        if (sealedWords == null) {
            put(item, FILING, FilingCodec.write(r.filing()).toString());
        } else {
            put(item, TERMS, compactTerms(r.filing()));
            item.put(WORDS, AttributeValue.fromB(SdkBytes.fromByteArray(sealedWords)));
        }
        put(item, GSI1PK, agencyPk(r.requester().jurisdiction(), r.requester().agency()));
        put(item, GSI1SK, Times.format(r.filedAt()) + "#" + r.id());
        Assignment a = r.assignment();
        if (a != null) {
            put(item, CONTACT_POINT, a.contactPointId());
            put(item, CONTACT_POINT_KIND, a.kind().code());
            put(item, ROUTING_RULE, a.routingRule());
            if (!compact) time(item, ROUTED_AT, a.routedAt(), false); // a compact item's is the first part of GSI2SK
            time(item, ACKNOWLEDGE_BY, a.acknowledgeBy(), compact);
            time(item, RESPOND_BY, a.respondBy(), compact);
            put(item, GSI2PK, contactPointPk(a.contactPointId()));
            put(item, GSI2SK, Times.format(a.routedAt()) + "#" + r.id());
            put(item, DEADLINE_RULE, a.deadlineRule());
            put(item, ESCALATED_FROM, a.escalatedFrom());
            if (a.acknowledgementOverdue()) item.put(ACKNOWLEDGEMENT_OVERDUE, AttributeValue.fromBool(true));
            if (a.responseOverdue()) item.put(RESPONSE_OVERDUE, AttributeValue.fromBool(true));
            if (a.pausedAt() != null) time(item, PAUSED_AT, a.pausedAt(), compact);
        }
        if (r.preservation() != null) {
            time(item, PRESERVED_UNTIL, r.preservation().until(), compact);
            item.put(PRESERVATION_EXTENDED, AttributeValue.fromBool(r.preservation().extended()));
        }
        if (!r.clarifications().isEmpty()) {
            if (sealedWords == null) put(item, CLARIFICATIONS, clarifications(r.clarifications()));
            else put(item, ROUNDS, rounds(r.clarifications()));
        }
        // Sparse: only a request that owes something is in the due index the deadline monitor reads.
        Deadlines.nextDue(r).ifPresent(due -> {
            put(item, GSI5PK, duePk(dueShard(r.id())));
            put(item, GSI5SK, Times.format(due) + "#" + r.id());
        });
        if (r.outcome() != null) {
            put(item, STATUS_CODE, r.outcome().ground());
            if (sealedWords == null || !r.outcome().byParty()) put(item, STATUS_TEXT, r.outcome().text());
            if (sealedWords != null && r.outcome().byParty()) item.put(NOTE_BY_PARTY, AttributeValue.fromBool(true));
        }
        String head = r.trailHead();
        if (compact && head != null && HEAD.matcher(head).matches()) {
            item.put(TRAIL_HEAD, AttributeValue.fromB(SdkBytes.fromByteArray(HexFormat.of().parseHex(head))));
        } else {
            put(item, TRAIL_HEAD, head);
        }
        return item;
    }

    private static final Pattern HEAD = Pattern.compile("[0-9a-f]{64}");

    /** The head a state item holds (hex), whichever form it was written in; null if none. */
    static String stateHead(Map<String, AttributeValue> item) {
        AttributeValue head = item.get(TRAIL_HEAD);
        if (head == null) return null;
        return head.b() != null ? HexFormat.of().formatHex(head.b().asByteArray()) : head.s();
    }

    /** The terms without what the item says beside them (the target) and without a false flag's default. */
    private static String compactTerms(Filing filing) {
        ObjectNode terms = FilingCodec.writeTerms(filing);
        terms.remove(TARGET);
        if (!filing.dataSubjectMayBeInformed()) terms.remove(MAY_INFORM);
        return terms.toString();
    }

    private static final String MAY_INFORM = "dataSubjectMayBeInformed";

    /** Epoch milliseconds in a compact item (8 bytes instead of 24); ISO text in a clear one, as it was. */
    private static void time(Map<String, AttributeValue> item, String name, Instant at, boolean compact) {
        if (at == null) return;
        item.put(name, compact ? AttributeValue.fromN(Long.toString(at.toEpochMilli())) : AttributeValue.fromS(Times.format(at)));
    }

    /**
     * The request an item holds: with its words withheld ({@link Sealing.Withheld}) when they are
     * sealed, or whole ({@link Sealing.Clear}) when it was stored in clear before filings were sealed.
     */
    public static Request toRequest(Map<String, AttributeValue> item) {
        boolean clear = item.containsKey(FILING);
        Filing filing;
        try {
            filing = clear ? FilingCodec.read(Json.MAPPER.readTree(s(item, FILING))).filing() : FilingCodec.readTerms(terms(item));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored filing of " + id(item) + " does not parse", e);
        }
        if (filing == null) throw new IllegalStateException("stored filing of " + id(item) + " is not valid");
        Assignment assignment = item.containsKey(CONTACT_POINT)
                ? new Assignment(s(item, CONTACT_POINT), code(ContactPointKind.class, s(item, CONTACT_POINT_KIND)),
                        s(item, ROUTING_RULE), instant(item, ROUTED_AT, GSI2SK), instant(item, ACKNOWLEDGE_BY), instant(item, RESPOND_BY),
                        s(item, DEADLINE_RULE), s(item, ESCALATED_FROM), bool(item, ACKNOWLEDGEMENT_OVERDUE),
                        bool(item, RESPONSE_OVERDUE), instant(item, PAUSED_AT))
                : null;
        Preservation preservation = item.containsKey(PRESERVED_UNTIL)
                ? new Preservation(instant(item, PRESERVED_UNTIL), bool(item, PRESERVATION_EXTENDED)) : null;
        Status status = code(Status.class, s(item, STATUS));
        // A clear item kept no mark of whose words its note is: in these states it is a party's
        // (an accept note, a rejection's justification, a withdrawal's reason); in the others Liaison's.
        boolean byParty = clear ? item.containsKey(STATUS_TEXT) && PARTY_NOTE_STATES.contains(status) : bool(item, NOTE_BY_PARTY);
        Request.StatusNote note = item.containsKey(STATUS_CODE) || item.containsKey(STATUS_TEXT) || byParty
                ? new Request.StatusNote(s(item, STATUS_CODE), s(item, STATUS_TEXT), byParty) : null;
        List<Clarification> rounds = item.containsKey(CLARIFICATIONS) ? clarifications(s(item, CLARIFICATIONS))
                : item.containsKey(ROUNDS) ? rounds(s(item, ROUNDS)) : List.of();
        // A list's copy comes from an index, which holds no words: withheld, with no envelope to open.
        Sealing sealing = clear ? new Sealing.Clear()
                : new Sealing.Withheld(item.containsKey(WORDS) ? Base64.getEncoder().encodeToString(item.get(WORDS).b().asByteArray()) : null);
        return new Request(id(item),
                new Requester(s(item, REQUESTER_JURISDICTION), s(item, REQUESTER_AGENCY), s(item, REQUESTER_SUBJECT)),
                filing, status, Long.parseLong(item.get(VERSION).n()),
                instant(item, FILED_AT, GSI1SK), instant(item, UPDATED_AT), assignment, note, stateHead(item), preservation,
                rounds, sealing);
    }

    /** The request's id: from its key (a compact item holds no copy), or the copy an older item holds. */
    private static String id(Map<String, AttributeValue> item) {
        String id = s(item, ID);
        return id != null ? id : requestIdOf(s(item, PK));
    }

    /** The stored terms with what a compact item keeps beside them put back. */
    private static ObjectNode terms(Map<String, AttributeValue> item) throws JsonProcessingException {
        ObjectNode terms = (ObjectNode) Json.MAPPER.readTree(s(item, TERMS));
        if (!terms.has(TARGET) && item.containsKey(TARGET)) terms.put(TARGET, s(item, TARGET));
        if (!terms.has(MAY_INFORM)) terms.put(MAY_INFORM, false);
        return terms;
    }

    private static final java.util.Set<Status> PARTY_NOTE_STATES =
            java.util.EnumSet.of(Status.ACCEPTED, Status.AWAITING_CLARIFICATION, Status.REJECTED, Status.WITHDRAWN);

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    /** Questions and answers are the parties' words, kept with the request (never in the trail). */
    private static String clarifications(List<Clarification> rounds) {
        var array = Json.MAPPER.createArrayNode();
        for (Clarification c : rounds) {
            var round = array.addObject().put("question", c.question()).put("askedAt", Times.format(c.askedAt()));
            if (c.answer() != null) round.put("answer", c.answer()).put("answeredAt", Times.format(c.answeredAt()));
        }
        return array.toString();
    }

    /** The rounds' times only: their texts are sealed with the request's other words. */
    private static String rounds(List<Clarification> rounds) {
        var array = Json.MAPPER.createArrayNode();
        for (Clarification c : rounds) {
            var round = array.addObject().put("askedAt", Times.format(c.askedAt()));
            if (c.answeredAt() != null) round.put("answeredAt", Times.format(c.answeredAt()));
        }
        return array.toString();
    }

    private static List<Clarification> rounds(String text) {
        try {
            List<Clarification> rounds = new java.util.ArrayList<>();
            for (var round : Json.MAPPER.readTree(text)) {
                rounds.add(new Clarification(null, Instant.parse(round.path("askedAt").asText()), null,
                        round.hasNonNull("answeredAt") ? Instant.parse(round.path("answeredAt").asText()) : null));
            }
            return rounds;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored rounds do not parse", e);
        }
    }

    private static List<Clarification> clarifications(String text) {
        try {
            List<Clarification> rounds = new java.util.ArrayList<>();
            for (var round : Json.MAPPER.readTree(text)) {
                rounds.add(new Clarification(round.path("question").asText(), Instant.parse(round.path("askedAt").asText()),
                        round.path("answer").asText(null),
                        round.hasNonNull("answeredAt") ? Instant.parse(round.path("answeredAt").asText()) : null));
            }
            return rounds;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored clarifications do not parse", e);
        }
    }

    /** The item of a request's sealed words ({@link #WORDS_SK}). */
    static Map<String, AttributeValue> wordsItem(String requestId, AttributeValue words) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, PK, requestPk(requestId));
        put(item, SK, WORDS_SK);
        put(item, KIND, "WORDS");
        item.put(WORDS, words);
        return item;
    }

    public static Map<String, AttributeValue> toItem(AuditEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, PK, requestPk(e.requestId()));
        put(item, SK, eventSk(e.sequence()));
        put(item, KIND, "EVENT");
        put(item, ID, e.requestId());
        item.put(SEQUENCE, AttributeValue.fromN(Long.toString(e.sequence())));
        put(item, AT, Times.format(e.at()));
        put(item, ACTION, e.action());
        put(item, FROM, e.from() == null ? null : e.from().code());
        put(item, TO, e.to().code());
        put(item, ACTOR_ROLE, e.actor().role());
        put(item, ACTOR_JURISDICTION, e.actor().jurisdiction());
        put(item, ACTOR_ORGANISATION, e.actor().organisation());
        put(item, ACTOR_SUBJECT, e.actor().subject());
        if (!e.ruleIds().isEmpty()) item.put(RULE_IDS, AttributeValue.fromL(
                e.ruleIds().stream().map(AttributeValue::fromS).toList()));
        put(item, GROUND, e.ground());
        put(item, REASON, e.reason());
        put(item, POLICY_VERSION, e.policyVersion());
        if (e.directoryRevision() != null) item.put(DIRECTORY_REVISION, AttributeValue.fromN(Long.toString(e.directoryRevision())));
        return item;
    }

    public static AuditEvent toEvent(Map<String, AttributeValue> item) {
        List<String> rules = item.containsKey(RULE_IDS)
                ? item.get(RULE_IDS).l().stream().map(AttributeValue::s).toList() : List.of();
        return new AuditEvent(s(item, ID), Long.parseLong(item.get(SEQUENCE).n()), instant(item, AT), s(item, ACTION),
                item.containsKey(FROM) ? code(Status.class, s(item, FROM)) : null, code(Status.class, s(item, TO)),
                new Actor(s(item, ACTOR_ROLE), s(item, ACTOR_JURISDICTION), s(item, ACTOR_ORGANISATION), s(item, ACTOR_SUBJECT)),
                rules, s(item, GROUND), s(item, REASON), s(item, POLICY_VERSION),
                item.containsKey(DIRECTORY_REVISION) ? Long.valueOf(item.get(DIRECTORY_REVISION).n()) : null);
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, AttributeValue.fromS(value));
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** A time stored on its own, or else as the time that begins an index sort key ("time#id"). */
    private static Instant instant(Map<String, AttributeValue> item, String name, String sortKey) {
        if (item.containsKey(name)) return instant(item, name);
        String key = s(item, sortKey);
        return key == null ? null : Instant.parse(key.substring(0, key.indexOf('#')));
    }

    /** A time as either form stores it: epoch milliseconds (compact) or ISO text. */
    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) return null;
        return value.n() != null ? Instant.ofEpochMilli(Long.parseLong(value.n())) : Instant.parse(value.s());
    }

    private static <E extends Enum<E> & Coded> E code(Class<E> type, String code) {
        return Coded.parse(type, code).orElseThrow(() -> new IllegalStateException("stored " + type.getSimpleName() + " '" + code + "' is unknown"));
    }
}
