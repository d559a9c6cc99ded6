package io.liaison.store;

import com.amazonaws.encryptionsdk.CryptoAlgorithm;
import com.amazonaws.encryptionsdk.ParsedCiphertext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptedPayloadsTest {
    private static final byte[] KEY = key((byte) 1);
    private static final Map<String, String> CONTEXT = Map.of("requestId", "0b1c7a52-3f0e-4d8e-9a55-1f2e3d4c5b6a", "response", "1");
    private static final byte[] PLAINTEXT = "Vessel MV Aurora left Gdynia at 04:10 UTC".getBytes(StandardCharsets.UTF_8);

    private final PayloadCipher cipher = EncryptedPayloads.rawAes(KEY);

    @Test
    void open_returnsThePlaintext_whenKeyAndContextMatch() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThat(cipher.open(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void open_returnsThePlaintext_whenAnotherInstanceWithTheSameKeyOpensIt() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThat(EncryptedPayloads.rawAes(key((byte) 1)).open(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void seal_doesNotContainThePlaintext() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThat(indexOf(sealed, "MV Aurora".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void seal_givesDifferentCiphertexts_forTheSamePlaintext() {
        assertThat(cipher.seal(PLAINTEXT, CONTEXT)).isNotEqualTo(cipher.seal(PLAINTEXT, CONTEXT));
    }

    @Test
    void seal_usesTheCommittingSuiteWithASignature() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThat(new ParsedCiphertext(sealed).getCryptoAlgoId())
                .isEqualTo(CryptoAlgorithm.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384);
    }

    @Test
    void open_fails_whenTheCiphertextWasAltered() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);
        // Every byte, header, body and footer alike, is covered by a tag, the key commitment or the signature.
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;

            int index = i;

            assertThatThrownBy(() -> cipher.open(altered, CONTEXT))
                    .as("byte %d of %d altered", index, sealed.length)
                    .isInstanceOf(PayloadCipher.Unreadable.class);
        }
    }

    @Test
    void open_fails_whenAnyByteOfAMessageWithSeveralFramesWasAltered() {
        // Frames hold 4096 bytes: this payload fills one regular frame and a short final one.
        byte[] large = new byte[4096 + 10];
        Arrays.fill(large, (byte) 'x');
        byte[] sealed = cipher.seal(large, CONTEXT);
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= (byte) 0x80;
            int index = i;

            assertThatThrownBy(() -> cipher.open(altered, CONTEXT))
                    .as("byte %d of %d altered", index, sealed.length)
                    .isInstanceOf(PayloadCipher.Unreadable.class);
        }
    }

    @Test
    void open_fails_whenTheCiphertextWasTruncated() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, sealed.length - 1), CONTEXT))
                .isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_fails_whenTheCiphertextIsNotAnEncryptedMessage() {
        assertThatThrownBy(() -> cipher.open(PLAINTEXT, CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class);
        assertThatThrownBy(() -> cipher.open(new byte[0], CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_fails_whenTheContextNamesAnotherRequest() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);
        Map<String, String> other = Map.of("requestId", "7d9e1f20-0000-4000-8000-000000000000", "response", "1");

        assertThatThrownBy(() -> cipher.open(sealed, other)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_fails_whenTheContextLacksAnEntryTheMessageWasSealedWith() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, Map.of("requestId", CONTEXT.get("requestId"))))
                .isInstanceOf(PayloadCipher.Unreadable.class)
                .hasMessageContaining("'response' was not expected");
    }

    @Test
    void open_fails_whenTheContextHasAnEntryTheMessageWasNotSealedWith() {
        byte[] sealed = cipher.seal(PLAINTEXT, CONTEXT);
        Map<String, String> wider = Map.of("requestId", CONTEXT.get("requestId"), "response", "1", "tenant", "PL");

        assertThatThrownBy(() -> cipher.open(sealed, wider)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_fails_whenSealedWithAnotherKey() {
        byte[] sealed = EncryptedPayloads.rawAes(key((byte) 2)).seal(PLAINTEXT, CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, CONTEXT)).isInstanceOf(PayloadCipher.Unreadable.class);
    }

    @Test
    void open_failsWithOnlyTheDomainType_neverAnSdkException() {
        byte[] sealed = EncryptedPayloads.rawAes(key((byte) 2)).seal(PLAINTEXT, CONTEXT);

        assertThatThrownBy(() -> cipher.open(sealed, CONTEXT))
                .isExactlyInstanceOf(PayloadCipher.Unreadable.class)
                .hasMessage("payload could not be decrypted");
    }

    @Test
    void open_returnsAnEmptyPayload_whenAnEmptyOneWasSealed() {
        byte[] sealed = cipher.seal(new byte[0], CONTEXT);

        assertThat(cipher.open(sealed, CONTEXT)).isEmpty();
    }

    @Test
    void open_returnsThePlaintext_whenTheContextIsEmpty() {
        byte[] sealed = cipher.seal(PLAINTEXT, Map.of());

        assertThat(cipher.open(sealed, Map.of())).isEqualTo(PLAINTEXT);
    }

    @Test
    void contextMismatch_ignoresTheEntriesTheSdkReservesForItself() {
        Map<String, String> stored = Map.of("requestId", "r", "aws-crypto-public-key", "A0Bx");

        assertThat(EncryptedPayloads.contextMismatch(Map.of("requestId", "r"), stored)).isEmpty();
    }

    @Test
    void seal_rejectsAContextKeyTheSdkReserves() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> cipher.seal(PLAINTEXT, Map.of("aws-crypto-public-key", "x")));
    }

    @Test
    void rawAes_rejectsAKeyThatIsNot256Bits() {
        assertThatIllegalArgumentException().isThrownBy(() -> EncryptedPayloads.rawAes(new byte[16]));
    }

    @Test
    void rawAes_isNotAffected_whenTheCallerLaterOverwritesItsKeyArray() {
        byte[] key = key((byte) 3);
        PayloadCipher own = EncryptedPayloads.rawAes(key);
        byte[] sealed = own.seal(PLAINTEXT, CONTEXT);
        Arrays.fill(key, (byte) 0);

        assertThat(own.open(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void kms_buildsWithoutCallingKms() {
        try (KmsClient kms = unreachableKms()) {
            PayloadCipher cipher = EncryptedPayloads.kms(
                    "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", kms);

            assertThat(cipher).isNotNull();
        }
    }

    @Test
    void kms_rejectsAnAliasOrBareKeyId() {
        try (KmsClient kms = unreachableKms()) {
            assertThatIllegalArgumentException().isThrownBy(() -> EncryptedPayloads.kms("alias/liaison-payloads", kms));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> EncryptedPayloads.kms("1234abcd-12ab-34cd-56ef-1234567890ab", kms));
        }
    }

    @Test
    void seal_failsWithoutAnSdkExceptionType_whenKmsCannotBeReached() {
        try (KmsClient kms = unreachableKms()) {
            PayloadCipher cipher = EncryptedPayloads.kms(
                    "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", kms);

            assertThatThrownBy(() -> cipher.seal(PLAINTEXT, CONTEXT))
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage("payload could not be sealed");
        }
    }

    @Test
    void open_fails_whenTheKmsKeyringFindsNoDataKeyOfItsKey() {
        try (KmsClient kms = unreachableKms()) {
            PayloadCipher cipher = EncryptedPayloads.kms(
                    "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", kms);
            byte[] sealedLocally = this.cipher.seal(PLAINTEXT, CONTEXT);

            assertThatThrownBy(() -> cipher.open(sealedLocally, CONTEXT))
                    .isExactlyInstanceOf(PayloadCipher.Unreadable.class);
        }
    }

    /** A client with an endpoint nobody listens on: any call KMS would fail at once. */
    private static KmsClient unreachableKms() {
        return KmsClient.builder()
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .build();
    }

    private static byte[] key(byte fill) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (fill * 31 + i);
        return key;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
