package io.liaison.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.Outcome;
import io.liaison.core.RequestStore;
import io.liaison.json.FieldReader;
import io.liaison.ops.Invocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The edge of every API function: problems become problem+json, failures a bare 500. */
public final class HttpApi {
    private HttpApi() {}

    /** API Gateway's event: the fields it sends that the events library does not model are ignored. */
    private static final com.fasterxml.jackson.databind.ObjectReader EVENTS = io.liaison.json.Json.MAPPER
            .readerFor(APIGatewayV2HTTPEvent.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Lambda's entry for an API function (RequestStreamHandler): the event read and the answer
     * written with Liaison's mapper, which every function loads anyway, so that the runtime never
     * loads its own serialization library for the typed event (110-230 ms of a first invocation,
     * docs/decisions/0027). The typed handler does the rest, as the local server calls it.
     */
    /** An event as the stream entry reads it: priming reads its events so, before a SnapStart snapshot. */
    public static APIGatewayV2HTTPEvent event(byte[] json) throws IOException {
        return EVENTS.readValue(json);
    }

    public static void serve(InputStream input, OutputStream output, Context context,
                             BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler) throws IOException {
        APIGatewayV2HTTPEvent event = EVENTS.readValue(input);
        APIGatewayV2HTTPResponse response = handler.apply(event, context);
        var out = io.liaison.json.Json.MAPPER.createObjectNode().put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            var headers = out.putObject("headers");
            response.getHeaders().forEach(headers::put);
        }
        if (response.getCookies() != null) response.getCookies().forEach(out.putArray("cookies")::add);
        if (response.getBody() != null) out.put("body", response.getBody());
        out.put("isBase64Encoded", response.getIsBase64Encoded());
        io.liaison.json.Json.MAPPER.writeValue(output, out);
    }

    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Context context,
                                                 Function<ApiRequest, APIGatewayV2HTTPResponse> handler) {
        return Invocation.run(context, () -> {
            ApiRequest request = new ApiRequest(event);
            Invocation.route(event.getRouteKey());
            identify(request);
            APIGatewayV2HTTPResponse response = answer(request, context, handler);
            Invocation.status(response.getStatusCode());
            return response;
        });
    }

    private static APIGatewayV2HTTPResponse answer(ApiRequest request, Context context,
                                                   Function<ApiRequest, APIGatewayV2HTTPResponse> handler) {
        try {
            return handler.apply(request);
        } catch (ProblemException e) {
            return problem(e.problem());
        } catch (RequestStore.BadCursor e) {
            return problem(Problem.of(400, "/problems/bad-cursor", "Bad cursor", e.getMessage()));
        } catch (RuntimeException e) {
            // The caller learns nothing of the failure; the log keeps it under the Lambda request id.
            String requestId = context == null ? "-" : context.getAwsRequestId();
            Invocation.failed(request.routeKey() + " failed", e);
            return problem(Problem.of(500, "/problems/internal-error", "Internal error",
                    "Liaison could not complete this request (reference " + requestId + "). Nothing was half-written; try again."));
        }
    }

    /** The caller's role and organisation and the request in the path, for the log line; a bad token is the handler's to refuse. */
    private static void identify(ApiRequest request) {
        try {
            Invocation.caller(request.caller());
        } catch (ProblemException e) {
            // no Liaison identity: the handler answers 403, the line says no more
        }
        if (request.path("id") == null) return;
        try {
            Invocation.touched(request.requestId());
        } catch (ProblemException e) {
            // not an id Liaison issues: the handler answers 404, the line does not repeat it
        }
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all)
                .withBody(body.toString()).build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(problem.status())
                .withHeaders(Map.of("content-type", Problem.MEDIA_TYPE))
                .withBody(problem.toJson().toString()).build();
    }

    /** Maps a use case's outcome: the value through {@code ok}, everything else to its problem. */
    /** As {@link #result(Outcome, Function)}, for a resource that is not a request: its 404 says what was not found. */
    public static <T> APIGatewayV2HTTPResponse result(Outcome<T> outcome, Function<T, APIGatewayV2HTTPResponse> ok,
                                                      String notFound) {
        return outcome instanceof Outcome.NotFound<T>
                ? problem(Problem.of(404, "/problems/not-found", "Not found", notFound)) : result(outcome, ok);
    }

    public static <T> APIGatewayV2HTTPResponse result(Outcome<T> outcome, Function<T, APIGatewayV2HTTPResponse> ok) {
        return switch (outcome) {
            case Outcome.Ok<T> value -> ok.apply(value.value());
            case Outcome.NotFound<T> n -> problem(Problem.notFound());
            case Outcome.Forbidden<T> f -> problem(Problem.of(403, "/problems/forbidden", "Forbidden", f.reason()));
            case Outcome.Conflict<T> c -> problem(Problem.of(409, "/problems/conflict", "Conflict", c.reason()));
            case Outcome.Invalid<T> i -> problem(Problem.invalid(i.violations()));
        };
    }

    /** Stops with 400 for unknown fields, else 422 for invalid ones, when the reader found any. */
    /** The body {"<field>": "<a person's short text>"}, and nothing else, or a 400/422 problem. */
    public static String note(ApiRequest request, String field) {
        var body = request.jsonBody();
        FieldReader in = new FieldReader();
        String text = in.object(body, "", java.util.Set.of(field)) == null ? null : in.note(body, field, "/" + field, true);
        requireValid(in);
        return text;
    }

    /**
     * For an action that takes no input: no body, or {} as application/json. Anything else is
     * answered like any other bad body (415, 413, 400 malformed or unknown field, 422 not an
     * object) before the action runs, so it changes nothing.
     */
    public static void requireNoInput(ApiRequest request) {
        if (!request.hasBody()) return;
        FieldReader in = new FieldReader();
        in.object(request.jsonBody(), "", java.util.Set.of());
        requireValid(in);
    }

    public static void requireValid(FieldReader reader) {
        if (!reader.unknownFields().isEmpty()) throw new ProblemException(Problem.unknownFields(reader.unknownFields()));
        if (!reader.invalid().isEmpty()) throw new ProblemException(Problem.invalid(reader.invalid()));
    }

    /** A route this function is not wired for: template.yaml and the handler disagree. */
    public static APIGatewayV2HTTPResponse unknownRoute(ApiRequest request) {
        return problem(Problem.of(404, "/problems/not-found", "Not found", "No such route: " + request.routeKey()));
    }
}
