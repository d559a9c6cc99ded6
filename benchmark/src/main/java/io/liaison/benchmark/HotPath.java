package io.liaison.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.audit.EventHashes;
import io.liaison.audit.Hash;
import io.liaison.core.Actor;
import io.liaison.core.Filing;
import io.liaison.core.FilingRules;
import io.liaison.core.Lifecycle;
import io.liaison.core.Request;
import io.liaison.core.Routing;
import io.liaison.json.FilingCodec;
import io.liaison.json.Json;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The core's share of one request, warm, in microseconds: the four steps one at a time, and
 * {@link #hotPath} doing all four in sequence. No I/O, no AWS: DynamoDB, SQS and KMS calls are
 * not part of these figures. The defaults below can be overridden on the command line
 * ({@code -f}, {@code -wi}, {@code -w}, {@code -i}, {@code -r}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class HotPath {

    /** Intake: the body's bytes to a {@link Filing} through FilingCodec, then FilingRules against the directory. */
    @Benchmark
    public void parseAndValidate(HotPathState s, Blackhole bh) {
        bh.consume(parseAndValidate(s));
    }

    /** Router: the routing policy's rules and the directory pick a contact point for the FILED sample. */
    @Benchmark
    public void route(HotPathState s, Blackhole bh) {
        bh.consume(Routing.decide(s.filed, s.directory, s.routingPolicy, HotPathState.NOW));
    }

    /** Casework: the release gate on the sample answer (eight rules, pseudonyms by HMAC-SHA256). */
    @Benchmark
    public void releaseGate(HotPathState s, Blackhole bh) {
        bh.consume(s.gate.evaluate(s.accepted, s.answer, false, HotPathState.NOW));
    }

    /** Audit: one event's entry hash (RFC 8785 canonical JSON, SHA-256) and its link to the chain head. */
    @Benchmark
    public void auditHash(HotPathState s, Blackhole bh) {
        Hash entry = EventHashes.entry(s.routedEvent);
        bh.consume(EventHashes.link(s.trailHead, entry));
    }

    /**
     * The hot path per request: parse and validate the filing, route it (the decision and the
     * transition that writes its audit event), hash and link that event, and gate the sample answer.
     */
    @Benchmark
    public void hotPath(HotPathState s, Blackhole bh) {
        Filing filing = parseAndValidate(s);
        Request filed = Request.filed(HotPathState.REQUEST_ID, s.requester, filing, HotPathState.NOW);
        Lifecycle.Action decision = Routing.decide(filed, s.directory, s.routingPolicy, HotPathState.NOW);
        if (!(Lifecycle.apply(filed, decision, Actor.SYSTEM, HotPathState.NOW) instanceof Lifecycle.Applied routed)) {
            throw new IllegalStateException("the sample filing was checked to route in setUp");
        }
        bh.consume(routed.request());
        Hash entry = EventHashes.entry(routed.event().decidedBy(s.routingPolicy.version()));
        bh.consume(EventHashes.link(s.trailHead, entry));
        bh.consume(s.gate.evaluate(s.accepted, s.answer, false, HotPathState.NOW));
    }

    /** The filing the intake handler would accept, or null if it would refuse it (never for the sample). */
    static Filing parseAndValidate(HotPathState s) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(s.filingBody);
        } catch (IOException e) {
            throw new UncheckedIOException("the sample body is JSON", e);
        }
        FilingCodec.Parsed parsed = FilingCodec.read(body);
        if (parsed.filing() == null) return null;
        return FilingRules.check(parsed.filing(), s.requester, s.directory).isEmpty() ? parsed.filing() : null;
    }
}
