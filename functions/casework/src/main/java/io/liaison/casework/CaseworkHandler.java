package io.liaison.casework;

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
import io.liaison.core.Lifecycle;
import io.liaison.core.RejectionGround;
import io.liaison.http.ApiRequest;
import io.liaison.http.HttpApi;
import io.liaison.json.AnswerCodec;
import io.liaison.json.FieldReader;
import io.liaison.json.Json;
import io.liaison.json.ResponseViews;
import io.liaison.json.Views;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contact point's writes: acknowledge a routed request (accept, or reject with a ground), and
 * answer an accepted one through the release gate.
 */
public final class CaseworkHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private static final Set<String> FIELDS = Set.of("decision", "ground", "justification", "note");

    private final Wiring wiring;

    public CaseworkHandler() {
        this(Environment.system());
    }

    public CaseworkHandler(Environment env) {
        this(Wiring.from(env, EncryptionSdkCiphers.INSTANCE));
        priming = Priming.register(this::prime);
    }

    /**
     * Before the SnapStart snapshot: the release policy read, the payload cipher built (nothing
     * sealed), an acceptance and a response for a request nobody filed (404, nothing written).
     */
    public void prime() {
        wiring.policies().get();
        wiring.prepareSealing();
        Map<String, String> absent = Map.of("id", Priming.ABSENT_REQUEST);
        Priming.expect(404, handleRequest(Priming.apiEvent("POST /requests/{id}/acknowledgement", absent, Priming.contactPoint(),
                "{\"decision\":\"accept\"}"), Priming.CONTEXT));
        Priming.expect(404, handleRequest(Priming.apiEvent("POST /requests/{id}/responses", absent, Priming.contactPoint(),
                "{\"final\":true,\"tlp\":\"TLP:AMBER\",\"records\":[{\"category\":\"subscriber\",\"owner\":\"data_subject\","
                        + "\"originJurisdiction\":\"DE\",\"fields\":{\"name\":\"priming\"}}]}"), Priming.CONTEXT));
    }

    CaseworkHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "POST /requests/{id}/acknowledgement" -> acknowledge(request);
            case "POST /requests/{id}/notification-clearance" -> HttpApi.result(
                    wiring.responses().clearNotification(request.caller(), request.requestId()),
                    r -> HttpApi.json(200, Views.request(r, wiring.directory())));
            case "POST /requests/{id}/responses" -> respond(request);
            case "POST /requests/{id}/clarification-request" -> HttpApi.result(wiring.requests().askForClarification(
                    request.caller(), request.requestId(), HttpApi.note(request, "question")),
                    r -> HttpApi.json(200, Views.request(r, wiring.directory())));
            default -> HttpApi.unknownRoute(request);
        });
    }

    private APIGatewayV2HTTPResponse acknowledge(ApiRequest request) {
        Caller caller = request.caller();
        String id = request.requestId();
        Lifecycle.Action acknowledgement = acknowledgement(request.jsonBody());
        return HttpApi.result(wiring.requests().acknowledge(caller, id, acknowledgement),
                r -> HttpApi.json(200, Views.request(r, wiring.directory())));
    }

    /** 201 with the gate's decision; what the requester may read is for GET /requests/{id}/responses. */
    private APIGatewayV2HTTPResponse respond(ApiRequest request) {
        Caller caller = request.caller();
        String id = request.requestId();
        Optional<String> idempotencyKey = request.idempotencyKey();
        JsonNode body = request.jsonBody();
        AnswerCodec.Parsed answer = AnswerCodec.read(body);
        HttpApi.requireValid(answer.problems());
        // The same answer, whatever the order of its members, has the same fingerprint.
        var key = idempotencyKey.map(k -> ApiRequest.scoped(caller, id, k, Json.canonical(body)));
        return HttpApi.result(wiring.responses().submit(caller, id, answer.answer(), key),
                r -> HttpApi.json(201, ResponseViews.forContactPoint(r),
                        Map.of("location", "/requests/" + id + "/responses/" + r.number())));
    }

    /** {"decision":"accept","note":...} or {"decision":"reject","ground":...,"justification":...}. */
    private static Lifecycle.Action acknowledgement(JsonNode body) {
        FieldReader in = new FieldReader();
        Lifecycle.Action action = null;
        if (in.object(body, "", FIELDS) != null) {
            String decision = in.text(body, "decision", "/decision", true);
            if ("accept".equals(decision)) {
                String note = in.note(body, "note", "/note", false);
                for (String field : Set.of("ground", "justification")) {
                    if (body.hasNonNull(field)) in.invalid("/" + field, "only a rejection has a " + field);
                }
                action = new Lifecycle.Accept(note);
            } else if ("reject".equals(decision)) {
                RejectionGround ground = in.code(body, "ground", "/ground", RejectionGround.class, true);
                String justification = in.note(body, "justification", "/justification", true);
                if (body.hasNonNull("note")) in.invalid("/note", "a rejection explains itself in justification");
                action = ground == null || justification == null ? null : new Lifecycle.Reject(ground, justification);
            } else if (decision != null) {
                in.invalid("/decision", "'" + decision + "' is not one of: accept, reject");
            }
        }
        HttpApi.requireValid(in);
        return action;
    }
}
