package io.liaison.core;

import java.util.regex.Pattern;

/**
 * How a party hears about its requests. Secrets are not part of a channel: the notifier reads a
 * webhook's signing secret separately, so a channel can be shown and logged as it is.
 */
public sealed interface Channel {
    String type();

    /**
     * An HTTPS endpoint that receives notices signed the Standard Webhooks way. Which URLs may be
     * one is {@link io.liaison.core.webhook.WebhookUrl#parse}; a registered channel holds its
     * normal form.
     */
    record Webhook(String url) implements Channel {
        @Override public String type() { return "webhook"; }
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
