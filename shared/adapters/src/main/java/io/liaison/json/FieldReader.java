package io.liaison.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.Coded;
import io.liaison.core.FilingRules;
import io.liaison.core.Violation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads fields out of a JSON tree and collects every problem with a JSON Pointer, so that one
 * answer names all of them. Unknown fields are kept apart: they are a 400, the rest a 422.
 */
public final class FieldReader {
    public static final int MAX_NOTE = 2000;

    private final List<Violation> unknownFields = new ArrayList<>();
    private final List<Violation> invalid = new ArrayList<>();

    public List<Violation> unknownFields() { return List.copyOf(unknownFields); }

    public List<Violation> invalid() { return List.copyOf(invalid); }

    public boolean ok() { return unknownFields.isEmpty() && invalid.isEmpty(); }

    public void invalid(String pointer, String detail) { invalid.add(new Violation(pointer, detail)); }

    /** Returns the node as an object, or null (with a violation) when it is something else. */
    public JsonNode object(JsonNode node, String pointer, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            invalid(pointer, "must be a JSON object");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknownFields.add(new Violation(pointer + "/" + escape(name), "unknown field '" + name + "'"));
            }
        }
        return node;
    }

    public String text(JsonNode object, String field, String pointer, boolean required) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            if (required) invalid(pointer, "is required");
            return null;
        }
        if (!node.isTextual()) {
            invalid(pointer, "must be a string");
            return null;
        }
        return node.textValue();
    }

    /** A person's short free text (a note, a reason, a justification): 1 to {@value #MAX_NOTE} characters. */
    public String note(JsonNode object, String field, String pointer, boolean required) {
        String text = text(object, field, pointer, required);
        if (text == null) return null;
        String invisible = FilingRules.invisibleCharacter(text, true);
        if (text.isBlank() || text.length() > MAX_NOTE) invalid(pointer, "1 to " + MAX_NOTE + " characters, not blank");
        else if (invisible != null) invalid(pointer, invisible);
        return text;
    }

    public <E extends Enum<E> & Coded> E code(JsonNode object, String field, String pointer, Class<E> type, boolean required) {
        String text = text(object, field, pointer, required);
        if (text == null) return null;
        E value = Coded.parse(type, text).orElse(null);
        if (value == null) invalid(pointer, "'" + text + "' is not one of: " + Coded.allowed(type));
        return value;
    }

    public Instant instant(JsonNode object, String field, String pointer, boolean required) {
        String text = text(object, field, pointer, required);
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            invalid(pointer, "'" + text + "' is not a UTC timestamp like 2026-11-24T09:30:00Z");
            return null;
        }
    }

    public Boolean bool(JsonNode object, String field, String pointer, boolean required) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            if (required) invalid(pointer, "is required");
            return null;
        }
        if (!node.isBoolean()) {
            invalid(pointer, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    public JsonNode array(JsonNode object, String field, String pointer, boolean required) {
        JsonNode node = object.get(field);
        if (absent(node)) {
            if (required) invalid(pointer, "is required");
            return null;
        }
        if (!node.isArray()) {
            invalid(pointer, "must be an array");
            return null;
        }
        return node;
    }

    /** RFC 6901: a member name in a pointer writes '~' as ~0 and '/' as ~1. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }
}
