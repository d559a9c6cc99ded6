package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Coded;
import io.liaison.core.ContactPoint;
import io.liaison.core.ContactPointKind;
import io.liaison.core.Directory;
import io.liaison.core.Instrument;
import io.liaison.core.RequestType;
import io.liaison.core.WorkingHours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Directory entries as JSON: as the packaged file, an import and an administrator's change write
 * them (read with field pointers), and as each reader may see them (with or without the e-mail
 * address notices go to). The same form is what a revision's state holds and hashes.
 */
public final class DirectoryJson {
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "jurisdiction", "kind", "name", "source", "instruments",
            "requestTypes", "languages", "hours", "backup", "validFrom", "validTo", "unavailable", "email", "version");
    private static final Set<String> HOURS_FIELDS = Set.of("timeZone", "days", "opens", "closes");
    private static final Set<String> PERIOD_FIELDS = Set.of("from", "to", "reason");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private DirectoryJson() {}

    /** One entry, or null (with the violations in {@code in}); {@code version} is ignored: it is the store's to set. */
    public static ContactPoint entry(JsonNode node, String pointer, FieldReader in) {
        if (in.object(node, pointer, ENTRY_FIELDS) == null) return null;
        int before = in.invalid().size() + in.unknownFields().size();
        String id = in.text(node, "id", pointer + "/id", true);
        String jurisdiction = in.text(node, "jurisdiction", pointer + "/jurisdiction", true);
        ContactPointKind kind = in.code(node, "kind", pointer + "/kind", ContactPointKind.class, true);
        String name = in.text(node, "name", pointer + "/name", true);
        String source = in.text(node, "source", pointer + "/source", false);
        Set<Instrument> instruments = codes(node, "instruments", pointer, Instrument.class, in);
        Set<RequestType> types = codes(node, "requestTypes", pointer, RequestType.class, in);
        List<String> languages = new ArrayList<>();
        JsonNode langs = in.array(node, "languages", pointer + "/languages", false);
        if (langs != null) {
            for (int i = 0; i < langs.size(); i++) {
                if (langs.get(i).isTextual()) languages.add(langs.get(i).asText());
                else in.invalid(pointer + "/languages/" + i, "must be a string");
            }
        }
        WorkingHours hours = hours(node.get("hours"), pointer + "/hours", in);
        String backup = in.text(node, "backup", pointer + "/backup", false);
        var validFrom = in.instant(node, "validFrom", pointer + "/validFrom", false);
        var validTo = in.instant(node, "validTo", pointer + "/validTo", false);
        List<ContactPoint.Unavailability> unavailable = new ArrayList<>();
        JsonNode periods = in.array(node, "unavailable", pointer + "/unavailable", false);
        if (periods != null) {
            for (int i = 0; i < periods.size(); i++) {
                ContactPoint.Unavailability period = period(periods.get(i), pointer + "/unavailable/" + i, in);
                if (period != null) unavailable.add(period);
            }
        }
        String email = in.text(node, "email", pointer + "/email", false);
        if (in.invalid().size() + in.unknownFields().size() > before || id == null || jurisdiction == null || kind == null
                || name == null) {
            return null;
        }
        return new ContactPoint(id, jurisdiction, kind, name, source, backup, email, instruments, types, languages, hours,
                validFrom, validTo, unavailable, 0);
    }

    /** A period of unavailability as an administrator sends it: from, to, reason. */
    public static ContactPoint.Unavailability period(JsonNode node, String pointer, FieldReader in) {
        if (in.object(node, pointer, PERIOD_FIELDS) == null) return null;
        var from = in.instant(node, "from", pointer + "/from", true);
        var to = in.instant(node, "to", pointer + "/to", true);
        String reason = in.note(node, "reason", pointer + "/reason", true);
        return from == null || to == null || reason == null ? null : new ContactPoint.Unavailability(from, to, reason);
    }

    private static WorkingHours hours(JsonNode node, String pointer, FieldReader in) {
        if (node == null || node.isNull()) return null;
        if (in.object(node, pointer, HOURS_FIELDS) == null) return null;
        String zone = in.text(node, "timeZone", pointer + "/timeZone", true);
        ZoneId timeZone = null;
        if (zone != null) {
            try {
                timeZone = ZoneId.of(zone);
            } catch (DateTimeException e) {
                in.invalid(pointer + "/timeZone", "'" + zone + "' is not an IANA time zone like Europe/Berlin");
            }
        }
        Set<DayOfWeek> days = new LinkedHashSet<>();
        JsonNode list = in.array(node, "days", pointer + "/days", true);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                int day = DAYS.indexOf(list.get(i).asText());
                if (!list.get(i).isTextual() || day < 0) in.invalid(pointer + "/days/" + i, "one of " + String.join(", ", DAYS));
                else days.add(DayOfWeek.of(day + 1));
            }
        }
        LocalTime opens = time(node, "opens", pointer, in);
        LocalTime closes = time(node, "closes", pointer, in);
        return timeZone == null || opens == null || closes == null ? null : new WorkingHours(timeZone, days, opens, closes);
    }

    private static LocalTime time(JsonNode node, String field, String pointer, FieldReader in) {
        String text = in.text(node, field, pointer + "/" + field, true);
        if (text == null) return null;
        try {
            if (!text.matches("^\\d{2}:\\d{2}$")) throw new DateTimeParseException("HH:mm", text, 0);
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            in.invalid(pointer + "/" + field, "'" + text + "' is not a local time like 08:00");
            return null;
        }
    }

    private static <E extends Enum<E> & Coded> Set<E> codes(JsonNode node, String field, String pointer, Class<E> type,
                                                          FieldReader in) {
        Set<E> values = new LinkedHashSet<>();
        JsonNode list = in.array(node, field, pointer + "/" + field, false);
        if (list == null) return values;
        for (int i = 0; i < list.size(); i++) {
            E value = list.get(i).isTextual() ? Coded.parse(type, list.get(i).asText()).orElse(null) : null;
            if (value == null) in.invalid(pointer + "/" + field + "/" + i, "'" + list.get(i).asText() + "' is not one of: " + Coded.allowed(type));
            else values.add(value);
        }
        return values;
    }

    /** An entry as JSON; {@code withEmail} for administrators and the stored state only. */
    public static ObjectNode entry(ContactPoint cp, boolean withEmail) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", cp.id()).put("jurisdiction", cp.jurisdiction()).put("kind", cp.kind().code()).put("name", cp.name());
        if (cp.source() == null) out.putNull("source");
        else out.put("source", cp.source());
        ArrayNode instruments = out.putArray("instruments");
        cp.instruments().stream().map(Instrument::code).sorted().forEach(instruments::add);
        ArrayNode types = out.putArray("requestTypes");
        cp.requestTypes().stream().map(RequestType::code).sorted().forEach(types::add);
        ArrayNode languages = out.putArray("languages");
        cp.languages().forEach(languages::add);
        if (cp.hours() == null) {
            out.putNull("hours");
        } else {
            ObjectNode hours = out.putObject("hours").put("timeZone", cp.hours().timeZone().getId());
            ArrayNode days = hours.putArray("days");
            cp.hours().days().stream().sorted().forEach(d -> days.add(DAYS.get(d.getValue() - 1)));
            hours.put("opens", cp.hours().opens().toString()).put("closes", cp.hours().closes().toString());
        }
        if (cp.backup() == null) out.putNull("backup");
        else out.put("backup", cp.backup());
        instant(out, "validFrom", cp.validFrom());
        instant(out, "validTo", cp.validTo());
        ArrayNode periods = out.putArray("unavailable");
        cp.unavailable().stream().sorted(Comparator.comparing(ContactPoint.Unavailability::from)).forEach(u -> periods.addObject()
                .put("from", Times.format(u.from())).put("to", Times.format(u.to())).put("reason", u.reason()));
        if (withEmail) {
            if (cp.email() == null) out.putNull("email");
            else out.put("email", cp.email());
        }
        out.put("version", cp.version());
        return out;
    }

    /** The whole directory as a revision's state and an export hold it: every entry with its address, by id. */
    public static ObjectNode state(Directory directory) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode entries = out.putArray("contactPoints");
        directory.contactPoints().stream().sorted(Comparator.comparing(ContactPoint::id))
                .forEach(cp -> entries.add(entry(cp, true)));
        return out;
    }

    /** Reads a stored state back (it was checked when it was stored); the versions are the stored ones. */
    public static List<ContactPoint> entries(JsonNode state) {
        List<ContactPoint> out = new ArrayList<>();
        FieldReader in = new FieldReader();
        JsonNode list = state.path("contactPoints");
        for (int i = 0; i < list.size(); i++) {
            ContactPoint cp = entry(list.get(i), "/contactPoints/" + i, in);
            if (cp == null) throw new IllegalStateException("a stored directory does not read: " + in.invalid() + in.unknownFields());
            out.add(cp.inVersion(list.get(i).path("version").asLong(0)));
        }
        return out;
    }

    private static void instant(ObjectNode out, String field, java.time.Instant value) {
        if (value == null) out.putNull(field);
        else out.put(field, Times.format(value));
    }
}
