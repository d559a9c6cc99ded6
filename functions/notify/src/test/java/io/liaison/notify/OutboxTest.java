package io.liaison.notify;

import io.liaison.notify.DeliveryResult.Delivered;
import io.liaison.notify.DeliveryResult.Failed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
    static final Notice NOTICE = new Notice("0b6f2c1e-5d3a-4c59-9f0e-2a7d41c3e8b1-3", "request.routed",
            Instant.parse("2026-11-24T10:15:30Z"), "{\"type\":\"request.routed\",\"requestId\":\"0b6f2c1e\"}");

    @TempDir Path folder;

    @Test
    void send_writesOneMessage_withToSubjectAndTheBody() throws IOException {
        DeliveryResult result = new Outbox(folder).send("spoc@police.example", NOTICE);

        assertThat(result).isInstanceOf(Delivered.class);
        String message = Files.readString(folder.resolve(NOTICE.id() + ".eml"), StandardCharsets.UTF_8);
        assertThat(message)
                .contains("\r\nTo: spoc@police.example\r\n")
                .contains("\r\nSubject: " + NOTICE.subject() + "\r\n")
                .contains("\r\nDate: Tue, 24 Nov 2026 10:15:30 +0000\r\n")
                .contains("\r\nMessage-ID: <" + NOTICE.id() + "@liaison.localhost>\r\n")
                .contains("Content-Type: text/plain; charset=UTF-8")
                .contains(NOTICE.body());
    }

    @Test
    void send_leavesOneFile_whenTheSameNoticeIsSentTwice() throws IOException {
        Outbox outbox = new Outbox(folder);

        outbox.send("spoc@police.example", NOTICE);
        outbox.send("spoc@police.example", NOTICE);

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(NOTICE.id() + ".eml");
        }
    }

    @Test
    void send_refusesAndWritesNothing_whenTheRecipientCouldAddHeaders() throws IOException {
        DeliveryResult result = new Outbox(folder).send("spoc@police.example\r\nBcc: someone@else.example", NOTICE);

        assertThat(result).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.reason()).doesNotContain("police.example", "else.example"));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void message_keepsLinesWithinTheRfc5322Limit_whenTheJsonIsOneLongNonAsciiLine() {
        String longJson = "{\"note\":\"" + "Übermittlung ".repeat(200) + "\"}";
        Notice notice = new Notice("n-1", "request.routed", Instant.parse("2026-11-24T10:15:30Z"), longJson);

        byte[] message = new Outbox(folder).message("spoc@police.example", notice);

        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(text).contains("=C3=9Cbermittlung");
        assertThat(Arrays.asList(text.split("\r\n"))).noneMatch(l -> l.contains("\n") || l.contains("\r"));
    }
}
