package io.liaison.core.webhook;

/** Why a webhook URL, or an address its host resolves to, is refused. */
public enum Ground {
    /** Not a URL of the form https://host[:port]/path?query. */
    MALFORMED,
    /** Not https (plain http only to the local server's loopback listener). */
    SCHEME,
    /** user:password@ before the host. */
    USER_INFO,
    /** A #fragment, which is never sent. */
    FRAGMENT,
    /** A well-known port of another service. */
    PORT,
    /** A name that resolves inside a network: localhost, *.internal, a single label, ... */
    INTERNAL_NAME,
    /** An IP address written in another form than the usual one (0x7f.1, 2130706433, [::ffff:a.b.c.d]). */
    NON_CANONICAL,
    LOOPBACK,
    PRIVATE,
    SHARED,
    LINK_LOCAL,
    UNIQUE_LOCAL,
    MULTICAST,
    UNSPECIFIED,
    BROADCAST,
    THIS_NETWORK,
    DOCUMENTATION,
    BENCHMARKING,
    /** Reserved, deprecated or assigned to a protocol rather than to a host. */
    RESERVED
}
