package io.liaison.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.core.ChannelService;
import io.liaison.core.DeadlineMonitor;
import io.liaison.core.Directory;
import io.liaison.core.NotificationService;
import io.liaison.core.RequestService;
import io.liaison.core.ResponseService;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.gate.HmacPseudonyms;
import io.liaison.core.gate.Pseudonyms;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.core.gate.PolicyService;
import io.liaison.json.Json;
import io.liaison.store.DynamoChannelStore;
import io.liaison.store.DynamoPolicyStore;
import io.liaison.store.DynamoRequestStore;
import io.liaison.store.DynamoResponseStore;
import io.liaison.store.KmsPseudonyms;
import io.liaison.store.PayloadCipher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** Everything a function needs, built once per container from its environment. */
public record Wiring(RequestService requests, ResponseService responses, PolicyService policies, Directory directory,
                     ChannelService channels, NotificationService notifications, DeadlineMonitor deadlines) {
    /** Base64 of the 256-bit key that pseudonymises third parties' data (local server), or else PSEUDONYM_KMS_KEY_ARN. */
    public static final String PSEUDONYM_KEY = "PSEUDONYM_KEY";
    public static final String PSEUDONYM_KMS_KEY_ARN = "PSEUDONYM_KMS_KEY_ARN";
    /** Base64 of a raw AES-256 key for payloads (local server), or else PAYLOAD_KMS_KEY_ARN. */
    public static final String PAYLOAD_KEY = "PAYLOAD_KEY";
    public static final String PAYLOAD_KMS_KEY_ARN = "PAYLOAD_KMS_KEY_ARN";

    public static Wiring from(Environment env) {
        return from(env, Clients.dynamoDb(env), Clock.tickMillis(ZoneOffset.UTC));
    }

    public static Wiring from(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        ObjectMapper json = Json.MAPPER;
        Directory directory = PolicyFiles.directory(json);
        RoutingPolicy routing = PolicyFiles.routingPolicy(json);
        String table = env.require(Environment.TABLE_NAME);
        var requestStore = new DynamoRequestStore(dynamoDb, table, clock);
        var requests = new RequestService(requestStore, directory, routing, clock, () -> UUID.randomUUID().toString());
        var policies = new PolicyService(new DynamoPolicyStore(dynamoDb, table), PolicyFiles::readReleasePolicy,
                PolicyFiles.releasePolicyDocument(), clock);
        Pseudonyms pseudonyms = pseudonyms(env);
        PayloadCipher cipher = cipher(env);
        var responseStore = new DynamoResponseStore(dynamoDb, table, cipher, clock);
        var responses = new ResponseService(requestStore, responseStore, () -> new ReleaseGate(policies.get(), pseudonyms), clock);
        var channels = new ChannelService(new DynamoChannelStore(dynamoDb, table, cipher), directory, clock);
        return new Wiring(requests, responses, policies, directory, channels, new NotificationService(requestStore, clock),
                new DeadlineMonitor(requestStore, directory, routing));
    }

    /** Base64 PKCS#8 / X.509 of the local digest key pair, or else DIGEST_KMS_KEY_ARN (a KMS ECC_NIST_P256 key). */
    public static final String DIGEST_SIGNING_KEY = "DIGEST_SIGNING_KEY";
    public static final String DIGEST_PUBLIC_KEY = "DIGEST_PUBLIC_KEY";
    public static final String DIGEST_KMS_KEY_ARN = "DIGEST_KMS_KEY_ARN";

    public static io.liaison.audit.DigestSigner digestSigner(Environment env) {
        return env.optional(DIGEST_SIGNING_KEY)
                .map(key -> io.liaison.audit.DigestSigner.local(Base64.getDecoder().decode(key),
                        Base64.getDecoder().decode(env.require(DIGEST_PUBLIC_KEY))))
                .orElseGet(() -> new io.liaison.audit.KmsDigestSigner(Clients.kms(env), env.require(DIGEST_KMS_KEY_ARN)));
    }

    private static Pseudonyms pseudonyms(Environment env) {
        return env.optional(PSEUDONYM_KEY).<Pseudonyms>map(key -> new HmacPseudonyms(Base64.getDecoder().decode(key)))
                .orElseGet(() -> new KmsPseudonyms(Clients.kms(env), env.require(PSEUDONYM_KMS_KEY_ARN)));
    }

    private static PayloadCipher cipher(Environment env) {
        return env.optional(PAYLOAD_KEY)
                .map(key -> io.liaison.store.EncryptedPayloads.rawAes(Base64.getDecoder().decode(key)))
                .orElseGet(() -> io.liaison.store.EncryptedPayloads.kms(env.require(PAYLOAD_KMS_KEY_ARN), Clients.kms(env)));
    }
}
