package io.liaison.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.AuditEvent;
import io.liaison.json.Json;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published test vectors of docs/audit-format.md (src/test/resources/audit-vectors): written
 * once by this code, cross-checked with Python's rfc8785, and fixed from then on. A change that
 * fails them changes the hash format, and the trails already stored would no longer verify.
 */
class AuditVectorsTest {

    static Stream<Arguments> vectors() throws Exception {
        Path folder = Path.of(AuditVectorsTest.class.getResource("/audit-vectors").toURI());
        List<Arguments> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder).sorted()) {
            for (Path file : files.toList()) {
                JsonNode vector = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
                vectors.add(Arguments.of(Named.of(file.getFileName() + ": " + vector.path("desc").asText(), vector)));
            }
        }
        assertThat(vectors).isNotEmpty();
        return vectors.stream();
    }

    /** The event of one vector entry with the hashes the vector publishes beside it. */
    private static TrailVerifier.StoredEvent published(JsonNode item) {
        ObjectNode event = item.path("event").deepCopy();
        return EventJson.stored(event.put("entryHash", item.path("entryHash").asText()).put("chainHash", item.path("chainHash").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector_recomputesToItsPublishedCanonicalText_andHashes(JsonNode vector) {
        Hash previous = Hash.GENESIS;
        for (JsonNode item : vector.path("events")) {
            AuditEvent event = EventJson.event(item.path("event"));
            String canonical = EventHashes.canonical(event);
            Hash entry = EventHashes.entry(event);
            previous = EventHashes.link(previous, entry);

            assertThat(canonical).as("canonical text of event %d", event.sequence()).isEqualTo(item.path("canonical").asText());
            assertThat(HexFormat.of().formatHex(canonical.getBytes(StandardCharsets.UTF_8)))
                    .as("canonical bytes of event %d", event.sequence()).isEqualTo(item.path("canonicalHex").asText());
            assertThat(entry).as("entry hash of event %d", event.sequence()).isEqualTo(new Hash(item.path("entryHash").asText()));
            assertThat(previous).as("chain hash of event %d", event.sequence()).isEqualTo(new Hash(item.path("chainHash").asText()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector_verifiesAsOneTrail_endingInItsHead(JsonNode vector) {
        List<TrailVerifier.StoredEvent> trail = new ArrayList<>();
        vector.path("events").forEach(item -> trail.add(published(item)));
        Hash head = new Hash(vector.path("trailHead").asText());
        long length = vector.path("length").asLong();

        assertThat(TrailVerifier.verify(trail, head, length)).isEqualTo(new TrailVerifier.Valid(length, head));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vector_showsEveryEvent_asTheAuditApiWritesIt(JsonNode vector) {
        for (JsonNode item : vector.path("events")) {
            ObjectNode written = EventJson.write(published(item));
            written.remove(List.of("entryHash", "chainHash"));

            assertThat(Json.canonical(written)).isEqualTo(Json.canonical(item.path("event")));
        }
    }
}
