package io.liaison.config;

import java.util.Map;
import java.util.Optional;

/**
 * The variables a function is configured with. On Lambda these are the process environment; the
 * local server builds them from template.yaml, so the same names are read in both places.
 */
public record Environment(Map<String, String> values) {
    public static final String TABLE_NAME = "TABLE_NAME";

    public Environment {
        values = Map.copyOf(values);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }
}
