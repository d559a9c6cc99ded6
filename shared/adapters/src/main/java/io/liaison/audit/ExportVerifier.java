package io.liaison.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an export (JSON Lines of trails, their heads and the signed digests of the hours they
 * span) without the service: every chain, every head, every digest signature under the given
 * public key, and every head a digest recorded. Says exactly what is wrong, or that all is valid.
 */
public final class ExportVerifier {
    private ExportVerifier() {}

    public record Finding(String requestId, String problem) {}

    public static List<Finding> verify(List<String> lines, byte[] publicKey) throws IOException {
        Map<String, List<TrailVerifier.Link>> trails = new LinkedHashMap<>();
        Map<String, String> nouns = new LinkedHashMap<>();
        Map<String, JsonNode> heads = new LinkedHashMap<>();
        List<JsonNode> digests = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            JsonNode node = Json.MAPPER.readTree(line);
            switch (node.path("type").asText()) {
                case "event" -> trails.computeIfAbsent(node.path("requestId").asText(), k -> new ArrayList<>()).add(EventJson.stored(node));
                // The directory's and the routing rules' trails: revisions, chained the same way.
                case "revision" -> {
                    trails.computeIfAbsent(node.path("trail").asText(), k -> new ArrayList<>())
                            .add(io.liaison.network.Revision.fromJson(node));
                    nouns.put(node.path("trail").asText(), "revision");
                }
                case "head" -> heads.put(node.has("trail") ? node.path("trail").asText() : node.path("requestId").asText(), node);
                case "digest" -> digests.add(node);
                default -> throw new IOException("an export line of unknown type: " + node.path("type").asText());
            }
        }
        List<Finding> findings = new ArrayList<>();
        trails.forEach((requestId, events) -> {
            JsonNode head = heads.get(requestId);
            if (head == null) {
                findings.add(new Finding(requestId, "the export has no head for this trail"));
                return;
            }
            String noun = nouns.getOrDefault(requestId, "event");
            TrailVerifier.Verification result = TrailVerifier.verify(events, new Hash(head.path("head").asText()),
                    head.path("length").asLong(), noun);
            if (result instanceof TrailVerifier.Broken broken) {
                findings.add(new Finding(requestId, noun + " " + broken.sequence() + ": " + broken.damage() + " (" + broken.detail() + ")"));
            }
        });
        for (JsonNode digest : digests) {
            String document = digest.path("document").asText();
            byte[] signature = Base64.getDecoder().decode(digest.path("signature").asText());
            if (!DigestSigner.verify(publicKey, document.getBytes(StandardCharsets.UTF_8), signature)) {
                findings.add(new Finding(null, "the digest of " + digest.path("hour").asText() + " is not signed by this key"));
                continue;
            }
            for (JsonNode recorded : Json.MAPPER.readTree(document).path("trails")) {
                String requestId = recorded.path("requestId").asText();
                List<TrailVerifier.Link> events = trails.get(requestId);
                if (events == null) continue;
                long sequence = recorded.path("sequence").asLong();
                boolean matches = events.stream().anyMatch(e -> e.sequence() == sequence
                        && e.chainHash().hex().equals(recorded.path("chainHash").asText()));
                if (!matches) {
                    findings.add(new Finding(requestId, nouns.getOrDefault(requestId, "event") + " " + sequence + ": DIGEST_MISMATCH (not the one the signed digest of "
                            + digest.path("hour").asText() + " recorded)"));
                }
            }
        }
        return findings;
    }

    /** {@code verify export.jsonl --public-key key.pem}: exit 0 when valid, 1 with the findings when not. */
    public static int run(String[] args) throws IOException {
        if (args.length != 3 || !args[1].equals("--public-key")) {
            System.err.println("usage: verify EXPORT.jsonl --public-key KEY.pem");
            return 2;
        }
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[0]));
        String pem = java.nio.file.Files.readString(java.nio.file.Path.of(args[2]));
        byte[] key = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
        List<Finding> findings = verify(lines, key);
        if (findings.isEmpty()) {
            System.out.println("valid: every trail, head and signed digest in " + args[0] + " checks out");
            return 0;
        }
        findings.forEach(f -> System.out.println((f.requestId() == null ? ""
                : (f.requestId().contains("-") && f.requestId().length() == 36 ? "request " : "trail ") + f.requestId() + ": ") + f.problem()));
        return 1;
    }
}
