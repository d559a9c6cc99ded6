package io.liaison.infra;

import io.liaison.local.LocalBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.UUID;

/**
 * One local broker for the whole test run, started on free ports. With AWS_ENDPOINT_URL set
 * (LocalStack, AWS) it uses that DynamoDB with a fresh table, deleted at the end.
 */
public final class Broker implements BeforeAllCallback, ParameterResolver {
    private static final String KEY = "liaison-broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(KEY, k -> new Running(start()));
    }

    /** The running broker, for tests that look at the table itself. */
    static LocalBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(KEY, Running.class).broker();
    }

    /** Tests ask for an {@link Api} on the shared broker as a parameter. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Api.class || parameter.getParameter().getType() == LocalBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        beforeAll(context);
        LocalBroker broker = broker(context);
        return parameter.getParameter().getType() == Api.class ? new Api(broker) : broker;
    }

    private static LocalBroker start() {
        return start(false);
    }

    private static LocalBroker start(boolean localKms) {
        // Failed notices come back at once instead of after 5 s, 10 s, 20 s...: the retry count is what is tested.
        LocalBroker.Options options = LocalBroker.Options.defaults().withPorts(0, 0)
                .withEnvironment(java.util.Map.of("NOTIFY_BACKOFF_SECONDS", "0"));
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            options = options.withDynamoEndpoint(endpoint, "liaison-it-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return LocalBroker.start(localKms ? options.withLocalKms() : options);
    }

    /**
     * A broker of its own for one test class: for tests that move time forward (the deadline
     * monitor acts on every request due by then), so that they neither touch other tests' requests
     * nor wait behind the notices that would cause.
     */
    public static class Own implements BeforeAllCallback, ParameterResolver {
        /** Whether this broker seals through {@code LocalKms}, which keeps each function to its KMS grants. */
        boolean localKms() {
            return false;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            store(context).computeIfAbsent(KEY, k -> new Running(start(localKms())));
        }

        private static ExtensionContext.Store store(ExtensionContext context) {
            return context.getStore(ExtensionContext.Namespace.create(Own.class, context.getRequiredTestClass()));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Api.class || parameter.getParameter().getType() == LocalBroker.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            beforeAll(context);
            LocalBroker broker = store(context).get(KEY, Running.class).broker();
            return parameter.getParameter().getType() == Api.class ? new Api(broker) : broker;
        }
    }

    /** A broker of its own that seals as on AWS: the hierarchical keyring, its key store, KMS calls checked against the grants. */
    public static final class OwnWithKms extends Own {
        @Override
        boolean localKms() {
            return true;
        }
    }

    record Running(LocalBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            if (System.getenv("AWS_ENDPOINT_URL") != null) {
                try {
                    broker.dynamoDb().deleteTable(d -> d.tableName(broker.tableName()));
                    if (broker.keyStoreTableName() != null) broker.dynamoDb().deleteTable(d -> d.tableName(broker.keyStoreTableName()));
                } catch (ResourceNotFoundException ignored) {
                    // already gone
                }
            }
            broker.close();
        }
    }
}
