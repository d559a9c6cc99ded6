package io.liaison.core.webhook;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook URL that may receive notices, in its one normal form: https (or, where {@link Reach}
 * allows, http to the loopback interface), a lower-case ASCII host without a trailing dot (an IDN
 * in its xn-- form, an IPv4 address in dotted decimal, an IPv6 address as RFC 5952 writes it), the
 * port (443 or 80 when the URL names none), and the request target, path and query.
 *
 * <p>{@link #parse} is the rule an administrator's registration passes and the notifier checks
 * again before it connects. It never resolves a name: where a name leads is known only at send
 * time, where {@link #checkResolved} judges the addresses the notifier is about to connect to.
 *
 * <p>Make one with {@link #parse}: the constructor checks for nulls only.
 *
 * @param host   the name or address, without brackets
 * @param target the path and query as sent in the request line, at least "/"
 */
public record WebhookUrl(String scheme, String host, int port, String target) {
    private static final int MAX_LENGTH = 2000;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 3986 pchar, '/' and '?', with percent-escapes checked separately. */
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");
    private static final Pattern ESCAPES = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    /**
     * Names that resolve inside a network, never on the internet: RFC 6761 localhost, the
     * private-use TLD .internal (metadata.google.internal, *.ec2.internal), mDNS .local (RFC 6762),
     * .home.arpa (RFC 8375), Kubernetes' .svc, and TLDs never delegated that networks use inside.
     */
    private static final Set<String> INTERNAL_SUFFIXES = Set.of("internal", "local", "localdomain", "home.arpa", "svc",
            "lan", "home", "corp", "intranet", "private");

    public WebhookUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(target, "target");
    }

    /** What {@link #parse} makes of a text: the URL in normal form, or why it cannot receive notices. */
    public sealed interface Parsed {
        record Accepted(WebhookUrl url) implements Parsed {}

        record Refused(Refusal refusal) implements Parsed {}
    }

    public static Parsed parse(String text, Reach reach) {
        Objects.requireNonNull(reach, "reach");
        if (text == null || text.isEmpty()) return refused(Ground.MALFORMED, "a webhook URL is required");
        if (text.length() > MAX_LENGTH) return refused(Ground.MALFORMED, "a webhook URL has at most " + MAX_LENGTH + " characters");
        if (text.chars().anyMatch(c -> c <= ' ' || c == 0x7F || c == '\\')) {
            // Parsers disagree about where a host ends around these (WHATWG reads '\' as '/').
            return refused(Ground.MALFORMED, "a webhook URL has no spaces, control characters or backslashes");
        }
        int colonSlashSlash = text.indexOf("://");
        if (colonSlashSlash <= 0 || !SCHEME.matcher(text.substring(0, colonSlashSlash)).matches()) {
            return refused(Ground.MALFORMED, "a webhook URL is absolute: https://host/path");
        }
        String scheme = text.substring(0, colonSlashSlash).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return refused(Ground.SCHEME, "a webhook URL is https, not " + scheme);
        }
        String rest = text.substring(colonSlashSlash + 3);
        int end = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, end);
        String target = rest.substring(end);
        if (authority.indexOf('@') >= 0) {
            return refused(Ground.USER_INFO, "a webhook URL has no user info (user:password@): the signature authenticates the notices");
        }
        if (target.indexOf('#') >= 0) return refused(Ground.FRAGMENT, "a webhook URL has no #fragment: it is never sent");

        String rawHost;
        String rawPort = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) return refused(Ground.MALFORMED, "an IPv6 address in a URL ends with ]");
            rawHost = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) return refused(Ground.MALFORMED, "only a :port may follow the host");
                rawPort = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
                return refused(Ground.MALFORMED, "an IPv6 address in a URL is written in brackets: https://[2001:db8::1]/");
            }
            rawHost = colon < 0 ? authority : authority.substring(0, colon);
            rawPort = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (rawPort != null) {
            if (rawPort.isEmpty() || rawPort.length() > 5 || !rawPort.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(rawPort) < 1 || Integer.parseInt(rawPort) > 65535) {
                return refused(Ground.MALFORMED, "a port is a number from 1 to 65535");
            }
            port = Integer.parseInt(rawPort);
        }

        Host host = host(rawHost, reach);
        if (host instanceof Host.Bad bad) return new Parsed.Refused(bad.refusal());
        Host.Good good = (Host.Good) host;
        if (scheme.equals("http") && !good.loopback()) {
            return refused(Ground.SCHEME, "a webhook URL is https: plain http would carry notices unencrypted"
                    + (reach.loopback() ? " (http only to a loopback host, for the local server)" : ""));
        }
        if (scheme.equals("https") && !good.loopback() && port != 443 && port < 1024) {
            // A POST to another service's port (25, 22, 6379, ...) would be a probe of that service.
            return refused(Ground.PORT, "port " + port + " is a well-known port of another service: a webhook listens on 443 or a port above 1023");
        }

        if (target.isEmpty() || target.startsWith("?")) target = "/" + target;
        if (!TARGET.matcher(target).matches() || ESCAPES.matcher(target).find()) {
            return refused(Ground.MALFORMED, "the path and query of a webhook URL are ASCII, other characters percent-encoded");
        }
        return new Parsed.Accepted(new WebhookUrl(scheme, good.name(), port, target));
    }

    /** The host, judged: its normal form, or why notices must not go there. */
    private sealed interface Host {
        record Good(String name, boolean loopback) implements Host {}

        record Bad(Refusal refusal) implements Host {}
    }

    private static Host host(String raw, Reach reach) {
        if (raw.isEmpty()) return bad(Ground.MALFORMED, "a webhook URL names a host");
        if (raw.startsWith("[")) {
            String inside = raw.substring(1, raw.length() - 1);
            if (inside.indexOf('%') >= 0) return bad(Ground.LINK_LOCAL, "an IPv6 zone (%...) names an interface of this host");
            Optional<byte[]> address = IpLiterals.ipv6(inside);
            if (address.isEmpty()) return bad(Ground.MALFORMED, raw + " is not an IPv6 address");
            return address(address.get(), IpLiterals.format(address.get()), reach);
        }
        if (raw.indexOf('%') >= 0) {
            // RFC 3986 allows it, WHATWG decodes it, others do not: one host must not be read two ways.
            return bad(Ground.MALFORMED, "a host is not percent-encoded");
        }
        String ascii;
        try {
            // Also folds what IDNA maps to ASCII: full-width digits and dots, U+3002 and the like.
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return bad(Ground.MALFORMED, "'" + raw + "' is not a host name (letters, digits and hyphens between dots)");
        }
        if (ascii.endsWith(".")) ascii = ascii.substring(0, ascii.length() - 1); // the root's dot: the same name
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.endsWith(".") || ascii.contains("..")) {
            return bad(Ground.MALFORMED, "'" + raw + "' is not a host name (an empty label)");
        }
        if (IpLiterals.endsInANumber(ascii)) return ipv4(raw, ascii, reach);
        if (ascii.length() > 253 || !List.of(ascii.split("\\.")).stream().allMatch(l -> LABEL.matcher(l).matches())) {
            return bad(Ground.MALFORMED, "'" + raw + "' is not a host name (letters, digits and hyphens between dots)");
        }
        if (ascii.equals("localhost") || ascii.endsWith(".localhost")) {
            return reach.loopback() ? new Host.Good(ascii, true)
                    : bad(Ground.LOOPBACK, ascii + " is this host's loopback interface (RFC 6761): webhooks go to public hosts only");
        }
        if (ascii.indexOf('.') < 0) {
            return bad(Ground.INTERNAL_NAME, "'" + ascii + "' is a single-label name, which resolves through local search domains "
                    + "(metadata, instance-data): a webhook host is a fully qualified name");
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (ascii.endsWith("." + suffix)) {
                return bad(Ground.INTERNAL_NAME, ascii + " is a name inside a network (." + suffix
                        + "), such as a cloud metadata service: webhooks go to public hosts only");
            }
        }
        return new Host.Good(ascii, false);
    }

    /** A host that URL parsers read as IPv4: accepted in dotted decimal only, refused as what it may be read as. */
    private static Host ipv4(String raw, String ascii, Reach reach) {
        Optional<byte[]> quad = IpLiterals.dottedQuad(ascii);
        if (quad.isPresent()) return address(quad.get(), ascii, reach);
        List<byte[]> readings = IpLiterals.ipv4Readings(ascii);
        if (readings.isEmpty()) return bad(Ground.MALFORMED, "'" + raw + "' is neither a host name nor an IPv4 address");
        for (byte[] reading : readings) {
            var special = SpecialAddresses.of(reading);
            if (special.isPresent()) {
                return bad(special.get().ground(), "'" + raw + "' is read as " + IpLiterals.format(reading) + ", " + special.get().name()
                        + ": webhooks go to public hosts only");
            }
        }
        return bad(Ground.NON_CANONICAL, "'" + raw + "' is read as " + String.join(" or ",
                readings.stream().map(IpLiterals::format).toList()) + ": write an IPv4 address as four decimal numbers");
    }

    private static Host address(byte[] address, String text, Reach reach) {
        var special = SpecialAddresses.of(address);
        if (special.isEmpty()) return new Host.Good(text, false);
        if (loopbackAllowed(address, special.get(), reach)) return new Host.Good(text, true);
        return bad(special.get().ground(), text + " is " + special.get().name() + ": webhooks go to public hosts only");
    }

    /**
     * 127.0.0.0/8 and ::1 where the local server allows them; never a mapped or compatible form of
     * a loopback address, which only a parser that unwraps it reads as loopback.
     */
    private static boolean loopbackAllowed(byte[] address, SpecialAddresses.Range range, Reach reach) {
        if (!reach.loopback() || range.ground() != Ground.LOOPBACK) return false;
        if (address.length == 4) return true;
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) return false;
        }
        return address[15] == 1;
    }

    /**
     * At send time: every address the host resolved to must be public, or loopback where
     * {@link Reach} allows; plain http must lead to loopback only. Empty when the notifier may
     * connect to any of them.
     */
    public Optional<Refusal> checkResolved(List<InetAddress> addresses, Reach reach) {
        if (addresses.isEmpty()) return Optional.of(new Refusal(Ground.MALFORMED, host + " resolves to no address"));
        for (InetAddress address : addresses) {
            String text = SpecialAddresses.text(address);
            var special = SpecialAddresses.of(address);
            boolean loopback = special.isPresent() && loopbackAllowed(address.getAddress(), special.get(), reach);
            if (special.isPresent() && !loopback) {
                return Optional.of(new Refusal(special.get().ground(), host + " resolves to " + text + ", " + special.get().name()
                        + ": webhooks go to public hosts only"));
            }
            if (scheme.equals("http") && !loopback) {
                return Optional.of(new Refusal(Ground.SCHEME, host + " resolves to " + text + ", not a loopback address: plain http goes to loopback only"));
            }
        }
        return Optional.empty();
    }

    /** The address itself when the host is an IP literal: nothing to resolve. */
    public Optional<InetAddress> literal() {
        Optional<byte[]> bytes = host.indexOf(':') >= 0 ? IpLiterals.ipv6(host) : IpLiterals.dottedQuad(host);
        return bytes.map(b -> {
            try {
                return InetAddress.getByAddress(host, b); // from bytes: never a look-up
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 bytes", e);
            }
        });
    }

    /** host[:port] as the Host header and the URL write it: brackets around IPv6, no default port. */
    public String authority() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort() ? name : name + ":" + port;
    }

    /** scheme://host:port and nothing more, for logs and the trail: paths and queries may carry tokens. */
    public String origin() {
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private int defaultPort() {
        return scheme.equals("https") ? 443 : 80;
    }

    /** The normal form, as registration stores it. */
    @Override
    public String toString() {
        return scheme + "://" + authority() + target;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) return i;
        }
        return text.length();
    }

    private static Parsed refused(Ground ground, String detail) {
        return new Parsed.Refused(new Refusal(ground, detail));
    }

    private static Host bad(Ground ground, String detail) {
        return new Host.Bad(new Refusal(ground, detail));
    }
}
