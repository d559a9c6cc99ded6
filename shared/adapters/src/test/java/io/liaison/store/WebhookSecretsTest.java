package io.liaison.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook secrets on the local server: AES-GCM under the raw payload key, the recipient's context bound. (The KMS form: LocalKmsTest.) */
class WebhookSecretsTest {
    private static final Map<String, String> CONTEXT = Map.of("purpose", "webhook-secret", "recipient", "CP#nl-police");
    private final PayloadCipher secrets = WebhookSecrets.local(new byte[32]);

    @Test
    void open_returnsTheSecret_sealedForTheSameRecipient() {
        byte[] sealed = secrets.seal(bytes("whsec_c2VjcmV0"), CONTEXT);

        assertThat(new String(secrets.open(sealed, CONTEXT), StandardCharsets.UTF_8)).isEqualTo("whsec_c2VjcmV0");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("whsec_");
    }

    @Test
    void open_refuses_whenTheSecretWasCopiedToAnotherRecipient() {
        byte[] sealed = secrets.seal(bytes("whsec_c2VjcmV0"), CONTEXT);

        assertThatThrownBy(() -> secrets.open(sealed, Map.of("purpose", "webhook-secret", "recipient", "CP#de-bka")))
                .isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_refuses_whenAByteWasChanged() {
        byte[] sealed = secrets.seal(bytes("whsec_c2VjcmV0"), CONTEXT);
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> secrets.open(sealed, CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_refuses_underAnotherKey() {
        byte[] sealed = secrets.seal(bytes("whsec_c2VjcmV0"), CONTEXT);
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> WebhookSecrets.local(other).open(sealed, CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_saysToRegisterAgain_whenTheSecretIsAnEncryptionSdkMessage() {
        // The first bytes of a message the SDK 3 wrote before ADR 0024: format 2, suite 0x0578.
        byte[] older = {0x02, 0x05, 0x78, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

        assertThatThrownBy(() -> secrets.open(older, CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class)
                .hasMessageContaining("register the channel's secret again");
    }

    @Test
    void local_refusesAKeyThatIsNot256Bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookSecrets.local(new byte[16]));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
