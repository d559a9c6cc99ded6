package io.liaison.local;

import io.liaison.store.BranchKeys;
import io.liaison.store.EncryptedPayloads;
import io.liaison.store.PayloadCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hierarchical keyring against the key store of template.yaml (in DynamoDB Local) and LocalKms
 * (ADR 0021): a branch key fetched once serves every seal and open of a container.
 */
class BranchKeyTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:000000000000:key/local-payload-key";
    private static final Map<String, String> CONTEXT = Map.of("requestId", "r-1", "part", "request");
    private static LocalBroker broker;
    private static LocalKms kms;

    @BeforeAll
    static void start() {
        broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(0, 0));
        try {
            kms = LocalKms.start("127.0.0.1", 0, KEY_ARN, new byte[32], Map.of(
                    "TrackingFunction", Set.of("kms:Decrypt"), "RouterFunction", Set.of()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        boolean created = BranchKeys.ensure(EncryptedPayloads.keyStore(KEY_ARN, broker.keyStoreTableName(), broker.dynamoDb(),
                client(LocalKms.ADMIN, new CopyOnWriteArrayList<>())), broker.dynamoDb(), broker.keyStoreTableName());
        assertThat(created).isTrue();
    }

    @AfterAll
    static void stop() {
        kms.close();
        broker.close();
    }

    @Test
    void oneDecryptOfTheBranchKey_servesEverySealAndOpenWithinTheTtl() {
        List<String> calls = new CopyOnWriteArrayList<>();
        PayloadCipher cipher = cipher("TrackingFunction", calls);

        for (int i = 0; i < 20; i++) {
            byte[] sealed = cipher.seal(("words " + i).getBytes(StandardCharsets.UTF_8), CONTEXT);
            assertThat(cipher.open(sealed, CONTEXT)).asString(StandardCharsets.UTF_8).isEqualTo("words " + i);
        }

        // The active version to seal, the same version named by each message to open: two fetches at most.
        assertThat(calls).containsOnly("Decrypt").hasSizeBetween(1, 2);
    }

    @Test
    void whoMayDecryptTheBranchKey_mayAlsoSeal_soOnlyTheSealingAndOpeningFunctionsReadTheKeyStore() {
        // ADR 0021: under a branch key, kms:Decrypt alone seals too; the signature no longer keeps an opener from sealing.
        byte[] sealed = cipher("TrackingFunction", new CopyOnWriteArrayList<>()).seal("forged?".getBytes(StandardCharsets.UTF_8), CONTEXT);

        assertThat(cipher("TrackingFunction", new CopyOnWriteArrayList<>()).open(sealed, CONTEXT)).isNotEmpty();
        assertThatThrownBy(() -> cipher("RouterFunction", new CopyOnWriteArrayList<>()).open(sealed, CONTEXT))
                .isInstanceOf(PayloadCipher.Unreadable.class).hasStackTraceContaining("not authorized to perform: kms:Decrypt");
    }

    @Test
    void creatingTheBranchKeyAgain_changesNothing() {
        assertThat(BranchKeys.ensure(EncryptedPayloads.keyStore(KEY_ARN, broker.keyStoreTableName(), broker.dynamoDb(),
                client(LocalKms.ADMIN, new CopyOnWriteArrayList<>())), broker.dynamoDb(), broker.keyStoreTableName())).isFalse();
    }

    @Test
    void aMessageSealedBeforeARotation_stillOpens() {
        PayloadCipher before = cipher("TrackingFunction", new CopyOnWriteArrayList<>());
        byte[] sealed = before.seal("kept".getBytes(StandardCharsets.UTF_8), CONTEXT);

        BranchKeys.rotate(EncryptedPayloads.keyStore(KEY_ARN, broker.keyStoreTableName(), broker.dynamoDb(),
                client(LocalKms.ADMIN, new CopyOnWriteArrayList<>())));

        assertThat(cipher("TrackingFunction", new CopyOnWriteArrayList<>()).open(sealed, CONTEXT)).asString(StandardCharsets.UTF_8)
                .isEqualTo("kept");
    }

    private static PayloadCipher cipher(String function, List<String> calls) {
        return EncryptedPayloads.hierarchical(KEY_ARN, broker.keyStoreTableName(), EncryptedPayloads.PAYLOAD_BRANCH_KEY, 300,
                broker.dynamoDb(), client(function, calls));
    }

    private static KmsClient client(String function, List<String> calls) {
        return KmsClient.builder().region(Region.EU_CENTRAL_1).endpointOverride(URI.create(kms.endpoint(function)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
    }
}
