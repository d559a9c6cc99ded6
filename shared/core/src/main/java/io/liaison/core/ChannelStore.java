package io.liaison.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The channels administrators registered, in place of the directory's default e-mail address. */
public interface ChannelStore {
    /** A registered channel; {@code signed} says a webhook secret is stored with it (never the secret itself). */
    record Registered(Recipient recipient, Channel channel, boolean signed, Instant updatedAt, String updatedBy) {}

    Optional<Registered> find(Recipient recipient);

    /** The webhook's signing secret, opened for the notifier; nothing else reads it. */
    Optional<String> secret(Recipient recipient);

    /** Stores the channel, replacing an earlier one; {@code secret} is sealed before it reaches the store (null for e-mail). */
    void put(Registered registration, String secret);

    List<Registered> all();
}
