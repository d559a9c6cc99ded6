package io.liaison.core;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a party hears about its requests. Secrets are not part of a channel: the notifier reads a
 * webhook's signing secret separately, so a channel can be shown and logged as it is.
 */
public sealed interface Channel {
    String type();

    /** An HTTPS endpoint that receives notices signed the Standard Webhooks way. */
    record Webhook(String url) implements Channel {
        private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
        // Literal private, link-local and unique-local addresses: a notice must not reach into a network.
        private static final Pattern PRIVATE = Pattern.compile(
                "^(10\\.|127\\.|169\\.254\\.|192\\.168\\.|172\\.(1[6-9]|2\\d|3[01])\\.|0\\.|\\[(f[cd]|fe[89ab])).*");

        @Override public String type() { return "webhook"; }

        /**
         * https to a public host, or http to a loopback host (the local server's listener). No user
         * info in the URL, no literal private address: an administrator's typo must not turn the
         * notifier into a probe of internal networks.
         */
        public static boolean acceptable(URI url) {
            if (url == null || !url.isAbsolute() || url.isOpaque() || url.getHost() == null || url.getRawUserInfo() != null) {
                return false;
            }
            String scheme = url.getScheme().toLowerCase(Locale.ROOT);
            String host = url.getHost().toLowerCase(Locale.ROOT);
            if (scheme.equals("http")) return LOOPBACK.contains(host);
            return scheme.equals("https") && !LOOPBACK.contains(host) && !PRIVATE.matcher(host).matches();
        }
    }

    record Email(String address) implements Channel {
        private static final Pattern ADDRESS = Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

        @Override public String type() { return "email"; }

        /** One plain address: nothing that could add a header to the message. */
        public static boolean acceptable(String address) {
            return address != null && ADDRESS.matcher(address).matches();
        }
    }
}
