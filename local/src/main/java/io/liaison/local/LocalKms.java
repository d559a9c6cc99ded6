package io.liaison.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.liaison.json.Json;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * PayloadKey as KMS holds it on AWS, for the calls Liaison makes: Encrypt and Decrypt (webhook
 * secrets, ADR 0024), GenerateDataKey and Decrypt (the Encryption SDK's KMS keyring), Decrypt of a
 * branch key (the hierarchical keyring), GenerateDataKeyWithoutPlaintext and ReEncrypt (creating a branch key, by
 * {@link #ADMIN}, the key store's administrator). Each function reaches it at its own path ({@code /IntakeFunction}),
 * which stands in for the function's role: a call the template's policy does not allow that function
 * is refused with AccessDeniedException, as IAM would. So the local server proves, call by call,
 * that only the functions granted the key ever open what people wrote; and the benchmark sees every
 * KMS request a lifecycle makes (each is priced).
 *
 * <p>A data key is wrapped with AES-256-GCM under the local payload key, the encryption context
 * bound as associated data, as KMS binds it: a wrapped key opened under another context fails.
 */
public final class LocalKms implements AutoCloseable {
    private static final String PREFIX = "TrentService.";
    /** The principal that creates branch keys: the operator, not a function. */
    public static final String ADMIN = "KeyStoreAdmin";
    static final Set<String> ADMIN_ACTIONS = Set.of("kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt");
    private static final int IV_BYTES = 12;
    /** KMS encrypts at most 4 KB of plaintext directly. */
    private static final int ENCRYPT_LIMIT = 4096;

    private final HttpServer server;
    private final String keyArn;
    private final SecretKeySpec key;
    private final Map<String, Set<String>> grants;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param grants per function, the KMS actions its policy allows on this key ("kms:Decrypt", ...)
     */
    private LocalKms(InetSocketAddress address, String keyArn, byte[] key, Map<String, Set<String>> grants) throws IOException {
        this.keyArn = keyArn;
        this.key = new SecretKeySpec(key.clone(), "AES");
        Map<String, Set<String>> all = new TreeMap<>(grants);
        all.put(ADMIN, ADMIN_ACTIONS);
        this.grants = Map.copyOf(all);
        server = HttpServer.create(address, 16);
        server.createContext("/", this::exchange);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4,
                Thread.ofPlatform().name("local-kms-", 0).daemon(true).factory()));
    }

    public static LocalKms start(String host, int port, String keyArn, byte[] key, Map<String, Set<String>> grants) throws IOException {
        LocalKms kms = new LocalKms(new InetSocketAddress(host, port), keyArn, key, grants);
        kms.server.start();
        return kms;
    }

    /** The endpoint one function's KMS client is given. */
    public String endpoint(String function) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/" + function;
    }

    public String keyArn() {
        return keyArn;
    }

    /** What template.yaml allows each function to do with {@code keyLogicalId}: its kms: actions on the key's Arn. */
    static Map<String, Set<String>> grants(Template template, String keyLogicalId) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (Template.Function function : template.functions()) {
            Set<String> actions = new java.util.TreeSet<>();
            for (Object policy : list(function.properties().get("Policies"))) {
                if (!(policy instanceof Map<?, ?> document)) continue;
                for (Object s : list(document.get("Statement"))) {
                    if (!(s instanceof Map<?, ?> statement) || !"Allow".equals(statement.get("Effect"))) continue;
                    boolean onKey = list(statement.get("Resource")).stream().anyMatch(r -> r instanceof Map<?, ?> m
                            && m.get("Fn::GetAtt") instanceof List<?> parts && keyLogicalId.equals(String.valueOf(parts.get(0))));
                    if (onKey) list(statement.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
                }
            }
            grants.put(function.logicalId(), Set.copyOf(actions));
        }
        return grants;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String function = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "");
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
            if (!target.startsWith(PREFIX)) {
                reply(exchange, 400, error("UnknownOperationException", "not a KMS call: " + target));
                return;
            }
            String operation = target.substring(PREFIX.length());
            if (!grants.getOrDefault(function, Set.of()).contains("kms:" + operation)) {
                reply(exchange, 400, error("AccessDeniedException", "User: " + function + " is not authorized to perform: kms:"
                        + operation + " on resource: " + keyArn + " because no identity-based policy allows the kms:"
                        + operation + " action"));
                return;
            }
            String requested = body.path("KeyId").asText(body.path("DestinationKeyId").asText(keyArn));
            if (!requested.equals(keyArn)) {
                reply(exchange, 400, error("NotFoundException", "Key '" + requested + "' does not exist"));
                return;
            }
            byte[] context = context(body.path("EncryptionContext"));
            switch (operation) {
                case "GenerateDataKey" -> {
                    byte[] dataKey = new byte[body.path("NumberOfBytes").asInt(32)];
                    random.nextBytes(dataKey);
                    ObjectNode out = Json.MAPPER.createObjectNode().put("KeyId", keyArn)
                            .put("Plaintext", Base64.getEncoder().encodeToString(dataKey))
                            .put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(dataKey, context)));
                    reply(exchange, 200, out);
                }
                // A secret sealed by KMS itself: the same wrapping as a data key's, so Decrypt opens both.
                case "Encrypt" -> {
                    byte[] plaintext = Base64.getDecoder().decode(body.path("Plaintext").asText());
                    if (plaintext.length == 0 || plaintext.length > ENCRYPT_LIMIT) {
                        reply(exchange, 400, error("ValidationException", "Plaintext must be 1 to 4096 bytes"));
                        return;
                    }
                    reply(exchange, 200, Json.MAPPER.createObjectNode().put("KeyId", keyArn)
                            .put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(plaintext, context)))
                            .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
                }
                case "Decrypt" -> {
                    byte[] dataKey;
                    try {
                        dataKey = unwrap(Base64.getDecoder().decode(body.path("CiphertextBlob").asText()), context);
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        reply(exchange, 400, error("InvalidCiphertextException", "the ciphertext or its context does not match"));
                        return;
                    }
                    reply(exchange, 200, Json.MAPPER.createObjectNode().put("KeyId", keyArn)
                            .put("Plaintext", Base64.getEncoder().encodeToString(dataKey))
                            .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
                }
                // The key store's administrator creates and versions branch keys with these two (ADR 0021).
                case "GenerateDataKeyWithoutPlaintext" -> {
                    byte[] dataKey = new byte[body.path("NumberOfBytes").asInt(32)];
                    random.nextBytes(dataKey);
                    reply(exchange, 200, Json.MAPPER.createObjectNode().put("KeyId", keyArn)
                            .put("CiphertextBlob", Base64.getEncoder().encodeToString(wrap(dataKey, context))));
                }
                case "ReEncrypt" -> {
                    byte[] dataKey;
                    try {
                        dataKey = unwrap(Base64.getDecoder().decode(body.path("CiphertextBlob").asText()),
                                context(body.path("SourceEncryptionContext")));
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        reply(exchange, 400, error("InvalidCiphertextException", "the ciphertext or its context does not match"));
                        return;
                    }
                    reply(exchange, 200, Json.MAPPER.createObjectNode().put("KeyId", keyArn).put("SourceKeyId", keyArn)
                            .put("CiphertextBlob", Base64.getEncoder().encodeToString(
                                    wrap(dataKey, context(body.path("DestinationEncryptionContext")))))
                            .put("SourceEncryptionAlgorithm", "SYMMETRIC_DEFAULT")
                            .put("DestinationEncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
                }
                default -> reply(exchange, 400, error("UnsupportedOperationException", operation + " is not offered locally"));
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, error("KMSInternalException", e.toString()));
        }
    }

    /** The context in a canonical order, so that the same pairs give the same associated data. */
    private static byte[] context(JsonNode context) {
        Map<String, String> sorted = new TreeMap<>();
        context.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        try {
            return Json.MAPPER.writeValueAsBytes(sorted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(byte[] dataKey, byte[] context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(dataKey);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] unwrap(byte[] blob, byte[] context) throws GeneralSecurityException {
        if (blob.length <= IV_BYTES) throw new GeneralSecurityException("too short");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, blob, 0, IV_BYTES));
        cipher.updateAAD(context);
        return cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
    }

    private static ObjectNode error(String type, String message) {
        return Json.MAPPER.createObjectNode().put("__type", type).put("message", message);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        if (status != 200) exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : new ArrayList<>(List.of(value));
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) pool.shutdownNow();
    }
}
