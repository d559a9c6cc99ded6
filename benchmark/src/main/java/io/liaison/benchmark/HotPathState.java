package io.liaison.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Actor;
import io.liaison.core.AuditEvent;
import io.liaison.core.Directory;
import io.liaison.core.Filing;
import io.liaison.core.Lifecycle;
import io.liaison.core.Request;
import io.liaison.core.Requester;
import io.liaison.core.Routing;
import io.liaison.core.RoutingPolicy;
import io.liaison.core.gate.Answer;
import io.liaison.core.gate.HmacPseudonyms;
import io.liaison.core.gate.ReleaseGate;
import io.liaison.json.AnswerCodec;
import io.liaison.json.FilingCodec;
import io.liaison.json.Json;
import io.liaison.testing.Callers;
import io.liaison.testing.InMemoryBroker;
import io.liaison.testing.SequentialIds;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a warm container holds before a request arrives (the packaged directory and policies, the
 * gate with its pseudonym key) and the request itself, all read once in {@link #setUp()}: the
 * measured methods do no I/O. Every input is checked here to take the path a good request takes
 * (parses, no violation, routed, gated), so that no benchmark measures a rejection by mistake.
 */
@State(Scope.Benchmark)
public class HotPathState {
    /** The clock of the benchmarks: the morning the sample events were filed. */
    static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    static final String REQUEST_ID = SequentialIds.SAMPLE_REQUEST_ID;

    /** The JSON body of events/intake-file-request.json, as bytes off the wire. */
    byte[] filingBody;
    /** Who filed it, from the sample's JWT claims (the Dutch police). */
    Requester requester;
    Directory directory;
    RoutingPolicy routingPolicy;
    ReleaseGate gate;

    /** The sample filing, FILED: what the router gets from the stream. */
    Request filed;
    /** The request events/casework-respond.json answers, routed to DE-POC247 and accepted, as the tests build it. */
    Request accepted;
    /** The answer of events/casework-respond.json. */
    Answer answer;
    /** The audit event routing the sample filing writes, and the chain head it links to (the FILED event's). */
    AuditEvent routedEvent;
    Hash trailHead;

    @Setup(Level.Trial)
    public void setUp() {
        filingBody = jsonBody("intake-file-request.json").toString().getBytes(StandardCharsets.UTF_8);
        requester = new Requester(Callers.NL_POLICE.jurisdiction(), Callers.NL_POLICE.agency(), Callers.NL_POLICE.subject());
        directory = PolicyFiles.directory(Json.MAPPER);
        routingPolicy = PolicyFiles.routingPolicy(Json.MAPPER);
        gate = new ReleaseGate(PolicyFiles.releasePolicy(Json.MAPPER), new HmacPseudonyms(new byte[32]));

        Filing filing = HotPath.parseAndValidate(this);
        if (filing == null) throw new IllegalStateException("the sample filing does not pass intake");
        filed = Request.filed(REQUEST_ID, requester, filing, NOW);
        Lifecycle.Action decision = Routing.decide(filed, directory, routingPolicy, NOW);
        if (!(decision instanceof Lifecycle.Route)) throw new IllegalStateException("the sample filing is not routed: " + decision);
        if (!(Lifecycle.apply(filed, decision, Actor.SYSTEM, NOW) instanceof Lifecycle.Applied routed)) {
            throw new IllegalStateException("a FILED request cannot be routed");
        }
        routedEvent = routed.event().decidedBy(routingPolicy.version());
        trailHead = EventHashes.entry(Lifecycle.filingEvent(filed, Actor.of(Callers.NL_POLICE)));

        accepted = new InMemoryBroker(REQUEST_ID).acceptedByDePoc247(InMemoryBroker.subscriberDataFiling());
        AnswerCodec.Parsed parsedAnswer = AnswerCodec.read(jsonBody("casework-respond.json"));
        if (parsedAnswer.answer() == null) throw new IllegalStateException("the sample answer does not parse");
        answer = parsedAnswer.answer();
    }

    /** The body of an API Gateway sample under events/, which the build packs into the jar. */
    private static JsonNode jsonBody(String event) {
        try (InputStream in = HotPathState.class.getResourceAsStream("/events/" + event)) {
            if (in == null) throw new IllegalStateException("events/" + event + " is not in the benchmark jar");
            return Json.MAPPER.readTree(Json.MAPPER.readTree(in).path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + event + " does not parse", e);
        }
    }
}
