package io.liaison.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.core.AuditEvent;
import io.liaison.json.Times;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How an audit event is hashed and chained. The entry hash is SHA-256 over a 0x00 byte and the
 * event's RFC 8785 canonical JSON (metadata only: who, role, jurisdiction, action, states, rule
 * ids); the chain hash of event n is SHA-256 over a 0x01 byte, the chain hash of event n-1 and the
 * entry hash of n. Distinct prefixes keep an entry from ever passing for a link (as RFC 6962 does).
 */
public final class EventHashes {
    private static final byte ENTRY = 0x00;
    private static final byte LINK = 0x01;

    private EventHashes() {}

    /** The event as the canonical text that is hashed: no floating-point numbers, absent fields left out. */
    public static String canonical(AuditEvent e) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("requestId", e.requestId());
        out.put("sequence", e.sequence());
        out.put("at", Times.format(e.at()));
        out.put("action", e.action());
        if (e.from() != null) out.put("from", e.from().code());
        out.put("to", e.to().code());
        ObjectNode actor = out.putObject("actor");
        actor.put("role", e.actor().role());
        if (e.actor().jurisdiction() != null) actor.put("jurisdiction", e.actor().jurisdiction());
        if (e.actor().organisation() != null) actor.put("organisation", e.actor().organisation());
        if (e.actor().subject() != null) actor.put("subject", e.actor().subject());
        ArrayNode rules = out.putArray("ruleIds");
        e.ruleIds().forEach(rules::add);
        if (e.ground() != null) out.put("ground", e.ground());
        if (e.reason() != null) out.put("reason", e.reason());
        if (e.policyVersion() != null) out.put("policyVersion", e.policyVersion());
        if (e.directoryRevision() != null) out.put("directoryRevision", e.directoryRevision());
        try {
            return new JsonCanonicalizer(out.toString()).getEncodedString();
        } catch (IOException e2) {
            throw new UncheckedIOException("an event always canonicalises", e2);
        }
    }

    public static Hash entry(AuditEvent event) {
        return entry(canonical(event));
    }

    /** The entry hash of any canonical JSON text a trail chains (an event, a directory or rules revision). */
    public static Hash entry(String canonical) {
        MessageDigest sha = sha256();
        sha.update(ENTRY);
        sha.update(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Hash.of(sha.digest());
    }

    /** RFC 8785 canonical form of a JSON text. */
    public static String canonicalJson(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException("JSON always canonicalises", e);
        }
    }

    public static Hash link(Hash previous, Hash entry) {
        MessageDigest sha = sha256();
        sha.update(LINK);
        sha.update(previous.bytes());
        sha.update(entry.bytes());
        return Hash.of(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
