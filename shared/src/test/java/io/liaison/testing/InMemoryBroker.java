package io.liaison.testing;

import io.liaison.config.PolicyFiles;
import io.liaison.config.Wiring;
import io.liaison.core.Directory;
import io.liaison.core.RequestService;
import io.liaison.core.RoutingPolicy;
import io.liaison.json.Json;

/**
 * The request path over an {@link InMemoryRequestStore}, with the demo directory and routing
 * policy, a {@link TestClock} and {@link SequentialIds}: what the handlers get from
 * {@link Wiring#from} on Lambda, minus DynamoDB.
 */
public final class InMemoryBroker {
    public static final Directory DIRECTORY = PolicyFiles.directory(Json.MAPPER);
    public static final RoutingPolicy POLICY = PolicyFiles.routingPolicy(Json.MAPPER);

    public final InMemoryRequestStore store = new InMemoryRequestStore();
    public final TestClock clock = new TestClock();
    public final RequestService requests;
    public final Wiring wiring;

    /** A broker whose first requests get {@code firstIds}, in order. */
    public InMemoryBroker(String... firstIds) {
        this.requests = new RequestService(store, DIRECTORY, POLICY, clock, new SequentialIds(firstIds));
        this.wiring = new Wiring(requests, DIRECTORY);
    }
}
