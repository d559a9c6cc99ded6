package io.liaison.notify;

import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The local stand-in for SES: each notice becomes one RFC 5322 message, {@code <notice id>.eml}
 * in a folder, which any mail client opens. The file name comes from the notice id alone, and the
 * file is written whole to a temporary name and then moved over the old one, so a retried notice
 * replaces its file instead of adding a second and a reader never sees half a message. The
 * notice id needs no sanitising: {@link Notice} admits only letters, digits, '-' and '_'.
 *
 * <p>The message is the same bytes for the same notice: Date is the notice's time, Message-ID
 * comes from its id.
 */
public record Outbox(Path folder, String fromAddress) implements Mailer {
    static final String DEFAULT_FROM = "notices@liaison.localhost";
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    public Outbox {
        Objects.requireNonNull(folder, "folder");
        if (!MailText.plainAddress(fromAddress)) throw new IllegalArgumentException("fromAddress is not a plain address");
    }

    public Outbox(Path folder) {
        this(folder, DEFAULT_FROM);
    }

    /** Where the message for this notice is (or will be) written. */
    public Path fileFor(Notice notice) {
        return folder.resolve(notice.id() + ".eml");
    }

    @Override
    public DeliveryResult send(String to, Notice notice) {
        if (!MailText.plainAddress(to)) {
            return new Failed("refused: the recipient is not one plain e-mail address");
        }
        Path target = fileFor(notice);
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, ".notice-", ".tmp");
            Files.write(temporary, message(to, notice));
            move(temporary, target);
            return new Delivered("written to outbox as " + target.getFileName());
        } catch (IOException e) {
            return new Failed("outbox write failed (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray .tmp file in a local folder is harmless; the result above stands
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    byte[] message(String to, Notice notice) {
        String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
        String headers = "From: Liaison <" + fromAddress + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + notice.subject() + "\r\n"
                + "Date: " + RFC_5322_DATE.format(notice.timestamp()) + "\r\n"
                + "Message-ID: <" + notice.id() + "@" + domain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(quotedPrintable(MailText.body(notice)));
        return out.toByteArray();
    }

    /**
     * RFC 2045 quoted-printable with CRLF line ends. The JSON may hold non-ASCII text or one line
     * longer than the 998 octets RFC 5322 allows; quoted-printable keeps both legal while ASCII
     * JSON stays readable as it is (only '=' and non-ASCII bytes change).
     */
    static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                boolean last = i == bytes.length - 1;
                boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
                int width = literal ? 1 : 3;
                if (column + width > 75) { // soft break: '=' at column 76 at most
                    out.writeBytes(new byte[] {'=', '\r', '\n'});
                    column = 0;
                }
                if (literal) {
                    out.write(b);
                } else {
                    out.writeBytes(String.format("=%02X", b).getBytes(StandardCharsets.US_ASCII));
                }
                column += width;
            }
            if (l < lines.length - 1) out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }
}
