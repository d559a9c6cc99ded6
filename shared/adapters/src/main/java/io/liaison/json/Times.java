package io.liaison.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Liaison's own timestamps, on the wire and in index keys: UTC, always with milliseconds, so that
 * they sort as text in time order ({@code Instant.toString()} drops ".000" and would not).
 */
public final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
