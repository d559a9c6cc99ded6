package io.liaison.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.Violation;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a relative URI naming the kind of problem;
 * {@code errors} lists field-level problems as JSON Pointers into the request body.
 */
public record Problem(int status, String type, String title, String detail, List<Violation> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, type, title, detail, List.of());
    }

    public static Problem malformedJson(String detail) {
        return of(400, "/problems/malformed-json", "The body is not valid JSON", detail);
    }

    public static Problem unknownFields(List<Violation> errors) {
        return new Problem(400, "/problems/unknown-field", "The body has fields Liaison does not know",
                "Remove the fields listed in errors; nothing was stored.", errors);
    }

    public static Problem invalid(List<Violation> errors) {
        return new Problem(422, "/problems/validation-failed", "The request breaks a rule",
                "Each entry of errors says what is wrong; nothing was stored.", errors);
    }

    public static Problem notFound() {
        return of(404, "/problems/not-found", "Not found", "There is no such request in your scope.");
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", type);
        out.put("title", title);
        out.put("status", status);
        if (detail != null) out.put("detail", detail);
        if (!errors.isEmpty()) {
            ArrayNode list = out.putArray("errors");
            for (Violation v : errors) {
                ObjectNode error = list.addObject();
                if (v.pointer() != null) error.put("pointer", v.pointer());
                error.put("detail", v.detail());
            }
        }
        return out;
    }
}
