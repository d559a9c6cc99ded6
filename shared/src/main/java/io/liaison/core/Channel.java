package io.liaison.core;

/**
 * How a party hears about its requests. Secrets are not part of a channel: the notifier reads a
 * webhook's signing secret separately, so a channel can be shown and logged as it is.
 */
public sealed interface Channel {
    String type();

    /** An HTTPS endpoint that receives notices signed the Standard Webhooks way. */
    record Webhook(String url) implements Channel {
        @Override public String type() { return "webhook"; }
    }

    record Email(String address) implements Channel {
        @Override public String type() { return "email"; }
    }
}
