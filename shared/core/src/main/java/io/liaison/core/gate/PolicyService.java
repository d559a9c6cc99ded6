package io.liaison.core.gate;

import io.liaison.core.Caller;
import io.liaison.core.Outcome;
import io.liaison.core.Role;
import io.liaison.core.Violation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The release policy an administrator maintains: read the current or any earlier version, replace
 * the current one with a document that parses and names only real jurisdictions. Until the first
 * replacement the packaged demo policy is current.
 */
public final class PolicyService implements Supplier<ReleasePolicy> {
    /** How long a function keeps the current policy before it looks again. */
    static final Duration CACHE = Duration.ofSeconds(30);

    /** Reads a policy document: the policy, or what is wrong with it. */
    @FunctionalInterface
    public interface Reader {
        Read read(String document);
    }

    public sealed interface Read {}

    public record Valid(ReleasePolicy policy) implements Read {}

    public record Invalid(List<Violation> violations) implements Read {}

    private final PolicyStore store;
    private final Reader reader;
    private final PolicyStore.StoredPolicy packaged;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(ReleasePolicy policy, Instant until) {}

    public PolicyService(PolicyStore store, Reader reader, String packagedDocument, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
        ReleasePolicy policy = valid(reader.read(packagedDocument));
        this.packaged = new PolicyStore.StoredPolicy(policy.version(), 0, packagedDocument, "packaged", Instant.EPOCH);
    }

    /** The current policy, as the gate decides by it; looked up again after {@link #CACHE}. */
    @Override
    public ReleasePolicy get() {
        Cached now = cached;
        if (now != null && clock.instant().isBefore(now.until())) return now.policy();
        ReleasePolicy policy = valid(reader.read(current().document()));
        cached = new Cached(policy, clock.instant().plus(CACHE));
        return policy;
    }

    public Outcome<PolicyStore.StoredPolicy> read(Caller caller, Optional<String> version) {
        if (caller.role() == Role.REQUESTER || caller.role() == Role.CONTACT_POINT) {
            return new Outcome.Forbidden<>("the policy is read by administrators, data-protection officers and auditors");
        }
        if (version.isEmpty()) return new Outcome.Ok<>(current());
        if (version.get().equals(packaged.version())) return new Outcome.Ok<>(packaged);
        return store.version(version.get()).<Outcome<PolicyStore.StoredPolicy>>map(Outcome.Ok::new)
                .orElseGet(Outcome.NotFound::new);
    }

    public Outcome<PolicyStore.StoredPolicy> replace(Caller caller, String document) {
        if (caller.role() != Role.ADMINISTRATOR) return new Outcome.Forbidden<>("only an administrator replaces the policy");
        Read read = reader.read(document);
        if (read instanceof Invalid invalid) return new Outcome.Invalid<>(invalid.violations());
        ReleasePolicy policy = ((Valid) read).policy();
        if (policy.version().equals(packaged.version()) || store.version(policy.version()).isPresent()) {
            return new Outcome.Conflict<>("a policy version named '" + policy.version() + "' exists; versions are never replaced, name a new one");
        }
        long currentRevision = store.current().map(PolicyStore.StoredPolicy::revision).orElse(0L);
        var next = new PolicyStore.StoredPolicy(policy.version(), currentRevision + 1, document, caller.subject(), clock.instant());
        if (!store.replace(next, currentRevision)) {
            return new Outcome.Conflict<>("the policy was replaced by someone else at the same moment; read it again");
        }
        cached = null;
        return new Outcome.Ok<>(next);
    }

    private PolicyStore.StoredPolicy current() {
        return store.current().orElse(packaged);
    }

    private static ReleasePolicy valid(Read read) {
        return switch (read) {
            case Valid v -> v.policy();
            case Invalid i -> throw new IllegalStateException("a stored release policy does not read: " + i.violations());
        };
    }
}
