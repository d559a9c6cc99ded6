package io.liaison.local;

import io.liaison.store.PayloadCipher;
import io.liaison.store.WebhookSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stand-in for PayloadKey: webhook secrets are sealed and opened on it as on KMS, and it keeps each function to its grants. */
class LocalKmsTest {
    private static final String KEY_ARN = "arn:aws:kms:eu-central-1:000000000000:key/local-payload-key";
    private static final Map<String, String> CONTEXT = Map.of("purpose", "webhook-secret", "recipient", "CP#nl-police");
    private static LocalKms kms;

    @BeforeAll
    static void start() throws Exception {
        kms = LocalKms.start("127.0.0.1", 0, KEY_ARN, new byte[32], Map.of(
                "PolicyFunction", Set.of("kms:Encrypt"),
                "NotifierFunction", Set.of("kms:Decrypt"),
                "IntakeFunction", Set.of("kms:GenerateDataKey", "kms:Decrypt"),
                "RouterFunction", Set.of()));
    }

    @AfterAll
    static void stop() {
        kms.close();
    }

    @Test
    void aSecretThePolicyFunctionSealed_opensForTheNotifier_underItsContextOnly() {
        byte[] sealed = secrets("PolicyFunction").seal("whsec_c2VjcmV0".getBytes(StandardCharsets.UTF_8), CONTEXT);
        PayloadCipher notifier = secrets("NotifierFunction");

        assertThat(notifier.open(sealed, CONTEXT)).asString(StandardCharsets.UTF_8).isEqualTo("whsec_c2VjcmV0");
        assertThatThrownBy(() -> notifier.open(sealed, Map.of("purpose", "webhook-secret", "recipient", "CP#de-bka")))
                .isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void theNotifier_cannotSeal_andThePolicyFunction_cannotOpen() {
        byte[] sealed = secrets("PolicyFunction").seal("whsec_c2VjcmV0".getBytes(StandardCharsets.UTF_8), CONTEXT);

        assertThatThrownBy(() -> secrets("NotifierFunction").seal(new byte[1], CONTEXT))
                .hasStackTraceContaining("not authorized to perform: kms:Encrypt");
        assertThatThrownBy(() -> secrets("PolicyFunction").open(sealed, CONTEXT))
                .hasStackTraceContaining("not authorized to perform: kms:Decrypt");
    }

    @Test
    void aFunctionWithoutAGrant_cannotOpenASecret() {
        byte[] sealed = secrets("PolicyFunction").seal("whsec_c2VjcmV0".getBytes(StandardCharsets.UTF_8), CONTEXT);

        assertThatThrownBy(() -> secrets("RouterFunction").open(sealed, CONTEXT))
                .hasStackTraceContaining("not authorized to perform: kms:Decrypt");
    }

    @Test
    void aWrappedDataKey_doesNotUnwrapUnderAnotherContext() {
        KmsClient client = client("IntakeFunction");
        var generated = client.generateDataKey(g -> g.keyId(KEY_ARN).numberOfBytes(32).encryptionContext(CONTEXT));

        assertThatThrownBy(() -> client.decrypt(d -> d.keyId(KEY_ARN).ciphertextBlob(generated.ciphertextBlob())
                .encryptionContext(Map.of("requestId", "r-2", "part", "request"))))
                .isInstanceOf(InvalidCiphertextException.class);
        assertThat(client.decrypt(d -> d.keyId(KEY_ARN).ciphertextBlob(generated.ciphertextBlob()).encryptionContext(CONTEXT))
                .plaintext()).isEqualTo(generated.plaintext());
    }

    @Test
    void anotherKey_isNotFound() {
        assertThatThrownBy(() -> client("IntakeFunction").decrypt(d -> d.keyId(KEY_ARN.replace("local-payload-key", "other"))
                .ciphertextBlob(SdkBytes.fromByteArray(new byte[40]))))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theGrants_areWhatTemplateYamlAllowsEachFunctionOnPayloadKey() {
        Map<String, Set<String>> grants = LocalKms.grants(Template.read(Template.locate(Path.of(""))), "PayloadKey");

        // Intake seals under the branch key (ADR 0021): it decrypts the branch key, it makes no data keys.
        assertThat(grants.get("IntakeFunction")).containsExactly("kms:Decrypt");
        // The policy function seals webhook secrets with KMS itself (ADR 0024): no data keys, no opening.
        assertThat(grants.get("PolicyFunction")).containsExactly("kms:Encrypt");
        assertThat(grants.get("NotifierFunction")).containsExactly("kms:Decrypt");
        assertThat(grants.get("RouterFunction")).isEmpty();
        assertThat(grants.get("TrackingFunction")).contains("kms:Decrypt").doesNotContain("kms:GenerateDataKey");
    }

    private static PayloadCipher secrets(String function) {
        return WebhookSecrets.kms(client(function), KEY_ARN);
    }

    private static KmsClient client(String function) {
        return io.liaison.config.KmsClients.kms(new io.liaison.config.Environment(Map.of("AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_KMS", kms.endpoint(function))));
    }
}
