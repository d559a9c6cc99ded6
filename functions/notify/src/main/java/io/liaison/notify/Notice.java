package io.liaison.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One notice to one contact point, as it goes out on any channel.
 *
 * @param id        the webhook-id: stable across retries of the same notice, so receivers can use
 *                  it as an idempotency key (e.g. {@code "<requestId>-<sequence>"}). Letters, digits,
 *                  {@code -} and {@code _} only: Standard Webhooks signs {@code id.timestamp.body}, so
 *                  a {@code .} in the id would make two different messages sign alike; the same
 *                  characters are also safe in a header, a Message-ID and a file name as they are.
 * @param type      the event type, full-stop delimited identifiers as the specification recommends
 *                  (e.g. {@code "request.routed"})
 * @param timestamp when the event happened. Not the webhook-timestamp: that one is the time of
 *                  each attempt and is taken from the sender's clock.
 * @param body      the JSON text to send, built by the caller; it never carries payload data
 */
public record Notice(String id, String type, Instant timestamp, String body) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a notice id is 1-200 letters, digits, '-' or '_'");
        }
        if (type.length() > 100 || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("a notice type is dot-separated identifiers such as request.routed");
        }
    }

    /**
     * The e-mail subject, derived so that every channel shows the same words for the same notice.
     * Plain ASCII by construction (id and type are), so it needs no RFC 2047 encoding.
     */
    public String subject() {
        return "Liaison: " + type + " (" + id + ")";
    }

    /** Only the id and type: the body may be long and is not for logs. */
    @Override
    public String toString() {
        return "Notice[" + id + ", " + type + "]";
    }
}
