package io.liaison.core;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a filing must satisfy beyond its shape: real jurisdictions, a target that is not the
 * requester's own and that the directory serves, well-formed identifiers, sensible lengths.
 */
public final class FilingRules {
    private static final Set<String> ISO_3166_ALPHA2 = Set.of(Locale.getISOCountries());
    private static final Pattern IPV4 = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    /** Hex groups and colons, optionally ending in a dotted IPv4 tail; starts with a hex digit or ':'. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("^[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}(\\.\\d{1,3}){3})?$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");

    public static final int MAX_SHORT_TEXT = 200;
    public static final int MAX_LONG_TEXT = 8000;
    public static final int MAX_IDENTIFIERS = 100;

    private FilingRules() {}

    public static List<Violation> check(Filing filing, Requester requester, Directory directory) {
        return check(filing, requester, directory, null);
    }

    /** The same, with the directory as it stands at {@code at} (null: any contact point counts). */
    public static List<Violation> check(Filing filing, Requester requester, Directory directory, java.time.Instant at) {
        List<Violation> violations = new ArrayList<>();
        String target = filing.targetJurisdiction();
        if (!ISO_3166_ALPHA2.contains(target)) {
            violations.add(new Violation("/targetJurisdiction",
                    "'" + target + "' is not an ISO 3166-1 alpha-2 country code"));
        } else if (target.equals(requester.jurisdiction())) {
            violations.add(new Violation("/targetJurisdiction",
                    "the target jurisdiction is the requester's own (" + target + "); Liaison brokers cross-border requests"));
        } else if (at == null ? !directory.serves(target) : !directory.serves(target, at)) {
            violations.add(new Violation("/targetJurisdiction",
                    "the directory has no contact point in " + target));
        }
        text(violations, "/legalBasis/article", filing.legalBasis().article(), 20, false);
        if (filing.legalBasis().instrument() == Instrument.BILATERAL_TREATY) {
            text(violations, "/legalBasis/treaty", filing.legalBasis().treaty(), MAX_SHORT_TEXT, false);
        }
        text(violations, "/caseReference", filing.caseReference(), 100, false);
        text(violations, "/offence", filing.offence(), MAX_SHORT_TEXT, false);
        text(violations, "/summaryOfFacts", filing.summaryOfFacts(), MAX_LONG_TEXT, true);
        text(violations, "/necessityStatement", filing.necessityStatement(), MAX_LONG_TEXT, true);
        if (filing.identifiers().isEmpty()) {
            violations.add(new Violation("/identifiers", "name at least one identifier the request is about"));
        }
        if (filing.identifiers().size() > MAX_IDENTIFIERS) {
            violations.add(new Violation("/identifiers", "at most " + MAX_IDENTIFIERS + " identifiers per request"));
        }
        for (int i = 0; i < filing.identifiers().size(); i++) {
            String problem = problemWith(filing.identifiers().get(i));
            if (problem != null) violations.add(new Violation("/identifiers/" + i + "/value", problem));
        }
        if (filing.dataCategories().isEmpty() && filing.type() != RequestType.INCIDENT_ASSISTANCE) {
            violations.add(new Violation("/dataCategories",
                    "a " + filing.type().code() + " request names the data categories it wants"));
        }
        if (filing.timeRange() != null && filing.timeRange().from().isAfter(filing.timeRange().to())) {
            violations.add(new Violation("/timeRange", "'from' is after 'to'"));
        }
        return List.copyOf(violations);
    }

    private static void text(List<Violation> violations, String pointer, String value, int max, boolean multiline) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(pointer, "must not be blank"));
        } else if (value.length() > max) {
            violations.add(new Violation(pointer, "at most " + max + " characters"));
        } else {
            String problem = invisibleCharacter(value, multiline);
            if (problem != null) violations.add(new Violation(pointer, problem));
        }
    }

    /**
     * Control characters, and the bidirectional overrides that make text read differently from
     * what it stores, have no place in what another agency reads; line breaks and tabs are allowed
     * in the long texts.
     */
    public static String invisibleCharacter(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if ((Character.isISOControl(c) && !(multiline && lineBreak)) || bidi) {
                return String.format("contains the invisible character U+%04X at position %d", (int) c, i);
            }
        }
        return null;
    }

    /** Returns what is wrong with an identifier, or null when it is well-formed. */
    static String problemWith(Identifier identifier) {
        return switch (identifier) {
            case Identifier.IpV4 ip -> IPV4.matcher(ip.value()).matches() ? null
                    : "'" + ip.value() + "' is not an IPv4 address in dotted-quad form";
            case Identifier.IpV6 ip -> isIpV6(ip.value()) ? null : "'" + ip.value() + "' is not an IPv6 address";
            case Identifier.Domain d -> isDomain(d.value()) ? null : "'" + d.value() + "' is not a domain name";
            case Identifier.Email e -> isEmail(e.value()) ? null : "'" + e.value() + "' is not an e-mail address";
            case Identifier.Url u -> isUrl(u.value()) ? null : "'" + u.value() + "' is not an absolute http(s) or ftp URL";
            case Identifier.Account a -> a.value().isBlank() || a.value().length() > MAX_SHORT_TEXT
                    || a.service().isBlank() || a.service().length() > MAX_SHORT_TEXT
                    ? "an account names its service and value, each 1 to " + MAX_SHORT_TEXT + " characters" : null;
            case Identifier.Phone p -> E164.matcher(p.value()).matches() ? null
                    : "'" + p.value() + "' is not a phone number in E.164 form (+ and 7 to 15 digits)";
            case Identifier.FileHash h -> h.value().length() == h.algorithm().hexLength() && HEX.matcher(h.value()).matches()
                    ? null : "a " + h.algorithm().code() + " hash is " + h.algorithm().hexLength() + " hexadecimal digits";
        };
    }

    static boolean isIpV6(String value) {
        // InetAddress parses a string that starts with a hex digit or ':' and holds a ':' as a
        // literal and never asks a resolver; the pattern lets nothing else through.
        if (!IPV6_LITERAL.matcher(value).matches()) return false;
        try {
            InetAddress.getByName(value); // IPv4-mapped forms come back as Inet4Address: still valid IPv6 text
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isDomain(String value) {
        String ascii;
        try {
            ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ascii.endsWith(".")) ascii = ascii.substring(0, ascii.length() - 1);
        if (ascii.isEmpty() || ascii.length() > 253) return false;
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) return false;
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) return false;
        }
        return TLD.matcher(labels[labels.length - 1]).matches();
    }

    static boolean isEmail(String value) {
        int at = value.lastIndexOf('@');
        String local = at > 0 ? value.substring(0, at) : "";
        return EMAIL_LOCAL.matcher(local).matches() && !local.startsWith(".") && !local.endsWith(".")
                && !local.contains("..") && isDomain(value.substring(at + 1));
    }

    private static String hostOf(String authority) {
        if (authority == null) return null;
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.lastIndexOf(':');
        return port > 0 && !host.endsWith("]") ? host.substring(0, port) : host;
    }

    static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // URI gives no host for a non-ASCII name such as münchen.de: read it from the authority.
            String host = uri.getHost() != null ? uri.getHost() : hostOf(uri.getAuthority());
            if (!Set.of("http", "https", "ftp").contains(scheme) || host == null || host.isEmpty()) return false;
            return isDomain(host) || IPV4.matcher(host).matches()
                    || (host.startsWith("[") && isIpV6(host.substring(1, host.length() - 1)));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
