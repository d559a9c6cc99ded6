package io.liaison.review;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.store.EncryptionSdkCiphers;
import io.liaison.config.Environment;
import io.liaison.config.Priming;
import io.liaison.config.Wiring;
import io.liaison.core.Caller;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.http.Problem;
import io.liaison.http.ProblemException;
import io.liaison.json.FieldReader;
import io.liaison.json.ResponseViews;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data-protection officer's work: the queue of responses the gate held for the officer's
 * jurisdiction, and the review that releases or blocks one. The author of a response never
 * reviews it (four eyes); the core refuses it.
 */
public final class ReviewHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    static final int DEFAULT_PAGE_SIZE = 20;
    private static final Set<String> FIELDS = Set.of("decision", "reason");
    /** A response number is a trail sequence: a positive whole number, without sign or leading zeros. */
    private static final Pattern NUMBER = Pattern.compile("^[1-9][0-9]{0,17}$");

    private final Wiring wiring;

    public ReviewHandler() {
        this(Environment.system());
    }

    public ReviewHandler(Environment env) {
        this(Wiring.from(env, EncryptionSdkCiphers.INSTANCE));
        priming = Priming.register(this::prime);
    }

    /**
     * Before the SnapStart snapshot: the release policy read, the payload cipher built (nothing
     * sealed), and a review of a response nobody wrote (404, nothing written).
     */
    public void prime() {
        wiring.policies().get();
        wiring.prepareSealing();
        Priming.expect(404, handleRequest(Priming.apiEvent("POST /requests/{id}/responses/{number}/review",
                Map.of("id", Priming.ABSENT_REQUEST, "number", "1"), Priming.officer(),
                "{\"decision\":\"approve\",\"reason\":\"priming\"}"), Priming.CONTEXT));
    }

    ReviewHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "GET /reviews" -> queue(request);
            case "GET /requests/{id}/responses/{number}" -> HttpApi.result(
                    wiring.responses().forReview(request.caller(), request.requestId(), responseNumber(event)),
                    r -> HttpApi.json(200, ResponseViews.forReview(r)));
            case "POST /requests/{id}/responses/{number}/review" -> review(request, event);
            default -> HttpApi.unknownRoute(request);
        });
    }

    private APIGatewayV2HTTPResponse queue(ApiRequest request) {
        Caller caller = request.caller();
        int limit = request.pageSize(DEFAULT_PAGE_SIZE);
        String cursor = request.query("cursor").filter(c -> !c.isEmpty()).orElse(null);
        return HttpApi.result(wiring.responses().reviewQueue(caller, cursor, limit),
                page -> HttpApi.json(200, ResponseViews.queue(page)));
    }

    private APIGatewayV2HTTPResponse review(ApiRequest request, APIGatewayV2HTTPEvent event) {
        Caller caller = request.caller();
        String id = request.requestId();
        long number = responseNumber(event);
        Decision decision = decision(request.jsonBody());
        return HttpApi.result(wiring.responses().review(caller, id, number, decision.approve(), decision.reason()),
                r -> HttpApi.json(200, ResponseViews.forOfficer(r)));
    }

    private record Decision(boolean approve, String reason) {}

    /** {"decision": "approve" | "block", "reason": "..."}: an officer always says why. */
    private static Decision decision(JsonNode body) {
        FieldReader in = new FieldReader();
        Decision decision = null;
        if (in.object(body, "", FIELDS) != null) {
            String verb = in.text(body, "decision", "/decision", true);
            String reason = in.note(body, "reason", "/reason", true);
            if (verb != null && !verb.equals("approve") && !verb.equals("block")) {
                in.invalid("/decision", "'" + verb + "' is not one of: approve, block");
            }
            if (in.ok()) decision = new Decision(verb.equals("approve"), reason);
        }
        HttpApi.requireValid(in);
        return decision;
    }

    /** The {number} path parameter; a number that cannot exist is simply not found. */
    static long responseNumber(APIGatewayV2HTTPEvent event) {
        String text = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("number")).orElse(null);
        if (text == null || !NUMBER.matcher(text).matches()) throw new ProblemException(Problem.notFound());
        return Long.parseLong(text);
    }
}
