package io.liaison.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Signs digests with an asymmetric key (ECDSA P-256, SHA-256, DER signatures): a KMS ECC key on
 * AWS, an EC key the local server makes. Anyone with the public key checks a digest offline.
 */
public interface DigestSigner {
    byte[] sign(byte[] message);

    /** The public key as X.509 SubjectPublicKeyInfo DER. */
    byte[] publicKey();

    static String pem(byte[] publicKey) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Whether {@code signature} is a valid ECDSA P-256 SHA-256 signature of {@code message} under {@code publicKey}. */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKey));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A signer over a PKCS#8 EC private key held in memory (the local server's). */
    static DigestSigner local(byte[] pkcs8, byte[] publicKey) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the digest signing key does not read", e);
        }
        byte[] published = publicKey.clone();
        return new DigestSigner() {
            @Override
            public byte[] sign(byte[] message) {
                try {
                    Signature signer = Signature.getInstance("SHA256withECDSA");
                    signer.initSign(key);
                    signer.update(message);
                    return signer.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("a digest could not be signed", e);
                }
            }

            @Override
            public byte[] publicKey() {
                return published.clone();
            }
        };
    }
}
