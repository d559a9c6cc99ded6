package io.liaison.core.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IP address literals read and written by hand. InetAddress.getByName would do for most, but it
 * falls back to a DNS look-up on text it does not read as a literal, and platforms disagree about
 * the odd IPv4 forms (0x7f.1, 0177.0.0.1, 2130706433); a registration must neither resolve nor
 * guess.
 */
final class IpLiterals {
    private IpLiterals() {}

    /** Four decimal numbers 0-255 without leading zeros, the one IPv4 form every parser reads alike. */
    static Optional<byte[]> dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
            if (p.length() > 1 && p.charAt(0) == '0') return Optional.empty();
            int value = Integer.parseInt(p);
            if (value > 255) return Optional.empty();
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    /**
     * Whether a host is an IPv4 address to URL parsers (WHATWG "ends in a number"): its last label
     * is decimal digits or 0x and hex digits. Such a host is never a DNS name.
     */
    static boolean endsInANumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        if (last.isEmpty()) return false;
        if (last.chars().allMatch(c -> c >= '0' && c <= '9')) return true;
        return last.startsWith("0x") && last.substring(2).chars().allMatch(c -> digit((char) c, 16) >= 0);
    }

    /**
     * Every address a numeric host may be read as: inet_aton's reading (1 to 4 parts, 0x hex, a
     * leading 0 for octal, the last part filling the remaining bytes), and the reading of a parser
     * that takes leading zeros as decimal. Empty when no parser reads an address.
     */
    static List<byte[]> ipv4Readings(String host) {
        Map<String, byte[]> readings = new LinkedHashMap<>();
        for (boolean octal : new boolean[] {true, false}) {
            byte[] address = inetAton(host, octal);
            if (address != null) readings.putIfAbsent(format(address), address);
        }
        return new ArrayList<>(readings.values());
    }

    private static byte[] inetAton(String host, boolean octal) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) return null;
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i], octal);
            if (values[i] < 0) return null;
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) return null;
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) return null;
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** One part's value, or -1. Capped well above 2^32 so no part overflows. */
    private static long number(String part, boolean octal) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) return 0;
        } else if (octal && part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) return -1;
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digit(digits.charAt(i), radix);
            if (d < 0) return -1;
            value = value * radix + d;
        }
        return value;
    }

    /**
     * An IPv6 address in RFC 4291 text form (hex groups, one "::" at most, an optional dotted-quad
     * tail), without brackets or zone. Empty when it is not one.
     */
    static Optional<byte[]> ipv6(String text) {
        if (text.length() < 2 || text.length() > 45) return Optional.empty();
        int lastColon = text.lastIndexOf(':');
        if (lastColon < 0) return Optional.empty();
        String last = text.substring(lastColon + 1);
        if (last.indexOf('.') >= 0) { // a dotted-quad tail stands for the last two groups
            Optional<byte[]> v4 = dottedQuad(last);
            if (v4.isEmpty()) return Optional.empty();
            byte[] b = v4.get();
            text = text.substring(0, lastColon + 1) + Integer.toHexString(((b[0] & 0xFF) << 8) | (b[1] & 0xFF))
                    + ":" + Integer.toHexString(((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return Optional.empty();
        List<Integer> front = groups(gap < 0 ? text : text.substring(0, gap));
        List<Integer> back = gap < 0 ? List.of() : groups(text.substring(gap + 2));
        if (front == null || back == null) return Optional.empty();
        int count = front.size() + back.size();
        if (gap < 0 ? count != 8 : count > 7) return Optional.empty();
        List<Integer> all = new ArrayList<>(front);
        while (all.size() + back.size() < 8) all.add(0);
        all.addAll(back);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all.get(i) >> 8);
            out[2 * i + 1] = (byte) (int) all.get(i);
        }
        return Optional.of(out);
    }

    /** The hex groups of one side of "::", or null when one is not 1 to 4 hex digits. */
    private static List<Integer> groups(String side) {
        List<Integer> out = new ArrayList<>();
        if (side.isEmpty()) return out;
        for (String p : side.split(":", -1)) {
            if (p.isEmpty() || p.length() > 4) return null;
            int value = 0;
            for (int c = 0; c < p.length(); c++) {
                int d = digit(p.charAt(c), 16);
                if (d < 0) return null;
                value = value * 16 + d;
            }
            out.add(value);
        }
        return out;
    }

    /** ASCII digits only: Character.digit also reads other scripts' digits. */
    private static int digit(char c, int radix) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        return d < radix ? d : -1;
    }

    /** Dotted decimal for IPv4; RFC 5952 for IPv6 (lower case, the longest run of zero groups as "::"). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
