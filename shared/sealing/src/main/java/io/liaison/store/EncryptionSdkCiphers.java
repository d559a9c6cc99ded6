package io.liaison.store;

import io.liaison.config.Ciphers;
import io.liaison.config.Environment;
import io.liaison.config.KmsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Base64;

import static io.liaison.config.Wiring.PAYLOAD_BRANCH_KEY_TTL_SECONDS;
import static io.liaison.config.Wiring.PAYLOAD_KEY;
import static io.liaison.config.Wiring.PAYLOAD_KEY_STORE_TABLE;
import static io.liaison.config.Wiring.PAYLOAD_KMS_KEY_ARN;

/**
 * The payload cipher on the Encryption SDK: a raw AES key (PAYLOAD_KEY, local) or the hierarchical
 * keyring over the key store (PAYLOAD_KEY_STORE_TABLE) and the KMS key (PAYLOAD_KMS_KEY_ARN), which
 * makes a KMS call per branch key fetch, not per message (ADR 0021).
 */
public enum EncryptionSdkCiphers implements Ciphers {
    INSTANCE;

    @Override
    public PayloadCipher payloads(Environment env, DynamoDbClient dynamoDb) {
        return env.optional(PAYLOAD_KEY)
                .map(key -> EncryptedPayloads.rawAes(Base64.getDecoder().decode(key)))
                .orElseGet(() -> EncryptedPayloads.hierarchical(env.require(PAYLOAD_KMS_KEY_ARN),
                        env.require(PAYLOAD_KEY_STORE_TABLE), EncryptedPayloads.PAYLOAD_BRANCH_KEY,
                        Long.parseLong(env.optional(PAYLOAD_BRANCH_KEY_TTL_SECONDS).orElse("300")), dynamoDb, KmsClients.kms(env)));
    }
}
