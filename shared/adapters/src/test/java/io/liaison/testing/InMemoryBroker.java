package io.liaison.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.config.PolicyFiles;
import io.liaison.config.Wiring;
import io.liaison.core.DataCategory;
import io.liaison.core.Directory;
import io.liaison.core.Filed;
import io.liaison.core.Filing;
import io.liaison.core.Instrument;
import io.liaison.core.Lifecycle;
import io.liaison.core.Outcome;
import io.liaison.core.Request;
import io.liaison.core.RequestType;
import io.liaison.core.RequestService;
import io.liaison.core.ResponseService;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.Urgency;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.HmacPseudonyms;
import io.liaison.core.gate.PolicyService;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.core.gate.ReleasePolicy;
import io.liaison.json.AnswerCodec;
import io.liaison.json.Json;

import java.util.Optional;

/**
 * The request and response paths over an {@link InMemoryRequestStore}, with the demo directory,
 * routing and release policies, a {@link TestClock} and {@link SequentialIds}: what the handlers
 * get from {@link Wiring#from} on Lambda, minus DynamoDB and payload encryption.
 */
public final class InMemoryBroker {
    public static final Directory DIRECTORY = PolicyFiles.directory(Json.MAPPER);
    public static final RoutingPolicy POLICY = PolicyFiles.routingPolicy(Json.MAPPER);
    public static final ReleasePolicy RELEASE_POLICY = PolicyFiles.releasePolicy(Json.MAPPER);
    /** A fixed pseudonym key, so that tests can compute the token a value gets. */
    public static final HmacPseudonyms PSEUDONYMS = new HmacPseudonyms(new byte[32]);

    public final InMemoryRequestStore store = new InMemoryRequestStore();
    public final TestClock clock = new TestClock();
    public final RequestService requests;
    public final ResponseService responses;
    public final InMemoryPolicyStore policyStore = new InMemoryPolicyStore();
    public final PolicyService policies;
    public final InMemoryChannelStore channelStore = new InMemoryChannelStore();
    public final io.liaison.core.ChannelService channels;
    public final io.liaison.core.NotificationService notifications;
    public final io.liaison.core.DeadlineMonitor deadlines;
    public final Wiring wiring;

    /** A broker whose first requests get {@code firstIds}, in order. */
    public InMemoryBroker(String... firstIds) {
        this.requests = new RequestService(store, DIRECTORY, POLICY, clock, new SequentialIds(firstIds));
        this.policies = new PolicyService(policyStore, PolicyFiles::readReleasePolicy, PolicyFiles.releasePolicyDocument(), clock);
        this.responses = new ResponseService(store, store, () -> new ReleaseGate(policies.get(), PSEUDONYMS), clock);
        this.channels = new io.liaison.core.ChannelService(channelStore, DIRECTORY, clock);
        this.notifications = new io.liaison.core.NotificationService(store, clock);
        this.deadlines = new io.liaison.core.DeadlineMonitor(store, DIRECTORY, POLICY);
        this.wiring = new Wiring(requests, responses, policies, DIRECTORY, channels, notifications, deadlines);
    }

    /**
     * The request events/casework-respond.json answers: the Dutch police ask Germany in an emergency
     * for subscriber data under Budapest Art. 31, so it is routed to DE-POC247 (R1-EMERGENCY).
     */
    public static Filing subscriberDataFiling() {
        return Filings.preservation().type(RequestType.SUBSCRIBER_DATA).urgency(Urgency.EMERGENCY)
                .legalBasis(Instrument.BUDAPEST_CONVENTION, "31").dataCategories(DataCategory.SUBSCRIBER).build();
    }

    /** Files {@code filing} as the Dutch police, routes it and has DE-POC247 accept it: version 3, ready to be answered. */
    public Request acceptedByDePoc247(Filing filing) {
        Request filed = ((Outcome.Ok<Filed>) requests.file(Callers.NL_POLICE, filing, Optional.empty())).value().request();
        requests.route(filed.id()).orElseThrow();
        Outcome<Request> accepted = requests.acknowledge(Callers.DE_POC247, filed.id(), new Lifecycle.Accept(null));
        return ((Outcome.Ok<Request>) accepted).value();
    }

    /**
     * The answer of events/casework-respond.json; with {@code specialCategory}, its first record (the
     * account holder's subscriber data) is marked as a special category of personal data, which the gate holds.
     */
    public static Answer sampleAnswer(boolean specialCategory) {
        ObjectNode body = SampleEvents.jsonBody(SampleEvents.httpApi("casework-respond.json"));
        if (specialCategory) ((ObjectNode) body.get("records").get(0)).put("specialCategory", true);
        return AnswerCodec.read(body).answer();
    }
}
