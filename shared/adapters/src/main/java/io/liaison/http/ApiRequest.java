package io.liaison.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.liaison.core.Caller;
import io.liaison.core.Coded;
import io.liaison.core.RequestStore;
import io.liaison.core.Role;
import io.liaison.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** An API Gateway HTTP API event, read the way Liaison's handlers need it. */
public final class ApiRequest {
    /** The largest body Liaison reads; anything larger is answered 413 unread. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern REQUEST_ID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    /** The caller, from the claims the JWT authorizer verified; 403 when the token carries no Liaison identity. */
    public Caller caller() {
        Map<String, String> claims = claims();
        String subject = claim(claims, "sub");
        Role role = Optional.ofNullable(claim(claims, "role")).flatMap(r -> Coded.parse(Role.class, r)).orElse(null);
        String jurisdiction = claim(claims, "jurisdiction");
        if (subject == null || role == null || jurisdiction == null) {
            throw new ProblemException(Problem.of(403, "/problems/no-liaison-identity", "Forbidden",
                    "The token does not carry the sub, role and jurisdiction claims Liaison needs."));
        }
        return new Caller(subject, role, jurisdiction, claim(claims, "agency"), claim(claims, "contact_point"));
    }

    /**
     * The jurisdictions an auditor's token limits it to (claim "jurisdictions", comma- or
     * space-separated); empty when the auditor may read every trail.
     */
    public java.util.Set<String> auditedJurisdictions() {
        Map<String, String> claims = claims();
        String value = claim(claims, "jurisdictions");
        if (value == null) return java.util.Set.of();
        return java.util.Arrays.stream(value.replaceAll("[\\[\\]\"]", "").split("[,\\s]+"))
                .filter(s -> !s.isBlank()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * What an administrator's token lets it change in the directory: the jurisdictions of its claim
     * "jurisdictions", and everything (the routing rules included) with claim "network" = "true".
     * Nothing for any other role.
     */
    public io.liaison.network.Administration administration() {
        if (caller().role() != Role.ADMINISTRATOR) return io.liaison.network.Administration.NONE;
        return new io.liaison.network.Administration(auditedJurisdictions(), "true".equals(claim(claims(), "network")));
    }

    /** The claims the JWT authorizer verified, every value a string. */
    private Map<String, String> claims() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
    }

    /** Cognito puts custom attributes under "custom:"; other issuers use the plain name. */
    private static String claim(Map<String, String> claims, String name) {
        String value = claims.get(name);
        if (value == null) value = claims.get("custom:" + name);
        return value == null || value.isBlank() ? null : value;
    }

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9._:-]{8,128}$");

    /** The Idempotency-Key header, checked before the body is read; 400 when it is malformed. */
    public Optional<String> idempotencyKey() {
        Optional<String> key = header("Idempotency-Key");
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw new ProblemException(Problem.of(400, "/problems/bad-idempotency-key", "Bad Idempotency-Key",
                    "An Idempotency-Key is 8 to 128 characters of letters, digits and . _ : - (a UUID is a good choice)."));
        }
        return key;
    }

    /**
     * The key as the store keeps it: scoped to the caller (and {@code within}, e.g. a request), with
     * a fingerprint of what was sent, so the same key for something else is recognised as reuse.
     */
    public static RequestStore.IdempotencyKey scoped(Caller caller, String within, String key, String sent) {
        String scope = caller.jurisdiction() + "#" + caller.organisation() + "#" + caller.subject() + (within == null ? "" : "#" + within);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(sent.getBytes(StandardCharsets.UTF_8));
            return new RequestStore.IdempotencyKey(scope, key, java.util.HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The {id} path parameter; an id that cannot exist is simply not found. */
    public String requestId() {
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) throw new ProblemException(Problem.notFound());
        return id;
    }

    /** A path parameter other than a request id, as API Gateway decoded it (null when the route has none). */
    public String path(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get(name));
    }

    /** The limit query parameter, 1 to 100; 400 for anything else. */
    public int pageSize(int byDefault) {
        return query("limit").map(text -> {
            try {
                int size = Integer.parseInt(text);
                if (size >= 1 && size <= 100) return size;
            } catch (NumberFormatException ignored) {
                // answered below
            }
            throw badQuery("/limit", "a whole number from 1 to 100");
        }).orElse(byDefault);
    }

    /** A 400 naming the query parameter that is wrong. */
    public static ProblemException badQuery(String parameter, String detail) {
        return new ProblemException(new Problem(400, "/problems/bad-query", "Bad query parameter",
                "Correct the query parameter named in errors.", java.util.List.of(new io.liaison.core.Violation(parameter, detail))));
    }

    public Optional<String> header(String name) {
        if (event.getHeaders() == null) return Optional.empty();
        return event.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body as JSON: 415 unless it is declared JSON, 413 when too large, 400 when it does not parse. */
    public JsonNode jsonBody() {
        String contentType = header("content-type").orElse("").toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!contentType.equals("application/json")) {
            throw new ProblemException(Problem.of(415, "/problems/unsupported-media-type", "Unsupported media type",
                    "Send the body as application/json."));
        }
        byte[] body = bodyBytes();
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(Problem.of(413, "/problems/payload-too-large", "Payload too large",
                    "A body is at most " + MAX_BODY_BYTES + " bytes."));
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new ProblemException(Problem.malformedJson("The body is empty."));
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new ProblemException(Problem.malformedJson("The body nests deeper than " + Json.MAX_NESTING
                    + " levels or has a number longer than " + Json.MAX_NUMBER_LENGTH + " digits."));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.malformedJson(e.getLocation() == null ? "The body does not parse as JSON."
                    : "The body does not parse as JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "."));
        } catch (java.io.IOException e) {
            throw new ProblemException(Problem.malformedJson("The body could not be read."));
        }
        String unpaired = unpairedSurrogate(parsed, "");
        if (unpaired != null) {
            // A lone surrogate (written as a \\uD800 escape) is no Unicode text: the trail's canonical
            // form (RFC 8785) cannot hash it, and no other agency could read it.
            throw new ProblemException(Problem.malformedJson("The body holds an unpaired UTF-16 surrogate at " + unpaired
                    + "; JSON text must be Unicode (RFC 8259, section 8.2)."));
        }
        return parsed;
    }

    /** The JSON pointer of the first name or string holding an unpaired surrogate, or null. */
    private static String unpairedSurrogate(JsonNode node, String pointer) {
        if (node.isTextual()) return hasUnpairedSurrogate(node.textValue()) ? (pointer.isEmpty() ? "/" : pointer) : null;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = unpairedSurrogate(node.get(i), pointer + "/" + i);
                if (found != null) return found;
            }
        }
        if (node.isObject()) {
            for (var field : node.properties()) {
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (hasUnpairedSurrogate(field.getKey())) return at;
                String found = unpairedSurrogate(field.getValue(), at);
                if (found != null) return found;
            }
        }
        return null;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request carries a body at all (an empty one counts as none, as API Gateway passes it). */
    public boolean hasBody() {
        return event.getBody() != null && !event.getBody().isEmpty();
    }

    private byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) return new byte[0];
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.malformedJson("The body is not valid base64."));
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
