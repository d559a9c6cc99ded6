package io.liaison.config;

import io.liaison.store.PayloadCipher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where a function's payload cipher comes from: the seam that keeps the Encryption SDK out of the
 * adapters. The functions that seal or open payloads, reasons and requests' words (intake,
 * casework, tracking, review) pass {@code EncryptionSdkCiphers.INSTANCE} from liaison-sealing;
 * every other function passes {@link #NONE} and ships no encryption library (ADR 0024).
 */
@FunctionalInterface
public interface Ciphers {
    /**
     * The cipher of payloads and words, built once per container at the first seal or open (or at
     * priming). Reads what it needs from {@code env}; the key store, if any, through {@code dynamoDb}.
     */
    PayloadCipher payloads(Environment env, DynamoDbClient dynamoDb);

    /** For a function that never seals or opens: fails loudly at the first attempt, so a missed case is a bug, not a leak. */
    Ciphers NONE = (env, dynamoDb) -> {
        throw new IllegalStateException("this function does not seal or open payloads (Wiring.from(env, Ciphers) for one that does)");
    };
}
