package io.liaison.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the contact point for a filed request from the directory, by the policy's rules, both as
 * they stood when the request was filed. A preview and the router call the same {@link #decide}.
 */
public final class Routing {
    private Routing() {}

    /**
     * Returns the transition to apply: a {@link Lifecycle.Route}, or a {@link Lifecycle.MarkUnroutable}
     * when the target lacks every contact-point kind the matching rule names (or no rule matches).
     * Filing refuses an instrument that does not bind both sides; a request stored before filing
     * asked (or before the policy changed) is asked again, on its filing date, by the same
     * {@link RoutingPolicy#binding}, and ends UNROUTABLE under {@link Binding#RULE_ID} rather than go
     * to a contact point the instrument does not bind. The contact point is the one the directory
     * had at the filing instant; one unavailable then passes the request down its backup chain.
     * Deadlines run from {@code now}, the routing time.
     */
    public static Lifecycle.Action decide(Request request, Directory directory, RoutingPolicy policy, Instant now) {
        return decide(request, new Network.Snapshot(1, directory, 1, policy), now);
    }

    public static Lifecycle.Action decide(Request request, Network.Snapshot network, Instant now) {
        Filing filing = request.filing();
        RoutingPolicy policy = network.rules();
        Directory directory = network.directory();
        String target = filing.targetJurisdiction();
        Instant filedAt = request.filedAt();
        LocalDate filedOn = LocalDate.ofInstant(filedAt, ZoneOffset.UTC);
        if (policy.binding(filing.legalBasis().instrument(), request.requester().jurisdiction(), target, filedOn)
                instanceof Binding.DoesNotBind refused) {
            return new Lifecycle.MarkUnroutable(Binding.RULE_ID, "the legal basis does not bind both sides under policy "
                    + policy.version() + " on the filing date " + filedOn + " (filing refuses such a request; this one was"
                    + " stored before it did, or under another policy): " + refused.reason());
        }
        Optional<RoutingPolicy.RoutingRule> rule = policy.rules().stream().filter(r -> r.when().test(filing)).findFirst();
        if (rule.isEmpty()) {
            return new Lifecycle.MarkUnroutable(null,
                    "no routing rule of policy " + policy.version() + " covers a " + filing.type().code()
                            + " request under " + filing.legalBasis().instrument().code());
        }
        RoutingPolicy.RoutingRule chosen = rule.get();
        for (ContactPointKind kind : chosen.to()) {
            Optional<ContactPoint> contactPoint = directory.find(target, kind, filedAt, filing);
            if (contactPoint.isPresent()) {
                Directory.Taker taker = directory.taker(contactPoint.get(), filedAt);
                RoutingPolicy.DeadlineRule deadline = policy.deadlines().stream()
                        .filter(d -> d.when().test(filing)).findFirst().orElseThrow();
                String reason = taker.skipped().isEmpty() ? chosen.description() : chosen.description() + "; " + taker.text();
                return new Lifecycle.Route(taker.contactPoint(), chosen.id(), deadline.id(), reason,
                        now.plus(deadline.acknowledge()), now.plus(deadline.respond()));
            }
        }
        String kinds = chosen.to().stream().map(ContactPointKind::code).collect(Collectors.joining(" or "));
        return new Lifecycle.MarkUnroutable(chosen.id(),
                target + " has no " + kinds + " in the directory, which rule " + chosen.id() + " requires ("
                        + chosen.description() + ")");
    }
}
