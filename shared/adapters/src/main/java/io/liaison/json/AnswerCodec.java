package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.DataCategory;
import io.liaison.core.FilingRules;
import io.liaison.core.Tlp;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.ResponseRecord;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON form of an {@link Answer}: how a contact point sends it in
 * {@code POST /requests/{id}/responses}. Shape only; what depends on the request (a confirmation
 * for a preservation, real origin jurisdictions) is the core's to check.
 */
public final class AnswerCodec {
    public static final int MAX_RECORDS = 200;
    public static final int MAX_FIELDS = 50;
    public static final int MAX_FIELD_NAME = 64;
    public static final int MAX_VALUE = 2000;

    private static final Set<String> FIELDS = Set.of("final", "tlp", "confirmation", "records");
    private static final Set<String> CONFIRMATION_FIELDS = Set.of("preserved", "until");
    private static final Set<String> RECORD_FIELDS =
            Set.of("category", "owner", "specialCategory", "originJurisdiction", "tlp", "fields");
    private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_.-]{1," + MAX_FIELD_NAME + "}$");
    private static final Map<String, ResponseRecord.Owner> OWNERS =
            Map.of("data_subject", ResponseRecord.Owner.DATA_SUBJECT, "third_party", ResponseRecord.Owner.THIRD_PARTY);

    private AnswerCodec() {}

    /** An answer, or the problems that kept it from being one. */
    public record Parsed(Answer answer, FieldReader problems) {}

    public static Parsed read(JsonNode body) {
        FieldReader in = new FieldReader();
        JsonNode root = in.object(body, "", FIELDS);
        if (root == null) return new Parsed(null, in);

        Boolean isFinal = in.bool(root, "final", "/final", true);
        Tlp tlp = in.code(root, "tlp", "/tlp", Tlp.class, true);
        Answer.Confirmation confirmation = confirmation(in, root);
        List<ResponseRecord> records = records(in, root, tlp);
        if (!in.ok()) return new Parsed(null, in);
        return new Parsed(new Answer(records, confirmation, isFinal, tlp), in);
    }

    /** The owner codes of the wire: {@code data_subject}, {@code third_party}. */
    public static String code(ResponseRecord.Owner owner) {
        return switch (owner) {
            case DATA_SUBJECT -> "data_subject";
            case THIRD_PARTY -> "third_party";
        };
    }

    private static Answer.Confirmation confirmation(FieldReader in, JsonNode root) {
        JsonNode node = root.get("confirmation");
        if (node == null || node.isNull()) return null;
        if (in.object(node, "/confirmation", CONFIRMATION_FIELDS) == null) return null;
        String preserved = in.note(node, "preserved", "/confirmation/preserved", true);
        String until = in.text(node, "until", "/confirmation/until", true);
        LocalDate date = null;
        if (until != null) {
            try {
                date = LocalDate.parse(until);
            } catch (DateTimeParseException e) {
                in.invalid("/confirmation/until", "'" + until + "' is not a date like 2027-02-22");
            }
        }
        return preserved == null || date == null ? null : new Answer.Confirmation(preserved, date);
    }

    private static List<ResponseRecord> records(FieldReader in, JsonNode root, Tlp answerTlp) {
        List<ResponseRecord> records = new ArrayList<>();
        JsonNode array = in.array(root, "records", "/records", false);
        if (array == null) return records;
        if (array.size() > MAX_RECORDS) {
            in.invalid("/records", "at most " + MAX_RECORDS + " records per response; send the rest as a further response");
            return records;
        }
        for (int i = 0; i < array.size(); i++) {
            ResponseRecord record = record(in, array.get(i), "/records/" + i, answerTlp);
            if (record != null) records.add(record);
        }
        return records;
    }

    private static ResponseRecord record(FieldReader in, JsonNode node, String pointer, Tlp answerTlp) {
        if (in.object(node, pointer, RECORD_FIELDS) == null) return null;
        DataCategory category = in.code(node, "category", pointer + "/category", DataCategory.class, true);
        ResponseRecord.Owner owner = owner(in, node, pointer + "/owner");
        Boolean special = in.bool(node, "specialCategory", pointer + "/specialCategory", false);
        String origin = in.text(node, "originJurisdiction", pointer + "/originJurisdiction", true);
        Tlp tlp = node.hasNonNull("tlp") ? in.code(node, "tlp", pointer + "/tlp", Tlp.class, false) : answerTlp;
        Map<String, String> fields = fields(in, node, pointer + "/fields");
        if (category == null || owner == null || origin == null || tlp == null || fields == null) return null;
        return new ResponseRecord(category, owner, special != null && special, fields, origin, tlp);
    }

    private static ResponseRecord.Owner owner(FieldReader in, JsonNode node, String pointer) {
        String text = in.text(node, "owner", pointer, true);
        if (text == null) return null;
        ResponseRecord.Owner owner = OWNERS.get(text);
        if (owner == null) in.invalid(pointer, "'" + text + "' is not one of: data_subject, third_party");
        return owner;
    }

    private static Map<String, String> fields(FieldReader in, JsonNode record, String pointer) {
        JsonNode node = record.get("fields");
        if (node == null || node.isNull()) {
            in.invalid(pointer, "is required");
            return null;
        }
        if (!node.isObject()) {
            in.invalid(pointer, "must be a JSON object of field names and string values");
            return null;
        }
        if (node.isEmpty() || node.size() > MAX_FIELDS) {
            in.invalid(pointer, "1 to " + MAX_FIELDS + " fields per record");
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String at = pointer + "/" + FieldReader.escape(name);
            if (!FIELD_NAME.matcher(name).matches()) {
                in.invalid(at, "a field name is 1 to " + MAX_FIELD_NAME + " letters, digits, '_', '.' or '-'");
                ok = false;
                continue;
            }
            JsonNode value = field.getValue();
            if (!value.isTextual()) {
                in.invalid(at, "must be a string");
                ok = false;
                continue;
            }
            String text = value.textValue();
            String invisible = FilingRules.invisibleCharacter(text, true);
            if (text.length() > MAX_VALUE) {
                in.invalid(at, "at most " + MAX_VALUE + " characters");
                ok = false;
            } else if (invisible != null) {
                in.invalid(at, invisible);
                ok = false;
            } else {
                fields.put(name, text);
            }
        }
        return ok ? fields : null;
    }
}
