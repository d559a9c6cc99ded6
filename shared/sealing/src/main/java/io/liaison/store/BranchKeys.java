package io.liaison.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.cryptography.keystore.KeyStore;
import software.amazon.cryptography.keystore.model.CreateKeyInput;
import software.amazon.cryptography.keystore.model.VersionKeyInput;

import java.util.Map;

/**
 * Creates and rotates the payload branch key in the key store (ADR 0021). Creating needs
 * kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt on the payload key and a write to the key
 * store, which no broker function is given. On AWS the stack's custom resource (functions/payload-key)
 * runs {@link #ensure} at deploy; the local server runs it at start when it seals through KMS; an
 * operator rotates with {@code liaison-local.jar branch-key --rotate}.
 */
public final class BranchKeys {
    private BranchKeys() {}

    /** Creates {@link EncryptedPayloads#PAYLOAD_BRANCH_KEY} unless it exists; true if it was created. */
    public static boolean ensure(KeyStore keyStore, DynamoDbClient dynamoDb, String keyStoreTable) {
        String id = EncryptedPayloads.PAYLOAD_BRANCH_KEY;
        // The key store's own item for the active version (its documented schema): present once created.
        boolean exists = dynamoDb.getItem(g -> g.tableName(keyStoreTable).consistentRead(true).key(Map.of(
                "branch-key-id", AttributeValue.fromS(id), "type", AttributeValue.fromS("branch:ACTIVE")))).hasItem();
        if (exists) return false;
        // A named branch key needs an encryption context of its own; the library prefixes it (aws-crypto-ec:).
        keyStore.CreateKey(CreateKeyInput.builder().branchKeyIdentifier(id)
                .encryptionContext(Map.of("purpose", "payloads")).build());
        return true;
    }

    /** A new active version; messages sealed under earlier versions still open (their versions are kept). */
    public static void rotate(KeyStore keyStore) {
        keyStore.VersionKey(VersionKeyInput.builder().branchKeyIdentifier(EncryptedPayloads.PAYLOAD_BRANCH_KEY).build());
    }
}
