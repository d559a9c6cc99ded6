package io.liaison.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.audit.TrailVerifier;
import io.liaison.core.Actor;
import io.liaison.json.Json;
import io.liaison.json.Times;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of the directory or of the routing rules, as its trail keeps it: who made it (and,
 * for a rule change, who approved it), why, from when it applies, and the whole state after it.
 * It is hashed and chained like a request's audit event, so the same verifier checks both.
 *
 * @param version  the routing rules' version name; null for a directory revision
 * @param state    the whole new state as canonical JSON: {"contactPoints":[…]} or the rules document
 */
public record Revision(Trail trail, long number, Instant at, Instant validFrom, Actor author, Actor approvedBy,
                       String reason, String change, String version, String state, Hash entryHash, Hash chainHash)
        implements TrailVerifier.Link {
    public Revision {
        Objects.requireNonNull(trail, "trail");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(state, "state");
    }

    /** The same revision with the hashes that chain it onto {@code previousChain}. */
    public Revision chainedOnto(Hash previousChain) {
        Hash entry = contentHash();
        return new Revision(trail, number, at, validFrom, author, approvedBy, reason, change, version, state, entry,
                EventHashes.link(previousChain, entry));
    }

    @Override public long sequence() { return number; }

    @Override public Hash contentHash() { return EventHashes.entry(canonical()); }

    /** What is hashed: every field but the two hashes, in RFC 8785 canonical JSON, the state as JSON. */
    public String canonical() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("trail", trail.id()).put("number", number).put("at", Times.format(at)).put("validFrom", Times.format(validFrom));
        out.set("author", actor(author));
        if (approvedBy != null) out.set("approvedBy", actor(approvedBy));
        if (reason != null) out.put("reason", reason);
        if (change != null) out.put("change", change);
        if (version != null) out.put("version", version);
        try {
            out.set("state", Json.MAPPER.readTree(state));
        } catch (IOException e) {
            throw new UncheckedIOException("a revision's state is JSON", e);
        }
        return EventHashes.canonicalJson(out.toString());
    }

    /** The revision as the API and an export write it: every hashed field, the state as JSON when asked, the two hashes. */
    public ObjectNode toJson(boolean withState) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("trail", trail.id()).put("number", number)
                .put("at", Times.format(at)).put("validFrom", Times.format(validFrom));
        out.set("author", actor(author));
        if (approvedBy != null) out.set("approvedBy", actor(approvedBy));
        if (reason != null) out.put("reason", reason);
        if (change != null) out.put("change", change);
        if (version != null) out.put("version", version);
        if (withState) {
            try {
                out.set("state", Json.MAPPER.readTree(state));
            } catch (IOException e) {
                throw new UncheckedIOException("a revision's state is JSON", e);
            }
        }
        if (entryHash != null) out.put("entryHash", entryHash.hex()).put("chainHash", chainHash.hex());
        return out;
    }

    /** Reads {@link #toJson(boolean) toJson(true)} back, as the offline verifier does. */
    public static Revision fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        Trail trail = java.util.Arrays.stream(Trail.values()).filter(t -> t.id().equals(node.path("trail").asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trail " + node.path("trail").asText()));
        return new Revision(trail, node.path("number").asLong(), Instant.parse(node.path("at").asText()),
                Instant.parse(node.path("validFrom").asText()), actor(node.path("author")),
                node.has("approvedBy") ? actor(node.path("approvedBy")) : null, node.path("reason").asText(null),
                node.path("change").asText(null), node.path("version").asText(null), node.path("state").toString(),
                new Hash(node.path("entryHash").asText()), new Hash(node.path("chainHash").asText()));
    }

    private static Actor actor(com.fasterxml.jackson.databind.JsonNode node) {
        return new Actor(node.path("role").asText(), node.path("jurisdiction").asText(null), null, node.path("subject").asText(null));
    }

    static ObjectNode actor(Actor actor) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("role", actor.role());
        if (actor.jurisdiction() != null) out.put("jurisdiction", actor.jurisdiction());
        if (actor.subject() != null) out.put("subject", actor.subject());
        return out;
    }
}
