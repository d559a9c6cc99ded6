package io.liaison.tracking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.liaison.store.EncryptionSdkCiphers;
import io.liaison.config.Environment;
import io.liaison.config.Priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import io.liaison.config.Wiring;
import io.liaison.core.Coded;
import io.liaison.core.Status;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.json.ResponseViews;
import io.liaison.json.Views;


/** What the parties of a request read: the list in their scope, one request, its trail, its responses. */
public final class TrackingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    static final int DEFAULT_PAGE_SIZE = 20;

    private final Wiring wiring;

    public TrackingHandler() {
        this(Environment.system());
    }

    public TrackingHandler(Environment env) {
        this(Wiring.from(env, EncryptionSdkCiphers.INSTANCE));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: a request and its trail that do not exist (404, nothing written). */
    public void prime() {
        Map<String, String> absent = Map.of("id", Priming.ABSENT_REQUEST);
        Priming.expect(404, handleRequest(Priming.apiEvent("GET /requests/{id}", absent, Priming.requester(), null), Priming.CONTEXT));
        Priming.expect(404, handleRequest(Priming.apiEvent("GET /requests/{id}/events", absent, Priming.requester(), null), Priming.CONTEXT));
    }

    TrackingHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "GET /requests" -> list(request);
            case "GET /requests/{id}" -> HttpApi.result(wiring.requests().get(request.caller(), request.requestId()),
                    r -> HttpApi.json(200, Views.request(r, wiring.directory())));
            case "GET /requests/{id}/events" -> HttpApi.result(wiring.requests().events(request.caller(), request.requestId()),
                    events -> HttpApi.json(200, Views.events(request.requestId(), events)));
            case "GET /requests/{id}/responses" -> responses(request);
            default -> HttpApi.unknownRoute(request);
        });
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        var caller = request.caller();
        Status status = request.query("status").map(s -> Coded.parse(Status.class, s).orElseThrow(() ->
                ApiRequest.badQuery("/status", "'" + s + "' is not one of: " + Coded.allowed(Status.class)))).orElse(null);
        int limit = request.pageSize(DEFAULT_PAGE_SIZE);
        String cursor = request.query("cursor").filter(c -> !c.isEmpty()).orElse(null);
        return HttpApi.result(wiring.requests().list(caller, status, cursor, limit),
                page -> HttpApi.json(200, Views.page(page, wiring.directory())));
    }

    /** The requester reads released payloads (each read recorded in the trail); the contact point the decisions. */
    private APIGatewayV2HTTPResponse responses(ApiRequest request) {
        var caller = request.caller();
        String id = request.requestId();
        return HttpApi.result(wiring.requests().summary(caller, id), filed ->
                HttpApi.result(wiring.responses().read(caller, id), seen ->
                        HttpApi.json(200, ResponseViews.list(id, seen, caller.role(), filed.filing().pap()))));
    }
}
