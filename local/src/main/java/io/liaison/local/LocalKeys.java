package io.liaison.local;

import io.liaison.config.Wiring;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The keys that KMS holds on AWS, made locally: a raw AES-256 key for payloads and an HMAC key for
 * pseudonyms. In memory they live as long as the process; with --data-dir they are kept beside the
 * data (owner-readable only), or the stored payloads could not be read after a restart.
 */
final class LocalKeys {
    static final String FILE = "liaison-local-keys.properties";
    static final String DIGEST_SIGNING_KEY = "DIGEST_SIGNING_KEY";
    static final String DIGEST_PUBLIC_KEY = "DIGEST_PUBLIC_KEY";

    private LocalKeys() {}

    static Map<String, String> load(Path dataDir) throws IOException {
        if (dataDir == null) return generate();
        Path file = dataDir.resolve(FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
            if (stored.getProperty(DIGEST_SIGNING_KEY) == null) {
                Map<String, String> digest = digestKeys();
                stored.putAll(digest);
                try (Writer out = Files.newBufferedWriter(file)) {
                    stored.store(out, "Liaison local keys: payload encryption, pseudonyms, digest signing.");
                }
            }
            return Map.of(Wiring.PAYLOAD_KEY, stored.getProperty(Wiring.PAYLOAD_KEY),
                    Wiring.PSEUDONYM_KEY, stored.getProperty(Wiring.PSEUDONYM_KEY),
                    DIGEST_SIGNING_KEY, stored.getProperty(DIGEST_SIGNING_KEY),
                    DIGEST_PUBLIC_KEY, stored.getProperty(DIGEST_PUBLIC_KEY));
        }
        Map<String, String> keys = generate();
        stored.putAll(keys);
        Files.createDirectories(dataDir);
        try (Writer out = Files.newBufferedWriter(file)) {
            stored.store(out, "Liaison local keys: payload encryption and pseudonyms. Losing them makes stored payloads unreadable.");
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return keys;
    }

    private static Map<String, String> generate() {
        SecureRandom random = new SecureRandom();
        byte[] payload = new byte[32];
        byte[] pseudonym = new byte[32];
        random.nextBytes(payload);
        random.nextBytes(pseudonym);
        Map<String, String> keys = new java.util.HashMap<>(digestKeys());
        keys.put(Wiring.PAYLOAD_KEY, Base64.getEncoder().encodeToString(payload));
        keys.put(Wiring.PSEUDONYM_KEY, Base64.getEncoder().encodeToString(pseudonym));
        return Map.copyOf(keys);
    }

    /** An EC P-256 key pair for digests, as KMS would hold an ECC_NIST_P256 key. */
    private static Map<String, String> digestKeys() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.KeyPair pair = generator.generateKeyPair();
            return Map.of(DIGEST_SIGNING_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    DIGEST_PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the digest signing key", e);
        }
    }
}
