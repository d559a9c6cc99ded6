package io.liaison.core;

import io.liaison.core.webhook.Reach;
import io.liaison.core.webhook.WebhookUrl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which channel each party is notified on. A contact point gets the directory's e-mail address
 * and an agency a demo address, until an administrator registers a webhook or another address.
 * Webhook secrets go in and never come out: no view carries them.
 */
public final class ChannelService {
    private static final Pattern JURISDICTION = Pattern.compile("^[A-Z]{2}$");
    private static final Pattern AGENCY = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final String SECRET_PREFIX = "whsec_";

    private final ChannelStore store;
    private final java.util.function.Supplier<Directory> directory;
    private final Clock clock;
    private final Reach reach;

    /** Webhooks to public hosts only, as on AWS. */
    public ChannelService(ChannelStore store, Directory directory, Clock clock) {
        this(store, directory, clock, Reach.PUBLIC);
    }

    /** @param reach where webhooks may point: the notifier's own setting, so that what is registered can be sent */
    public ChannelService(ChannelStore store, Directory directory, Clock clock, Reach reach) {
        this(store, () -> directory, clock, reach);
    }

    /** @param directory the directory as it stands now: a contact point's default address is its current one */
    public ChannelService(ChannelStore store, java.util.function.Supplier<Directory> directory, Clock clock, Reach reach) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.reach = Objects.requireNonNull(reach, "reach");
    }

    /** The channel in force for a recipient: registered, or else its default. */
    public record InForce(Recipient recipient, Channel channel, boolean registered, boolean signed,
                          Instant updatedAt, String updatedBy) {}

    public InForce channelOf(Recipient recipient) {
        return store.find(recipient).map(r -> new InForce(recipient, r.channel(), true, r.signed(), r.updatedAt(), r.updatedBy()))
                .orElseGet(() -> new InForce(recipient, defaultFor(recipient), false, false, null, null));
    }

    /** The signing secret of a recipient's webhook, for the notifier. */
    public Optional<String> secret(Recipient recipient) {
        return store.secret(recipient);
    }

    public Outcome<List<InForce>> list(Caller caller) {
        if (caller.role() != Role.ADMINISTRATOR) return new Outcome.Forbidden<>("only an administrator manages channels");
        List<InForce> all = new ArrayList<>();
        directory.get().contactPoints().forEach(cp -> all.add(channelOf(new Recipient.ContactPointRecipient(cp.id()))));
        store.all().stream().filter(r -> r.recipient() instanceof Recipient.AgencyRecipient)
                .forEach(r -> all.add(new InForce(r.recipient(), r.channel(), true, r.signed(), r.updatedAt(), r.updatedBy())));
        return new Outcome.Ok<>(all);
    }

    /**
     * Registers a channel. A webhook needs a URL that {@link WebhookUrl#parse} accepts (https to a
     * public host; loopback, and http to it, only where the reach allows: the local server), stored
     * in its normal form, and a Standard Webhooks secret, whsec_ followed by base64 of 24 to 64 bytes.
     */
    public Outcome<InForce> register(Caller caller, Recipient recipient, Channel channel, String secret) {
        if (caller.role() != Role.ADMINISTRATOR) return new Outcome.Forbidden<>("only an administrator registers channels");
        if (recipient instanceof Recipient.ContactPointRecipient cp && directory.get().byId(cp.contactPointId()).isEmpty()) {
            return new Outcome.NotFound<>();
        }
        List<Violation> violations = new ArrayList<>();
        if (recipient instanceof Recipient.AgencyRecipient a
                && (!JURISDICTION.matcher(a.jurisdiction()).matches() || !AGENCY.matcher(a.agency()).matches())) {
            violations.add(new Violation(null, "an agency is named by a two-letter jurisdiction and a code of letters, digits, '.', '_' or '-'"));
        }
        Channel normal = channel;
        switch (channel) {
            case Channel.Webhook w -> {
                switch (WebhookUrl.parse(w.url(), reach)) {
                    case WebhookUrl.Parsed.Accepted a -> normal = new Channel.Webhook(a.url().toString());
                    case WebhookUrl.Parsed.Refused r -> violations.add(new Violation("/url", r.refusal().detail()));
                }
                if (!validSecret(secret)) {
                    violations.add(new Violation("/secret", "a webhook secret is whsec_ followed by the base64 of 24 to 64 random bytes"));
                }
            }
            case Channel.Email e -> {
                if (!Channel.Email.acceptable(e.address())) violations.add(new Violation("/address", "one plain e-mail address"));
                if (secret != null) violations.add(new Violation("/secret", "only a webhook has a secret"));
            }
        }
        if (!violations.isEmpty()) return new Outcome.Invalid<>(violations);
        var registered = new ChannelStore.Registered(recipient, normal, normal instanceof Channel.Webhook, clock.instant(), caller.subject());
        store.put(registered, normal instanceof Channel.Webhook ? secret : null);
        return new Outcome.Ok<>(channelOf(recipient));
    }

    /** The directory's address for a contact point; a demo address (.invalid: it goes nowhere) for an agency. */
    Channel defaultFor(Recipient recipient) {
        return switch (recipient) {
            case Recipient.ContactPointRecipient cp -> new Channel.Email(directory.get().byId(cp.contactPointId())
                    .map(ContactPoint::email).filter(a -> a != null)
                    .orElse(cp.contactPointId().toLowerCase(Locale.ROOT) + "@contact-points.liaison.invalid"));
            case Recipient.AgencyRecipient a -> new Channel.Email(a.agency().toLowerCase(Locale.ROOT) + "@"
                    + a.jurisdiction().toLowerCase(Locale.ROOT) + ".agencies.liaison.invalid");
        };
    }

    private static boolean validSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) return false;
        try {
            int bytes = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            return bytes >= 24 && bytes <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
