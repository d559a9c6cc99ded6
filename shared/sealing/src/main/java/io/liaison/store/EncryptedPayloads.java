package io.liaison.store;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.CryptoResult;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.keystore.KeyStore;
import software.amazon.cryptography.keystore.model.KMSConfiguration;
import software.amazon.cryptography.keystore.model.KeyStoreConfig;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CacheType;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsHierarchicalKeyringInput;
import software.amazon.cryptography.materialproviders.model.DefaultCache;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@link PayloadCipher} on the AWS Encryption SDK: each payload becomes one ESDK message whose
 * data key is wrapped by a keyring (a raw AES-256 key for the local server; on AWS the hierarchical
 * keyring under the payload branch key for payloads and words, the KMS keyring for webhook
 * secrets: ADR 0021), with the caller's context as the message's encryption context.
 *
 * <p>Algorithm suite: the SDK default, {@code AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384},
 * named here so an SDK upgrade cannot change it silently, under the default commitment policy
 * (committing suites required to encrypt and to decrypt). The signature was kept (ADR 0007) so
 * that the tracking function, which may decrypt but not create KMS data keys, could not forge a
 * message. Under a branch key that reason is gone: whoever decrypts the branch key can seal too
 * (ADR 0021). What the signature still does: it covers every byte of the message. The SDK for Java
 * 3.0.2 never compares the sequence numbers stored in the frames with the ones it counts, so in an
 * unsigned message those bytes can change without notice. Cost, measured (docs/performance.md):
 * about 8 ms instead of 0.7 ms for a seal and an open when warm, ~200 bytes per item, 70-110 ms
 * more at cold start.
 *
 * <p>Built once per container; thread-safe (the SDK client and keyrings are).
 */
public final class EncryptedPayloads implements PayloadCipher {
    /** Key provider namespace and key name the local raw AES key is recorded under. */
    public static final String KEY_NAMESPACE = "liaison";
    public static final String KEY_NAME = "local-payload-key";

    /** The key store's logical name, bound into each branch key's encryption context. */
    public static final String LOGICAL_KEY_STORE = "liaison-payload-keys";
    /** The branch key payloads and requests' words are sealed under (created once: {@code BranchKeys}). */
    public static final String PAYLOAD_BRANCH_KEY = "liaison-payloads";

    static final CryptoAlgorithm SUITE = CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384;
    /** The SDK reserves context keys with this prefix (the signing suite stores its public key there). */
    private static final String RESERVED_PREFIX = "aws-crypto-";
    private static final int AES_256_KEY_BYTES = 32;
    private static final Pattern KEY_ARN =
            Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    private final AwsCrypto crypto;
    private final IKeyring keyring;

    private EncryptedPayloads(AwsCrypto crypto, IKeyring keyring) {
        this.crypto = crypto;
        this.keyring = keyring;
    }

    /** Raw AES-256-GCM keyring over a 32-byte key, for the local server and tests. */
    public static PayloadCipher rawAes(byte[] key256) {
        Objects.requireNonNull(key256, "key256");
        if (key256.length != AES_256_KEY_BYTES) {
            throw new IllegalArgumentException("payload key must be 32 bytes, got " + key256.length);
        }
        MaterialProviders materials = materialProviders();
        IKeyring keyring = materials.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
                .keyNamespace(KEY_NAMESPACE)
                .keyName(KEY_NAME)
                .wrappingKey(ByteBuffer.wrap(key256.clone()))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
                .build());
        return new EncryptedPayloads(crypto(materials, SUITE), keyring);
    }

    /**
     * KMS keyring on the given client, so the caller chooses region, credentials and HTTP client.
     * Building it makes no call to KMS; each seal calls GenerateDataKey and each open calls Decrypt.
     *
     * @param keyArn the key's full ARN (a strict keyring: open accepts only data keys of this key)
     */
    public static PayloadCipher kms(String keyArn, KmsClient kms) {
        Objects.requireNonNull(keyArn, "keyArn");
        Objects.requireNonNull(kms, "kms");
        // The keyring would accept an alias or a bare key id and then fail every open: the data
        // keys it finds are recorded under the key's ARN.
        if (!KEY_ARN.matcher(keyArn).matches()) {
            throw new IllegalArgumentException("payload key must be a KMS key ARN: " + keyArn);
        }
        MaterialProviders materials = materialProviders();
        IKeyring keyring = materials.CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder()
                .kmsKeyId(keyArn)
                .kmsClient(kms)
                .build());
        return new EncryptedPayloads(crypto(materials, SUITE), keyring);
    }

    /**
     * The AWS KMS Hierarchical keyring (ADR 0021): each message's data key is wrapped under a key
     * derived from the branch key {@code branchKeyId}, which the key store table holds wrapped by the
     * KMS key. The keyring fetches a branch key version (one GetItem, one kms:Decrypt) the first time
     * a container seals or opens with it and keeps it for {@code ttlSeconds}; every other seal and
     * open makes no AWS call. Building it makes no call either (SnapStart priming builds it).
     *
     * @param keyArn the KMS key that wraps the branch keys (a static key store: only this key)
     */
    public static PayloadCipher hierarchical(String keyArn, String keyStoreTable, String branchKeyId, long ttlSeconds,
                                             DynamoDbClient dynamoDb, KmsClient kms) {
        Objects.requireNonNull(branchKeyId, "branchKeyId");
        if (ttlSeconds < 1) throw new IllegalArgumentException("branch key TTL must be at least 1 s, got " + ttlSeconds);
        MaterialProviders materials = materialProviders();
        IKeyring keyring = materials.CreateAwsKmsHierarchicalKeyring(CreateAwsKmsHierarchicalKeyringInput.builder()
                .keyStore(keyStore(keyArn, keyStoreTable, dynamoDb, kms))
                .branchKeyId(branchKeyId)
                .ttlSeconds(ttlSeconds)
                // One branch key, a handful of versions over its life: the smallest cache the library takes.
                .cache(CacheType.builder().Default(DefaultCache.builder().entryCapacity(10).build()).build())
                .build());
        return new EncryptedPayloads(crypto(materials, SUITE), keyring);
    }

    /** The key store as every user of it names it: the same table, logical name and KMS key. */
    public static KeyStore keyStore(String keyArn, String keyStoreTable, DynamoDbClient dynamoDb, KmsClient kms) {
        Objects.requireNonNull(keyStoreTable, "keyStoreTable");
        if (!KEY_ARN.matcher(Objects.requireNonNull(keyArn, "keyArn")).matches()) {
            throw new IllegalArgumentException("payload key must be a KMS key ARN: " + keyArn);
        }
        return KeyStore.builder().KeyStoreConfig(KeyStoreConfig.builder()
                .ddbTableName(keyStoreTable)
                // Bound into every branch key's KMS encryption context: a restored or renamed table keeps it.
                .logicalKeyStoreName(LOGICAL_KEY_STORE)
                .kmsConfiguration(KMSConfiguration.builder().kmsKeyArn(keyArn).build())
                .ddbClient(dynamoDb)
                .kmsClient(kms)
                .build()).build();
    }

    /** Package-private so a measurement can compare suites; the factories use {@link #SUITE}. */
    static AwsCrypto crypto(MaterialProviders materials, CryptoAlgorithm suite) {
        return AwsCrypto.builder()
                .withMaterialProviders(materials)
                .withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt)
                .withEncryptionAlgorithm(suite)
                // We write exactly one data key; refusing more bounds the work a forged header can cause.
                .withMaxEncryptedDataKeys(1)
                .build();
    }

    private static MaterialProviders materialProviders() {
        return MaterialProviders.builder()
                .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
                .build();
    }

    @Override
    public byte[] seal(byte[] plaintext, Map<String, String> context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Map<String, String> bound = checked(context);
        try {
            return crypto.encryptData(keyring, plaintext, bound).getResult();
        } catch (RuntimeException e) {
            // Keep the SDK's types inside this adapter; the cause stays attached for the logs.
            throw new IllegalStateException("payload could not be sealed", e);
        }
    }

    @Override
    public byte[] open(byte[] ciphertext, Map<String, String> context) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Map<String, String> expected = checked(context);
        CryptoResult<byte[], ?> result;
        try {
            // Given the expected context, the SDK refuses an entry that differs or is absent from
            // the message; the comparison below also refuses one the caller does not expect.
            result = crypto.decryptData(keyring, ciphertext, expected);
        } catch (RuntimeException e) {
            throw new Unreadable("payload could not be decrypted", e);
        }
        Optional<String> mismatch = contextMismatch(expected, result.getEncryptionContext());
        if (mismatch.isPresent()) {
            throw new Unreadable("payload belongs to another context: " + mismatch.get(), null);
        }
        return result.getResult();
    }

    /**
     * Compares the context the caller expects with the one stored in the message (the SDK's own
     * {@code aws-crypto-} entries set aside). Names the first differing key, never a value.
     */
    static Optional<String> contextMismatch(Map<String, String> expected, Map<String, String> stored) {
        Map<String, String> found = new TreeMap<>();
        stored.forEach((key, value) -> {
            if (!key.startsWith(RESERVED_PREFIX)) found.put(key, value);
        });
        for (Map.Entry<String, String> entry : new TreeMap<>(expected).entrySet()) {
            String value = found.get(entry.getKey());
            if (value == null) return Optional.of("'" + entry.getKey() + "' is missing");
            if (!value.equals(entry.getValue())) return Optional.of("'" + entry.getKey() + "' differs");
        }
        for (String key : found.keySet()) {
            if (!expected.containsKey(key)) return Optional.of("'" + key + "' was not expected");
        }
        return Optional.empty();
    }

    private static Map<String, String> checked(Map<String, String> context) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(context, "context"));
        for (String key : copy.keySet()) {
            if (key.startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("context key is reserved by the encryption SDK: " + key);
            }
        }
        return copy;
    }
}
