package io.liaison.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Optional;

/**
 * Which function of the template the current thread is running, as Lambda runs each in its own
 * sandbox. The local server runs them all in one process; tests that watch what each function
 * calls (SDK interceptors) ask here.
 */
public final class Invocations {
    private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();

    private Invocations() {}

    public static Optional<String> currentFunction() {
        return Optional.ofNullable(FUNCTION.get());
    }

    /**
     * Runs {@code work} as the function {@code logicalId} would outside an event: tests that watch
     * what a function's SnapStart priming calls.
     */
    public static void run(String logicalId, Runnable work) {
        as(logicalId, (Object event, com.amazonaws.services.lambda.runtime.Context context) -> {
            work.run();
            return null;
        }).handleRequest(null, null);
    }

    /** The handler, marking the thread as running {@code logicalId} while it handles an event. */
    static <I, O> RequestHandler<I, O> as(String logicalId, RequestHandler<I, O> handler) {
        return (event, context) -> {
            String outer = FUNCTION.get();
            FUNCTION.set(logicalId);
            try {
                return handler.handleRequest(event, context);
            } finally {
                if (outer == null) FUNCTION.remove();
                else FUNCTION.set(outer);
            }
        };
    }
}
