package io.liaison.store;

import io.liaison.core.gate.Pseudonyms;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Pseudonyms from a KMS HMAC key (HMAC_256): the key never leaves KMS. The message is built as
 * {@link io.liaison.core.gate.HmacPseudonyms} builds it, so the two agree on format and stability.
 */
public final class KmsPseudonyms implements Pseudonyms {
    private final KmsClient kms;
    private final String keyId;

    public KmsPseudonyms(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String of(String requestId, String value) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(requestId.getBytes(StandardCharsets.UTF_8));
        message.write(0);
        message.writeBytes(value.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        byte[] mac = kms.generateMac(g -> g.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromByteArray(message.toByteArray()))).mac().asByteArray();
        return "pseudonym:" + HexFormat.of().formatHex(mac, 0, 12);
    }
}
