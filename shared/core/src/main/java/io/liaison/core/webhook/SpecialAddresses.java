package io.liaison.core.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The addresses that do not lead to a host on the public internet, after the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890): what InetAddress's predicates know (loopback,
 * unspecified, link-local, site-local, multicast), then a short table of what they do not.
 * Blocks that are globally reachable but host no web server (AS112, anycast relays, the 2001::/23
 * protocol assignments) are refused too: no webhook lives there.
 */
public final class SpecialAddresses {
    private SpecialAddresses() {}

    /** What kind of address it is, as a phrase that completes "10.0.0.1 is ...". */
    public record Range(Ground ground, String name) {}

    private record Block(byte[] prefix, int bits, Range range) {
        static Block of(String cidr, Ground ground, String name) {
            int slash = cidr.indexOf('/');
            String address = cidr.substring(0, slash);
            byte[] prefix = (address.indexOf(':') >= 0 ? IpLiterals.ipv6(address) : IpLiterals.dottedQuad(address)).orElseThrow();
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), new Range(ground, name));
        }

        boolean contains(byte[] address) {
            return address.length == prefix.length && matches(address, prefix, bits);
        }
    }

    // The JDK's predicates come first (see of(byte[])); these are the rest, most specific first.
    private static final List<Block> IPV4 = List.of(
            Block.of("255.255.255.255/32", Ground.BROADCAST, "the limited broadcast address"),
            Block.of("0.0.0.0/8", Ground.THIS_NETWORK, "in 0.0.0.0/8, \"this host on this network\" (RFC 1122)"),
            Block.of("100.64.0.0/10", Ground.SHARED, "in the shared address space of carrier-grade NAT (100.64.0.0/10, RFC 6598)"),
            Block.of("192.0.0.0/24", Ground.RESERVED, "an IETF protocol assignment (192.0.0.0/24, RFC 6890)"),
            Block.of("192.0.2.0/24", Ground.DOCUMENTATION, "a documentation address (192.0.2.0/24, RFC 5737)"),
            Block.of("198.51.100.0/24", Ground.DOCUMENTATION, "a documentation address (198.51.100.0/24, RFC 5737)"),
            Block.of("203.0.113.0/24", Ground.DOCUMENTATION, "a documentation address (203.0.113.0/24, RFC 5737)"),
            Block.of("192.88.99.0/24", Ground.RESERVED, "in the former 6to4 relay anycast block (192.88.99.0/24, RFC 7526)"),
            Block.of("198.18.0.0/15", Ground.BENCHMARKING, "a benchmarking address (198.18.0.0/15, RFC 2544)"),
            Block.of("240.0.0.0/4", Ground.RESERVED, "reserved for future use (240.0.0.0/4, RFC 1112)"));

    private static final List<Block> IPV6 = List.of(
            Block.of("fc00::/7", Ground.UNIQUE_LOCAL, "a unique local address (fc00::/7, RFC 4193)"),
            Block.of("64:ff9b:1::/48", Ground.PRIVATE, "a local-use NAT64 address (64:ff9b:1::/48, RFC 8215)"),
            Block.of("100::/64", Ground.RESERVED, "a discard-only address (100::/64, RFC 6666)"),
            Block.of("2001:db8::/32", Ground.DOCUMENTATION, "a documentation address (2001:db8::/32, RFC 3849)"),
            Block.of("3fff::/20", Ground.DOCUMENTATION, "a documentation address (3fff::/20, RFC 9637)"),
            Block.of("2001::/23", Ground.RESERVED, "an IETF protocol assignment (2001::/23: Teredo, benchmarking, ORCHID, ...)"),
            Block.of("2002::/16", Ground.RESERVED, "a 6to4 address (2002::/16), relayed to the IPv4 address inside it"));

    private static final Block GLOBAL_UNICAST = Block.of("2000::/3", Ground.RESERVED, "");
    private static final Block MAPPED = Block.of("::ffff:0:0/96", Ground.RESERVED, "");
    private static final Block COMPATIBLE = Block.of("::/96", Ground.RESERVED, "");
    private static final Block NAT64 = Block.of("64:ff9b::/96", Ground.RESERVED, "");

    /** Why the address leads elsewhere than to a public host; empty when it is public. */
    public static Optional<Range> of(InetAddress address) {
        return of(address.getAddress());
    }

    /** The same for 4 or 16 bytes of an address. */
    static Optional<Range> of(byte[] address) {
        if (address.length == 16) {
            Optional<Range> embedding = embedding(address);
            if (embedding != null) return embedding;
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByAddress(address); // from bytes: never a look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
        boolean v4 = address.length == 4;
        if (ip.isLoopbackAddress()) return range(Ground.LOOPBACK, "a loopback address");
        if (ip.isAnyLocalAddress()) return range(Ground.UNSPECIFIED, "the unspecified address");
        if (ip.isLinkLocalAddress()) {
            return range(Ground.LINK_LOCAL, v4 ? "a link-local address (169.254.0.0/16, where cloud metadata services answer)"
                    : "a link-local address (fe80::/10)");
        }
        if (ip.isSiteLocalAddress()) {
            return range(Ground.PRIVATE, v4 ? "a private-use address (RFC 1918)" : "a site-local address (fec0::/10, deprecated by RFC 3879)");
        }
        if (ip.isMulticastAddress()) return range(Ground.MULTICAST, "a multicast address");
        for (Block block : v4 ? IPV4 : IPV6) {
            if (block.contains(address)) return Optional.of(block.range());
        }
        if (!v4 && !GLOBAL_UNICAST.contains(address)) {
            return range(Ground.RESERVED, "outside 2000::/3, the only IPv6 range IANA allocates for global unicast");
        }
        return Optional.empty();
    }

    /**
     * IPv6 forms that carry an IPv4 address in their last 32 bits: judged by that address. A NAT64
     * address (64:ff9b::/96) of a public host is public (DNS64 answers such addresses in IPv6-only
     * networks); a mapped or compatible one never is a webhook's address. Null when the address
     * embeds none.
     */
    private static Optional<Range> embedding(byte[] address) {
        byte[] v4 = {address[12], address[13], address[14], address[15]};
        String embedded = IpLiterals.format(v4);
        if (MAPPED.contains(address)) {
            return Optional.of(of(v4).map(r -> new Range(r.ground(), "an IPv4-mapped address of " + embedded + ", " + r.name()))
                    .orElse(new Range(Ground.NON_CANONICAL, "an IPv4-mapped IPv6 address: write the IPv4 address " + embedded + " itself")));
        }
        boolean unspecifiedOrLoopback = address[12] == 0 && address[13] == 0 && address[14] == 0 && (address[15] & 0xFF) <= 1;
        if (COMPATIBLE.contains(address) && !unspecifiedOrLoopback) {
            return Optional.of(of(v4).map(r -> new Range(r.ground(), "an IPv4-compatible address of " + embedded + ", " + r.name()))
                    .orElse(new Range(Ground.RESERVED, "an IPv4-compatible IPv6 address, deprecated by RFC 4291")));
        }
        if (NAT64.contains(address)) {
            return of(v4).map(r -> new Range(r.ground(), "a NAT64 address of " + embedded + ", " + r.name()));
        }
        return null;
    }

    private static Optional<Range> range(Ground ground, String name) {
        return Optional.of(new Range(ground, name));
    }

    private static boolean matches(byte[] address, byte[] prefix, int bits) {
        for (int i = 0; i < bits / 8; i++) {
            if (address[i] != prefix[i]) return false;
        }
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[bits / 8] & mask) == (prefix[bits / 8] & mask);
    }

    /** An address as text, without a look-up: dotted decimal, or IPv6 as RFC 5952 writes it. */
    public static String text(InetAddress address) {
        return IpLiterals.format(address.getAddress());
    }
}
