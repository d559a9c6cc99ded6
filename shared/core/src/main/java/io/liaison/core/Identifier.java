package io.liaison.core;

import java.time.Instant;

/** A typed identifier the request is about. Values are checked by {@link FilingRules}. */
public sealed interface Identifier {
    String value();

    record IpV4(String value, Instant observedAt) implements Identifier {}

    record IpV6(String value, Instant observedAt) implements Identifier {}

    record Domain(String value) implements Identifier {}

    record Email(String value) implements Identifier {}

    record Url(String value) implements Identifier {}

    /** An account at an online service, e.g. a user name at a platform. */
    record Account(String service, String value) implements Identifier {}

    /** A phone number in E.164 form. */
    record Phone(String value) implements Identifier {}

    record FileHash(HashAlgorithm algorithm, String value) implements Identifier {}

    enum HashAlgorithm implements Coded {
        MD5("md5", 32), SHA1("sha1", 40), SHA256("sha256", 64), SHA512("sha512", 128);

        private final String code;
        private final int hexLength;

        HashAlgorithm(String code, int hexLength) {
            this.code = code;
            this.hexLength = hexLength;
        }

        @Override public String code() { return code; }

        public int hexLength() { return hexLength; }
    }
}
