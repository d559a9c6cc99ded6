package io.liaison.core.gate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HMAC-SHA256 pseudonyms keyed with a deployment secret and the request id: the same e-mail address
 * gets the same token in every record of one request, and a different one in the next request.
 */
public final class HmacPseudonyms implements Pseudonyms {
    private final SecretKeySpec key;

    public HmacPseudonyms(byte[] secret) {
        if (secret.length < 32) throw new IllegalArgumentException("a pseudonym key has at least 256 bits");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    @Override
    public String of(String requestId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(requestId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(value.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "pseudonym:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
