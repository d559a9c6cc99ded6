package io.liaison.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.liaison.config.Environment;

import java.util.Map;

/** The scheduled function of the test template: returns the event and the variables it was given. */
public final class EchoingTick implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Environment env;

    public EchoingTick(Environment env) {
        this.env = env;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("event", event, "environment", env.values());
    }
}
