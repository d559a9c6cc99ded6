package io.liaison.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The cipher of webhook signing secrets (ADR 0024). A secret is a few dozen bytes, far under KMS's
 * 4 KB limit, so on AWS it is sealed by one {@code kms:Encrypt} under the payload key with the
 * recipient's context as the encryption context, and opened by one {@code kms:Decrypt} with the
 * same context: no envelope, no data key, no encryption library, so the policy function (which
 * seals) and the notifier (which opens) ship none. Locally the raw payload key does the same with
 * AES-256-GCM, the context bound as associated data: a secret copied to another recipient's item
 * does not open.
 *
 * <p>Secrets sealed before this record were Encryption SDK messages; they do not open here and say
 * so: the channel must be registered again.
 */
public final class WebhookSecrets {
    private static final int AES_256_KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** First byte of the local form, so that an older form is told apart from tampering. */
    private static final byte LOCAL_FORM = 0x4c;
    private static final String SDK_MESSAGE = "sealed by the Encryption SDK before ADR 0024: register the channel's secret again";

    private WebhookSecrets() {}

    /** KMS Encrypt and Decrypt under {@code keyArn}, the context as the encryption context. */
    public static PayloadCipher kms(KmsClient kms, String keyArn) {
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(keyArn, "keyArn");
        return new PayloadCipher() {
            @Override
            public byte[] seal(byte[] plaintext, Map<String, String> context) {
                return kms.encrypt(e -> e.keyId(keyArn).plaintext(SdkBytes.fromByteArray(plaintext))
                        .encryptionContext(context)).ciphertextBlob().asByteArray();
            }

            @Override
            public byte[] open(byte[] ciphertext, Map<String, String> context) {
                if (sdkMessage(ciphertext)) throw new Unreadable(SDK_MESSAGE, null);
                try {
                    // KeyId pins the key: a blob under another key the role may use is refused, not opened.
                    return kms.decrypt(d -> d.keyId(keyArn).ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                            .encryptionContext(context)).plaintext().asByteArray();
                } catch (InvalidCiphertextException e) {
                    throw new Unreadable("secret was altered or belongs to another context", e);
                }
            }
        };
    }

    /** AES-256-GCM under a raw 32-byte key (the local server), the context as associated data. */
    public static PayloadCipher local(byte[] key256) {
        Objects.requireNonNull(key256, "key256");
        if (key256.length != AES_256_KEY_BYTES) {
            throw new IllegalArgumentException("payload key must be 32 bytes, got " + key256.length);
        }
        SecretKeySpec key = new SecretKeySpec(key256.clone(), "AES");
        SecureRandom random = new SecureRandom();
        return new PayloadCipher() {
            @Override
            public byte[] seal(byte[] plaintext, Map<String, String> context) {
                try {
                    byte[] iv = new byte[IV_BYTES];
                    random.nextBytes(iv);
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
                    cipher.updateAAD(associatedData(context));
                    byte[] sealed = cipher.doFinal(plaintext);
                    return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(LOCAL_FORM).put(iv).put(sealed).array();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[] open(byte[] ciphertext, Map<String, String> context) {
                if (sdkMessage(ciphertext)) throw new Unreadable(SDK_MESSAGE, null);
                if (ciphertext.length <= 1 + IV_BYTES || ciphertext[0] != LOCAL_FORM) {
                    throw new Unreadable("secret is not in the local form", null);
                }
                try {
                    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 1, IV_BYTES));
                    cipher.updateAAD(associatedData(context));
                    return cipher.doFinal(ciphertext, 1 + IV_BYTES, ciphertext.length - 1 - IV_BYTES);
                } catch (javax.crypto.AEADBadTagException e) {
                    throw new Unreadable("secret was altered or belongs to another context", e);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * Message format 2 and a committing suite (0x0478, 0x0578): what the Encryption SDK 3 wrote under
     * its default commitment policy. A KMS ciphertext blob starts 0x01, the local form 0x4c.
     */
    static boolean sdkMessage(byte[] ciphertext) {
        return ciphertext.length > 3 && ciphertext[0] == 0x02 && (ciphertext[1] == 0x04 || ciphertext[1] == 0x05)
                && ciphertext[2] == 0x78;
    }

    /** Each pair in key order, each string length-prefixed, so that no two contexts give the same bytes. */
    private static byte[] associatedData(Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(context).forEach((k, v) -> {
            for (String s : new String[] {k, v}) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        });
        return out.toByteArray();
    }
}
