package io.liaison.core;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks the contact point for a filed request from the directory, by the policy's rules. */
public final class Routing {
    private Routing() {}

    /** Returns the transition to apply: a {@link Lifecycle.Route} or a {@link Lifecycle.MarkUnroutable}. */
    public static Lifecycle.Action decide(Request request, Directory directory, RoutingPolicy policy, Instant now) {
        Filing filing = request.filing();
        String target = filing.targetJurisdiction();
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
