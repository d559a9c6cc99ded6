package io.liaison.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.Actor;
import io.liaison.core.AuditEvent;
import io.liaison.core.Status;
import io.liaison.json.Json;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampering cases from src/test/resources/cases/tampering.json, each on a fresh five-event trail. */
class TrailVerifierTest {
    private static final String ID = "276b1bd5-f897-474b-8535-d60307d343ee";
    private static final Instant T0 = Instant.parse("2026-11-24T09:30:00Z");

    static Stream<Arguments> cases() throws Exception {
        try (InputStream in = TrailVerifierTest.class.getResourceAsStream("/cases/tampering.json")) {
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : Json.MAPPER.readTree(in)) cases.add(Arguments.of(Named.of(c.path("desc").asText(), c)));
            return cases.stream();
        }
    }

    private static AuditEvent event(long sequence, String action) {
        return new AuditEvent(ID, sequence, T0.plusSeconds(sequence), action, Status.ROUTED, Status.ROUTED,
                new Actor("contact_point", "DE", "DE-POC247", "de-poc247"), List.of(), null, null, null);
    }

    /** Stores events as the store does: each linked to the head before it. */
    private static List<TrailVerifier.StoredEvent> chain(List<AuditEvent> events, Hash start) {
        List<TrailVerifier.StoredEvent> stored = new ArrayList<>();
        Hash previous = start;
        for (AuditEvent e : events) {
            Hash entry = EventHashes.entry(e);
            previous = EventHashes.link(previous, entry);
            stored.add(new TrailVerifier.StoredEvent(e, entry, previous));
        }
        return stored;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verify_namesTheFirstBrokenEvent_andTheDamage(JsonNode c) {
        List<AuditEvent> events = new ArrayList<>();
        for (long s = 1; s <= 5; s++) events.add(event(s, "E" + s));
        List<TrailVerifier.StoredEvent> trail = new ArrayList<>(chain(events, Hash.GENESIS));
        Hash head = trail.get(4).chainHash();
        long length = 5;
        int at = c.path("at").asInt() - 1;
        switch (c.path("op").asText()) {
            case "alter" -> trail.set(at, new TrailVerifier.StoredEvent(event(at + 1, "FORGED"), trail.get(at).entryHash(),
                    trail.get(at).chainHash()));
            case "delete" -> trail.remove(at);
            case "swap" -> {
                var a = trail.get(at);
                trail.set(at, trail.get(at + 1));
                trail.set(at + 1, a);
            }
            case "insert" -> {
                // a well-formed event linked onto event 2; what follows is renumbered, its hashes kept
                AuditEvent forged = event(at + 1, "FORGED");
                Hash entry = EventHashes.entry(forged);
                trail.add(at, new TrailVerifier.StoredEvent(forged, entry, EventHashes.link(trail.get(at - 1).chainHash(), entry)));
                for (int i = at + 1; i < trail.size(); i++) {
                    trail.set(i, new TrailVerifier.StoredEvent(event(i + 1, trail.get(i).event().action()),
                            trail.get(i).entryHash(), trail.get(i).chainHash()));
                }
                length = 6;
            }
            case "duplicate" -> trail.add(new TrailVerifier.StoredEvent(events.get(at), trail.get(at).entryHash(), trail.get(at).chainHash()));
            case "relink" -> trail.set(at, new TrailVerifier.StoredEvent(trail.get(at).event(), trail.get(at).entryHash(), Hash.GENESIS));
            case "replace_last" -> {
                AuditEvent forged = event(5, "FORGED");
                Hash entry = EventHashes.entry(forged);
                trail.set(4, new TrailVerifier.StoredEvent(forged, entry, EventHashes.link(trail.get(3).chainHash(), entry)));
            }
            default -> { }
        }

        TrailVerifier.Verification result = TrailVerifier.verify(trail, head, length);

        if (c.path("want").asText().equals("VALID")) {
            assertThat(result).isEqualTo(new TrailVerifier.Valid(5, head));
        } else {
            assertThat(result).isInstanceOfSatisfying(TrailVerifier.Broken.class, broken -> {
                assertThat(broken.damage()).isEqualTo(TrailVerifier.Damage.valueOf(c.path("want").asText()));
                assertThat(broken.sequence()).isEqualTo(c.path("sequence").asLong());
            });
        }
    }

    @org.junit.jupiter.api.Test
    void canonical_isRfc8785_withMembersSortedAndNoSpaces() {
        String text = EventHashes.canonical(event(1, "FILED"));

        assertThat(text).startsWith("{\"action\":\"FILED\",\"actor\":{").doesNotContain(" ").contains("\"sequence\":1");
    }

    @org.junit.jupiter.api.Test
    void verify_acceptsEntriesAppendedAfterTheHeadTheStateHolds_chainedOntoIt() {
        List<AuditEvent> events = new ArrayList<>();
        for (long s = 1; s <= 5; s++) events.add(event(s, "E" + s));
        List<TrailVerifier.StoredEvent> trail = chain(events, Hash.GENESIS);

        // The state item holds the head of event 3; events 4 and 5 are evidence appended since.
        assertThat(TrailVerifier.verify(trail, trail.get(2).chainHash(), 3)).isEqualTo(new TrailVerifier.Valid(5, trail.get(4).chainHash()));
    }

    @org.junit.jupiter.api.Test
    void verify_namesTheHeadMismatch_atTheLengthTheStateHoldsIt() {
        List<AuditEvent> events = new ArrayList<>();
        for (long s = 1; s <= 5; s++) events.add(event(s, "E" + s));
        List<TrailVerifier.StoredEvent> trail = chain(events, Hash.GENESIS);

        assertThat(TrailVerifier.verify(trail, trail.get(3).chainHash(), 3)).isInstanceOfSatisfying(TrailVerifier.Broken.class,
                broken -> assertThat(broken).extracting(TrailVerifier.Broken::damage, TrailVerifier.Broken::sequence)
                        .containsExactly(TrailVerifier.Damage.HEAD_MISMATCH, 3L));
    }

    @org.junit.jupiter.api.Test
    void verify_ofATrailWhoseHeadIsItsLast_refusesLinksAfterIt() {
        List<AuditEvent> events = new ArrayList<>();
        for (long s = 1; s <= 5; s++) events.add(event(s, "E" + s));
        List<TrailVerifier.StoredEvent> trail = chain(events, Hash.GENESIS);

        assertThat(TrailVerifier.verify(trail, trail.get(2).chainHash(), 3, "revision")).isInstanceOfSatisfying(TrailVerifier.Broken.class,
                broken -> assertThat(broken.damage()).isEqualTo(TrailVerifier.Damage.HEAD_MISMATCH));
    }
}
