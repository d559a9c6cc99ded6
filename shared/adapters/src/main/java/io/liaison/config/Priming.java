package io.liaison.config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.crac.Core;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a function does before Lambda takes its SnapStart snapshot: it runs its own code paths once
 * (reading and validating JSON, answering an API event, a DynamoDB read) so that the classes are
 * loaded, the clients connected and the code compiled in the snapshot, not in the first request
 * after a restore. Registered with org.crac, it runs only when a snapshot is taken: never on a plain
 * JVM, in the local server or in tests, which call {@link #prime()} themselves.
 *
 * <p>Priming reads and never writes, and creates nothing that must differ between restored copies:
 * no ids, no random values, no timestamps kept (the Lambda context has a fixed request id).
 */
public final class Priming implements Resource {
    /** A request id no request has: the API events ask for it and get 404, having run everything up to the read. */
    public static final String ABSENT_REQUEST = "00000000-0000-4000-8000-000000000000";

    private final Runnable steps;

    private Priming(Runnable steps) {
        this.steps = steps;
    }

    /** Registers {@code steps} to run before the snapshot. Keep the result: org.crac holds resources weakly. */
    public static Priming register(Runnable steps) {
        Priming priming = new Priming(steps);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Runs the steps. A failure is reported, not thrown: a function that could not prime still works
     * (its first request after a restore is slower), whereas a failed hook would fail the deployment.
     */
    public void prime() {
        try {
            steps.run();
        } catch (RuntimeException e) {
            System.err.println("WARN priming before the snapshot stopped early: " + e);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: clients re-resolve credentials from the container, and nothing unique was made.
    }

    /**
     * The response of a priming event, which must have the status the step was written for: a
     * priming path that breaks (a 500 where a 404 was meant) fails loudly in tests.
     */
    public static void expect(int status, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("priming expected " + status + " and got " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    /** An HTTP API event as API Gateway sends it after its JWT authorizer accepted {@code claims}. */
    public static APIGatewayV2HTTPEvent apiEvent(String routeKey, Map<String, String> pathParameters,
                                                 Map<String, String> claims, String body) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withPathParameters(pathParameters.isEmpty() ? null : new HashMap<>(pathParameters))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(routeKey.substring(0, routeKey.indexOf(' '))).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(new HashMap<>(claims)).build())
                                .build())
                        .build())
                .build();
        // Read back as Lambda's stream entry reads API Gateway's JSON (HttpApi.serve): its reader is built before the snapshot too.
        try {
            return io.liaison.http.HttpApi.event(io.liaison.json.Json.MAPPER.writeValueAsBytes(event));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a priming event is JSON", e);
        }
    }

    /** The sample filing of events/intake-file-request.json: a preservation request from NL to DE. */
    public static String sampleFiling() {
        try (var in = Priming.class.getResourceAsStream("/liaison/priming-filing.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the sample filing is packaged with the code", e);
        }
    }

    /** The claims of a demo user of each role, as the authorizer passes them on. */
    public static Map<String, String> requester() {
        return Map.of("sub", "priming", "role", "requester", "jurisdiction", "NL", "agency", "NL-POLITIE-THTC");
    }

    public static Map<String, String> contactPoint() {
        return Map.of("sub", "priming", "role", "contact_point", "jurisdiction", "DE", "contact_point", "DE-POC247");
    }

    public static Map<String, String> officer() {
        return Map.of("sub", "priming", "role", "dpo", "jurisdiction", "DE");
    }

    public static Map<String, String> auditor() {
        return Map.of("sub", "priming", "role", "auditor", "jurisdiction", "NL");
    }

    public static Map<String, String> administrator() {
        return Map.of("sub", "priming", "role", "admin", "jurisdiction", "NL");
    }

    /** The Lambda context of the priming invocations: fixed values, nothing unique. */
    public static final Context CONTEXT = new InvocationContext(
            System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "priming"), "priming");
}
