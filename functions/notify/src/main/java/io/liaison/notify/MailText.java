package io.liaison.notify;

import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The words both mailers send, so that SES and the local outbox show the same message. */
final class MailText {
    /** Deliberately narrow: one address without display name, quotes, spaces or line breaks. */
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^\\s@<>,;:\"()\\[\\]\\\\]{1,64}@[A-Za-z0-9.-]{1,253}");

    private MailText() {}

    static boolean plainAddress(String to) {
        return to != null && PLAIN_ADDRESS.matcher(to).matches();
    }

    /** The plain-text body: a short human text, then the JSON exactly as the webhook carries it. */
    static String body(Notice notice) {
        return "Liaison has a new notice for you.\n"
                + "\n"
                + "Type:   " + notice.type() + "\n"
                + "Notice: " + notice.id() + "\n"
                + "Time:   " + DateTimeFormatter.ISO_INSTANT.format(notice.timestamp()) + "\n"
                + "\n"
                + "Sign in to Liaison to read the request. The notice as JSON:\n"
                + "\n"
                + notice.body() + "\n";
    }
}
