package io.liaison.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.ChannelService;
import io.liaison.core.DeadlineMonitor;
import io.liaison.core.Directory;
import io.liaison.core.NotificationService;
import io.liaison.core.RequestService;
import io.liaison.core.ResponseService;
import io.liaison.core.gate.HmacPseudonyms;
import io.liaison.core.gate.Pseudonyms;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.core.gate.PolicyService;
import io.liaison.core.webhook.Reach;
import io.liaison.json.Json;
import io.liaison.core.RequestStore;
import io.liaison.ops.ObservedRequests;
import io.liaison.ops.ObservedResponses;
import io.liaison.store.DynamoChannelStore;
import io.liaison.store.DynamoPolicyStore;
import io.liaison.store.DynamoRequestStore;
import io.liaison.store.DynamoResponseStore;
import io.liaison.store.KmsPseudonyms;
import io.liaison.store.PayloadCipher;
import io.liaison.store.WebhookSecrets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything a function needs, built once per container from its environment. Each service is
 * built when a function first asks for it, so that a function pays at cold start only for what it
 * uses; the environment is checked at once, so that a function missing a variable fails at start,
 * not at its first request. The payload cipher comes through {@link Ciphers}: only the functions
 * that seal or open payloads and words pass one in (and ship the Encryption SDK, ADR 0024).
 */
public final class Wiring {
    /** Base64 of the 256-bit key that pseudonymises third parties' data (local server), or else PSEUDONYM_KMS_KEY_ARN. */
    public static final String PSEUDONYM_KEY = "PSEUDONYM_KEY";
    public static final String PSEUDONYM_KMS_KEY_ARN = "PSEUDONYM_KMS_KEY_ARN";
    /** Base64 of a raw AES-256 key for payloads (local server), or else PAYLOAD_KMS_KEY_ARN. */
    public static final String PAYLOAD_KEY = "PAYLOAD_KEY";
    public static final String PAYLOAD_KMS_KEY_ARN = "PAYLOAD_KMS_KEY_ARN";
    /** The key store table of the hierarchical keyring (ADR 0021): with PAYLOAD_KMS_KEY_ARN, on AWS. */
    public static final String PAYLOAD_KEY_STORE_TABLE = "PAYLOAD_KEY_STORE_TABLE";
    /** How long a container keeps a branch key before fetching it again (one kms:Decrypt); default 300. */
    public static final String PAYLOAD_BRANCH_KEY_TTL_SECONDS = "PAYLOAD_BRANCH_KEY_TTL_SECONDS";
    /**
     * "true" lets webhooks point at this host's loopback interface, plain http included: the local
     * server sets it for its listener and the tests' receivers. template.yaml never sets it (WiringTest).
     */
    public static final String WEBHOOK_ALLOW_LOOPBACK = "WEBHOOK_ALLOW_LOOPBACK";

    private final Once<RequestService> requests;
    private final Once<ResponseService> responses;
    private final Once<PolicyService> policies;
    private final Once<Directory> directory;
    private final Once<io.liaison.network.StoredNetwork> network;
    private final Once<io.liaison.network.NetworkService> networkService;
    private final Once<ChannelService> channels;
    private final Once<NotificationService> notifications;
    private final Once<DeadlineMonitor> deadlines;
    private final Once<PayloadCipher> sealing;
    private final java.util.function.Supplier<Directory> current;

    /** Ready-made services (tests). */
    public Wiring(RequestService requests, ResponseService responses, PolicyService policies, Directory directory,
                  ChannelService channels, NotificationService notifications, DeadlineMonitor deadlines) {
        this.requests = Once.of(() -> requests);
        this.responses = Once.of(() -> responses);
        this.policies = Once.of(() -> policies);
        this.directory = Once.of(() -> directory);
        this.channels = Once.of(() -> channels);
        this.notifications = Once.of(() -> notifications);
        this.deadlines = Once.of(() -> deadlines);
        this.sealing = Once.of(() -> null);
        this.network = Once.of(() -> null);
        this.networkService = Once.of(() -> null);
        this.current = () -> directory;
    }

    private Wiring(Environment env, Ciphers ciphers, DynamoDbClient dynamoDb, Clock clock) {
        String table = env.require(Environment.TABLE_NAME);
        // The key variables are checked now; the keys, KMS clients and Encryption SDK come with first use.
        if (env.optional(PSEUDONYM_KEY).isEmpty()) env.require(PSEUDONYM_KMS_KEY_ARN);
        if (env.optional(PAYLOAD_KEY).isEmpty()) env.require(PAYLOAD_KMS_KEY_ARN);
        if (env.optional(PAYLOAD_KEY).isEmpty()) env.require(PAYLOAD_KEY_STORE_TABLE);
        Reach reach = webhookReach(env);
        ObjectMapper json = Json.MAPPER;
        // The directory and the rules are the revisions of their trails in the table (ADR 0019); the
        // packaged files are revision 1 until the directory function stores them.
        network = Once.of(() -> new io.liaison.network.StoredNetwork(new io.liaison.store.DynamoNetworkStore(dynamoDb, table),
                PolicyFiles.directory(json), PolicyFiles.routingPolicyDocument(), clock));
        directory = Once.of(() -> null); // always read through the network: see directory()
        current = () -> network.get().at(clock.instant()).directory();
        networkService = Once.of(() -> new io.liaison.network.NetworkService(new io.liaison.store.DynamoNetworkStore(dynamoDb, table),
                network.get(), clock, () -> UUID.randomUUID().toString()));
        // Built at the first seal or open: a response list with nothing released never loads the
        // Encryption SDK; a function wired with Ciphers.NONE fails here if it ever tries.
        sealing = Once.of(() -> ciphers.payloads(env, dynamoDb));
        PayloadCipher cipher = new PayloadCipher() {
            @Override
            public byte[] seal(byte[] plaintext, Map<String, String> context) {
                return sealing.get().seal(plaintext, context);
            }

            @Override
            public byte[] open(byte[] ciphertext, Map<String, String> context) {
                return sealing.get().open(ciphertext, context);
            }
        };
        // The words people write on requests are sealed with the payload cipher: only a function
        // that seals or opens them (intake, casework, tracking, review) loads the Encryption SDK.
        Once<DynamoRequestStore> requestStore = Once.of(() -> new DynamoRequestStore(dynamoDb, table, clock, cipher));
        // What the services write is also told to the invocation's log line and metrics (io.liaison.ops).
        Once<RequestStore> observed = Once.of(() -> new ObservedRequests(requestStore.get()));
        requests = Once.of(() -> new RequestService(observed.get(), network.get(), clock,
                () -> UUID.randomUUID().toString()));
        policies = Once.of(() -> new PolicyService(new DynamoPolicyStore(dynamoDb, table), PolicyFiles::readReleasePolicy,
                PolicyFiles.releasePolicyDocument(), clock));
        responses = Once.of(() -> {
            Pseudonyms pseudonyms = pseudonyms(env);
            PolicyService policyService = policies.get();
            return new ResponseService(observed.get(), new ObservedResponses(new DynamoResponseStore(dynamoDb, table, requestStore.get(), cipher, clock)),
                    () -> new ReleaseGate(policyService.get(), pseudonyms), clock);
        });
        // Webhook secrets are sealed by KMS itself (ADR 0024): the policy function seals them without
        // holding the branch key (which would let it open every payload), the notifier opens one per delivery.
        Once<PayloadCipher> secrets = Once.of(() -> secretCipher(env));
        PayloadCipher secretCipher = new PayloadCipher() {
            @Override
            public byte[] seal(byte[] plaintext, Map<String, String> context) {
                return secrets.get().seal(plaintext, context);
            }

            @Override
            public byte[] open(byte[] ciphertext, Map<String, String> context) {
                return secrets.get().open(ciphertext, context);
            }
        };
        channels = Once.of(() -> new ChannelService(new DynamoChannelStore(dynamoDb, table, secretCipher),
                current, clock, reach));
        notifications = Once.of(() -> new NotificationService(observed.get(), clock));
        deadlines = Once.of(() -> new DeadlineMonitor(observed.get(), network.get()));
    }

    /**
     * Where webhooks may point, read by the function that registers them and the one that sends to
     * them, so that the two agree. Anything but absent, "true" or "false" fails at start.
     */
    public static Reach webhookReach(Environment env) {
        return switch (env.optional(WEBHOOK_ALLOW_LOOPBACK).orElse("false")) {
            case "true" -> Reach.PUBLIC_AND_LOOPBACK;
            case "false" -> Reach.PUBLIC;
            default -> throw new IllegalStateException("environment variable " + WEBHOOK_ALLOW_LOOPBACK + " is true or false");
        };
    }

    /** A function that never seals or opens payloads or words. */
    public static Wiring from(Environment env) {
        return from(env, Ciphers.NONE);
    }

    /** A function that seals or opens them, with its cipher ({@code EncryptionSdkCiphers.INSTANCE}). */
    public static Wiring from(Environment env, Ciphers ciphers) {
        return from(env, ciphers, Clients.dynamoDb(env), Clock.tickMillis(ZoneOffset.UTC));
    }

    public static Wiring from(Environment env, Ciphers ciphers, DynamoDbClient dynamoDb, Clock clock) {
        return new Wiring(env, ciphers, dynamoDb, clock);
    }

    public RequestService requests() {
        return requests.get();
    }

    public ResponseService responses() {
        return responses.get();
    }

    public PolicyService policies() {
        return policies.get();
    }

    /** The directory as it stands now (a few seconds old at most): for names and addresses, never for a routing decision. */
    public Directory directory() {
        Directory fixed = directory.get();
        return fixed != null ? fixed : network.get().recent().directory();
    }

    /** The directory in force now, after one consistent read of the trail's head: where notices go, and whom they name. */
    public Directory currentDirectory() {
        return current.get();
    }

    /** The directory and routing rules as the trails hold them. */
    public io.liaison.network.StoredNetwork network() {
        return network.get();
    }

    public io.liaison.network.NetworkService networkService() {
        return networkService.get();
    }

    public ChannelService channels() {
        return channels.get();
    }

    public NotificationService notifications() {
        return notifications.get();
    }

    /**
     * Builds the payload cipher (keyring, materials manager: most of the Encryption SDK's classes)
     * without sealing anything: priming before a SnapStart snapshot. A seal would draw a data key, an
     * IV and a signing key pair from the random generator, and nothing random may be made before a
     * snapshot that many copies are restored from.
     */
    public void prepareSealing() {
        sealing.get();
    }

    public DeadlineMonitor deadlines() {
        return deadlines.get();
    }

    /** A value built by its first reader; concurrent first readers (the local server) build it once. */
    private static final class Once<T> {
        private final Supplier<T> build;
        private volatile T value;

        private Once(Supplier<T> build) {
            this.build = build;
        }

        static <T> Once<T> of(Supplier<T> build) {
            return new Once<>(build);
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) value = v = build.get();
                }
            }
            return v;
        }
    }

    /** Base64 PKCS#8 / X.509 of the local digest key pair, or else DIGEST_KMS_KEY_ARN (a KMS ECC_NIST_P256 key). */
    public static final String DIGEST_SIGNING_KEY = "DIGEST_SIGNING_KEY";
    public static final String DIGEST_PUBLIC_KEY = "DIGEST_PUBLIC_KEY";
    public static final String DIGEST_KMS_KEY_ARN = "DIGEST_KMS_KEY_ARN";

    public static io.liaison.audit.DigestSigner digestSigner(Environment env) {
        return env.optional(DIGEST_SIGNING_KEY)
                .map(key -> io.liaison.audit.DigestSigner.local(Base64.getDecoder().decode(key),
                        Base64.getDecoder().decode(env.require(DIGEST_PUBLIC_KEY))))
                .orElseGet(() -> new io.liaison.audit.KmsDigestSigner(KmsClients.kms(env), env.require(DIGEST_KMS_KEY_ARN)));
    }

    private static Pseudonyms pseudonyms(Environment env) {
        return env.optional(PSEUDONYM_KEY).<Pseudonyms>map(key -> new HmacPseudonyms(Base64.getDecoder().decode(key)))
                .orElseGet(() -> new KmsPseudonyms(KmsClients.kms(env), env.require(PSEUDONYM_KMS_KEY_ARN)));
    }

    /** The cipher of webhook secrets: AES-GCM under the raw key locally, else KMS Encrypt and Decrypt (a KMS call per message). */
    public static PayloadCipher secretCipher(Environment env) {
        return env.optional(PAYLOAD_KEY)
                .map(key -> WebhookSecrets.local(Base64.getDecoder().decode(key)))
                .orElseGet(() -> WebhookSecrets.kms(KmsClients.kms(env), env.require(PAYLOAD_KMS_KEY_ARN)));
    }
}
