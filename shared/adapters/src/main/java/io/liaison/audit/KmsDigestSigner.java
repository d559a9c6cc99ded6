package io.liaison.audit;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** Digests signed by a KMS ECC_NIST_P256 key: the private key never leaves KMS. */
public final class KmsDigestSigner implements DigestSigner {
    private final KmsClient kms;
    private final String keyId;
    private volatile byte[] publicKey;

    public KmsDigestSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        return kms.sign(s -> s.keyId(keyId).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
                .messageType(MessageType.RAW).message(SdkBytes.fromByteArray(message))).signature().asByteArray();
    }

    @Override
    public byte[] publicKey() {
        byte[] key = publicKey;
        if (key == null) {
            key = kms.getPublicKey(g -> g.keyId(keyId)).publicKey().asByteArray();
            publicKey = key;
        }
        return key.clone();
    }
}
