package io.liaison.console;

import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Optional;

/**
 * Gives a test a {@link Console} (a fresh browser context on the console of a local broker that
 * all tests share, started on first use and stopped at the end of the run) or that
 * {@link LocalBroker}. After the test, a script or style the Content-Security-Policy blocked
 * fails it: the console must run under the policy it is served with.
 */
public final class ConsoleExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Console.class || type == LocalBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConsoleRun run = context.getRoot().getStore(NAMESPACE).computeIfAbsent(ConsoleRun.class, k -> ConsoleRun.start(), ConsoleRun.class);
        if (parameter.getParameter().getType() == LocalBroker.class) return run.broker();
        // Closed with the test's store, after the screenshot of a failure is taken.
        return context.getStore(NAMESPACE).computeIfAbsent(Console.class, k -> run.open(), Console.class);
    }

    /** The console the test was given, if it asked for one. */
    static Optional<Console> of(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(Console.class, Console.class));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        of(context).ifPresent(console -> {
            if (!console.policyViolations().isEmpty()) {
                throw new AssertionError("the Content-Security-Policy blocked part of the console:\n  "
                        + String.join("\n  ", console.policyViolations()));
            }
        });
    }
}
