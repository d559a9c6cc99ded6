package io.liaison.digest;

import io.liaison.ops.Invocation;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.liaison.config.Clients;
import io.liaison.config.BatchEvents;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.store.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Runs every hour: writes the signed digest of the hour that just ended, and of the one before if
 * a run was missed. Writing a digest that exists changes nothing, so a retried run is harmless.
 * The EventBridge event is read as a plain map: nothing in it is needed, and aws-lambda-java-events'
 * ScheduledEvent would need joda-time.
 */
public final class DigestHandler implements RequestHandler<Map<String, Object>, String>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final Digests digests;
    private final Clock clock;

    public DigestHandler() {
        this(Environment.system());
    }

    public DigestHandler(Environment env) {
        this(new Digests(Clients.dynamoDb(env), env.require(Environment.TABLE_NAME), Wiring.digestSigner(env)), Clock.systemUTC());
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: a read of the digest of an hour long gone (nothing written). */
    public void prime() {
        digests.read(Digests.hourOf(java.time.Instant.EPOCH));
    }

    DigestHandler(Digests digests, Clock clock) {
        this.digests = digests;
        this.clock = clock;
    }

    /** Lambda's entry (template.yaml names the class): the event read and the result written by Liaison (docs/decisions/0027). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BatchEvents.result(output, handleRequest(BatchEvents.scheduled(input), context));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Invocation.run(context, () -> {
            Instant thisHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
            digests.write(thisHour.minus(2, ChronoUnit.HOURS));
            return digests.write(thisHour.minus(1, ChronoUnit.HOURS)).hour();
        });
    }
}
