package io.liaison.store;

import java.util.Map;

/**
 * Encrypts response payloads before they reach the table, and decrypts them for the reads the
 * gate allowed. The context (request id, response number) is bound into the ciphertext, so a
 * payload copied to another item does not decrypt.
 */
public interface PayloadCipher {
    byte[] seal(byte[] plaintext, Map<String, String> context);

    /** Fails with {@link Unreadable} when the ciphertext was altered or belongs to another context. */
    byte[] open(byte[] ciphertext, Map<String, String> context);

    final class Unreadable extends RuntimeException {
        public Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
