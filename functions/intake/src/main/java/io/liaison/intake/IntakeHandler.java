package io.liaison.intake;

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
import io.liaison.core.RequestStore.IdempotencyKey;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.json.FieldReader;
import io.liaison.json.FilingCodec;
import io.liaison.json.Views;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The requester's function: file a request (and see what it may rest on), withdraw it, answer a clarification, extend a preservation. */
public final class IntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final Wiring wiring;

    public IntakeHandler() {
        this(Environment.system());
    }

    public IntakeHandler(Environment env) {
        this(Wiring.from(env, EncryptionSdkCiphers.INSTANCE));
        priming = Priming.register(this::prime);
    }

    /**
     * Before the SnapStart snapshot: the sample filing read and validated, then refused because a
     * contact point does not file (nothing is written); a withdrawal of a request nobody filed (404);
     * the payload cipher built (nothing sealed), since every filing seals what the requester wrote.
     */
    public void prime() {
        wiring.prepareSealing();
        Priming.expect(403, handleRequest(Priming.apiEvent("POST /requests", Map.of(), Priming.contactPoint(), Priming.sampleFiling()), Priming.CONTEXT));
        Priming.expect(404, handleRequest(Priming.apiEvent("POST /requests/{id}/withdrawal", Map.of("id", Priming.ABSENT_REQUEST),
                Priming.requester(), "{\"reason\":\"priming\"}"), Priming.CONTEXT));
    }

    IntakeHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "POST /requests" -> file(request);
            case "POST /requests/{id}/withdrawal" -> withdraw(request);
            case "POST /requests/{id}/clarification" -> HttpApi.result(wiring.requests().clarify(
                    request.caller(), request.requestId(), HttpApi.note(request, "answer")),
                    r -> HttpApi.json(200, Views.request(r, wiring.directory())));
            case "POST /requests/{id}/preservation-extension" -> extendPreservation(request);
            case "GET /legal-bases" -> legalBases(request);
            default -> HttpApi.unknownRoute(request);
        });
    }

    private APIGatewayV2HTTPResponse file(ApiRequest request) {
        Caller caller = request.caller();
        Optional<String> idempotencyKey = request.idempotencyKey();
        FilingCodec.Parsed parsed = FilingCodec.read(request.jsonBody());
        HttpApi.requireValid(parsed.problems());
        Optional<IdempotencyKey> key = idempotencyKey.map(k -> ApiRequest.scoped(caller, null, k,
                FilingCodec.write(parsed.filing()).toString()));
        return HttpApi.result(wiring.requests().file(caller, parsed.filing(), key), filed -> HttpApi.json(201,
                Views.request(filed.request(), wiring.directory()),
                Map.of("location", "/requests/" + filed.request().id(),
                        "idempotent-replayed", Boolean.toString(filed.replayed()))));
    }

    private APIGatewayV2HTTPResponse legalBases(ApiRequest request) {
        Optional<String> target = request.query("targetJurisdiction");
        if (target.isPresent() && !target.get().matches("[A-Z]{2}")) {
            throw ApiRequest.badQuery("/targetJurisdiction", "an ISO 3166-1 alpha-2 country code such as DE");
        }
        var outcome = wiring.requests().legalBases(request.caller(), target);
        // A target the directory does not serve is a wrong query parameter, as a malformed one is.
        if (outcome instanceof io.liaison.core.Outcome.Invalid<?> invalid) {
            throw ApiRequest.badQuery("/targetJurisdiction", invalid.violations().getFirst().detail());
        }
        return HttpApi.result(outcome, bases -> HttpApi.json(200, io.liaison.json.LegalBasesJson.write(bases)));
    }

    private APIGatewayV2HTTPResponse extendPreservation(ApiRequest request) {
        Caller caller = request.caller();
        String id = request.requestId();
        HttpApi.requireNoInput(request);
        return HttpApi.result(wiring.requests().extendPreservation(caller, id),
                r -> HttpApi.json(200, Views.request(r, wiring.directory())));
    }

    private APIGatewayV2HTTPResponse withdraw(ApiRequest request) {
        return HttpApi.result(wiring.requests().withdraw(request.caller(), request.requestId(), HttpApi.note(request, "reason")),
                r -> HttpApi.json(200, Views.request(r, wiring.directory())));
    }
}
