package io.liaison.audit;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A SHA-256 value, held as lower-case hex so that records compare by value. */
public record Hash(String hex) {
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]{64}$");

    /** What the first event of every trail links to. */
    public static final Hash GENESIS = new Hash("0".repeat(64));

    public Hash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) throw new IllegalArgumentException("not a SHA-256 hex value: " + hex);
    }

    public static Hash of(byte[] digest) {
        return new Hash(HexFormat.of().formatHex(digest));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }
}
