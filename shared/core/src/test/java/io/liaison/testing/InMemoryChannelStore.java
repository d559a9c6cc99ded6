package io.liaison.testing;

import io.liaison.core.ChannelStore;
import io.liaison.core.Recipient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered channels in memory; secrets kept beside them, as the table keeps them sealed. */
public final class InMemoryChannelStore implements ChannelStore {
    private final Map<String, Registered> channels = new LinkedHashMap<>();
    private final Map<String, String> secrets = new HashMap<>();

    @Override
    public synchronized Optional<Registered> find(Recipient recipient) {
        return Optional.ofNullable(channels.get(recipient.key()));
    }

    @Override
    public synchronized Optional<String> secret(Recipient recipient) {
        return Optional.ofNullable(secrets.get(recipient.key()));
    }

    @Override
    public synchronized void put(Registered registration, String secret) {
        channels.put(registration.recipient().key(), registration);
        if (secret == null) secrets.remove(registration.recipient().key());
        else secrets.put(registration.recipient().key(), secret);
    }

    @Override
    public synchronized List<Registered> all() {
        return new ArrayList<>(channels.values());
    }
}
