package io.liaison.policy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.config.Environment;
import io.liaison.config.Wiring;
import io.liaison.core.gate.PolicyStore;
import io.liaison.http.HttpApi;
import io.liaison.json.Json;
import io.liaison.json.Times;

/** The administrator's release policy: read the current or an earlier version, replace the current one. */
public final class PolicyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Wiring wiring;

    public PolicyHandler() {
        this(Environment.system());
    }

    public PolicyHandler(Environment env) {
        this(Wiring.from(env));
    }

    PolicyHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> switch (request.routeKey()) {
            case "GET /policy" -> HttpApi.result(wiring.policies().read(request.caller(), request.query("version")),
                    p -> HttpApi.json(200, view(p)));
            case "PUT /policy" -> {
                var caller = request.caller();
                String document = request.jsonBody().toString();
                yield HttpApi.result(wiring.policies().replace(caller, document), p -> HttpApi.json(200, view(p)));
            }
            default -> HttpApi.unknownRoute(request);
        });
    }

    private static ObjectNode view(PolicyStore.StoredPolicy policy) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("version", policy.version());
        out.put("revision", policy.revision());
        out.put("author", policy.author());
        out.put("storedAt", Times.format(policy.storedAt()));
        try {
            out.set("document", Json.MAPPER.readTree(policy.document()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored policy is always JSON", e);
        }
        return out;
    }
}
