package io.liaison.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks the contact point for a filed request from the directory, by the policy's rules. */
public final class Routing {
    private Routing() {}

    /**
     * Returns the transition to apply: a {@link Lifecycle.Route}, or a {@link Lifecycle.MarkUnroutable}
     * when the target lacks every contact-point kind the matching rule names (or no rule matches).
     * Filing refuses an instrument that does not bind both sides; a request stored before filing
     * asked (or before the policy changed) is asked again, on its filing date, by the same
     * {@link RoutingPolicy#binding}, and ends UNROUTABLE under {@link Binding#RULE_ID} rather than go
     * to a contact point the instrument does not bind.
     */
    public static Lifecycle.Action decide(Request request, Directory directory, RoutingPolicy policy, Instant now) {
        Filing filing = request.filing();
        String target = filing.targetJurisdiction();
        LocalDate filedOn = LocalDate.ofInstant(request.filedAt(), ZoneOffset.UTC);
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
            Optional<ContactPoint> contactPoint = directory.find(target, kind);
            if (contactPoint.isPresent()) {
                RoutingPolicy.DeadlineRule deadline = policy.deadlines().stream()
                        .filter(d -> d.when().test(filing)).findFirst().orElseThrow();
                return new Lifecycle.Route(contactPoint.get(), chosen.id(), deadline.id(), chosen.description(),
                        now.plus(deadline.acknowledge()), now.plus(deadline.respond()));
            }
        }
        String kinds = chosen.to().stream().map(ContactPointKind::code).collect(Collectors.joining(" or "));
        return new Lifecycle.MarkUnroutable(chosen.id(),
                target + " has no " + kinds + " in the directory, which rule " + chosen.id() + " requires ("
                        + chosen.description() + ")");
    }
}
