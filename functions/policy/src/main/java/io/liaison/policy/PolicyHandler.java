package io.liaison.policy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.config.Environment;
import io.liaison.config.Priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import io.liaison.config.Wiring;
import io.liaison.core.Channel;
import io.liaison.core.ChannelService;
import io.liaison.core.Recipient;
import io.liaison.core.gate.PolicyStore;
import io.liaison.http.ApiRequest;
import io.liaison.json.FieldReader;
import io.liaison.http.HttpApi;
import io.liaison.json.Json;
import io.liaison.json.Times;

/**
 * The administrator's settings: the release policy (read the current or an earlier version,
 * replace the current one) and the channels contact points and agencies are notified on.
 */
public final class PolicyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {
    /** Kept here because org.crac holds its resources weakly. */
    private Priming priming;
    private final Wiring wiring;

    public PolicyHandler() {
        this(Environment.system());
    }

    public PolicyHandler(Environment env) {
        this(Wiring.from(env));
        priming = Priming.register(this::prime);
    }

    /** Before the SnapStart snapshot: the policy read as an administrator reads it (nothing written). */
    public void prime() {
        Priming.expect(200, handleRequest(Priming.apiEvent("GET /policy", Map.of(), Priming.administrator(), null), Priming.CONTEXT));
    }

    PolicyHandler(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApi.serve(input, output, context, this::handleRequest);
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
            case "GET /channels" -> HttpApi.result(wiring.channels().list(request.caller()), all -> {
                var out = Json.MAPPER.createObjectNode();
                var items = out.putArray("items");
                all.forEach(c -> items.add(channel(c)));
                return HttpApi.json(200, out);
            });
            case "PUT /channels/contact-points/{contactPointId}" ->
                    register(request, new Recipient.ContactPointRecipient(String.valueOf(request.path("contactPointId"))));
            case "PUT /channels/agencies/{jurisdiction}/{agency}" -> register(request,
                    new Recipient.AgencyRecipient(String.valueOf(request.path("jurisdiction")), String.valueOf(request.path("agency"))));
            default -> HttpApi.unknownRoute(request);
        });
    }

    private static final java.util.Set<String> CHANNEL_FIELDS = java.util.Set.of("type", "url", "secret", "address");

    /** {"type":"webhook","url":...,"secret":"whsec_..."} or {"type":"email","address":...}. */
    private APIGatewayV2HTTPResponse register(ApiRequest request, Recipient recipient) {
        var caller = request.caller();
        var body = request.jsonBody();
        FieldReader in = new FieldReader();
        Channel channel = null;
        String secret = null;
        if (in.object(body, "", CHANNEL_FIELDS) != null) {
            String type = in.text(body, "type", "/type", true);
            if ("webhook".equals(type)) {
                String url = in.text(body, "url", "/url", true);
                secret = in.text(body, "secret", "/secret", true);
                if (body.has("address")) in.invalid("/address", "a webhook has a url, not an address");
                channel = url == null ? null : new Channel.Webhook(url);
            } else if ("email".equals(type)) {
                String address = in.text(body, "address", "/address", true);
                for (String field : java.util.List.of("url", "secret")) {
                    if (body.has(field)) in.invalid("/" + field, "an e-mail channel has an address only");
                }
                channel = address == null ? null : new Channel.Email(address);
            } else if (type != null) {
                in.invalid("/type", "'" + type + "' is not one of: webhook, email");
            }
        }
        HttpApi.requireValid(in);
        return HttpApi.result(wiring.channels().register(caller, recipient, channel, secret), c -> HttpApi.json(200, channel(c)),
                "There is no contact point " + recipient.key() + " in the directory.");
    }

    /** A channel as administrators see it: where notices go, whether a secret is set, never the secret. */
    private static ObjectNode channel(ChannelService.InForce c) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode recipient = out.putObject("recipient");
        switch (c.recipient()) {
            case Recipient.ContactPointRecipient cp -> recipient.put("contactPoint", cp.contactPointId());
            case Recipient.AgencyRecipient a -> recipient.put("jurisdiction", a.jurisdiction()).put("agency", a.agency());
        }
        out.put("type", c.channel().type());
        switch (c.channel()) {
            case Channel.Webhook w -> out.put("url", w.url()).put("secretSet", c.signed());
            case Channel.Email e -> out.put("address", e.address());
        }
        out.put("source", c.registered() ? "registered" : "directory");
        if (c.updatedAt() != null) out.put("updatedAt", Times.format(c.updatedAt())).put("updatedBy", c.updatedBy());
        return out;
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
