package io.liaison.local;

import io.liaison.config.InvocationContext;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.liaison.config.Clients;
import io.liaison.config.Environment;
import io.liaison.config.KmsClients;
import io.liaison.config.PolicyFiles;
import io.liaison.core.Directory;
import io.liaison.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole broker in one process: DynamoDB Local with its stream, ElasticMQ with the template's
 * queues, the dev JWT issuer, the functions of template.yaml behind a local HTTP API, and the
 * stream and queue pollers that stand in for Lambda's event source mappings.
 */
public final class LocalBroker implements AutoCloseable {
    static final String LOCAL_REGION = "eu-central-1";

    /**
     * How to start. {@code dynamoEndpoint} uses an existing DynamoDB (LocalStack, AWS) instead of
     * starting DynamoDB Local; {@code dataDir} keeps DynamoDB Local's data across restarts;
     * {@code localKms} seals with a KMS keyring against {@link LocalKms}, which holds each function
     * to the KMS actions its policy allows (the benchmark: every KMS request is seen and priced).
     */
    public record Options(String host, int port, int dynamoPort, Path dataDir, String dynamoEndpoint,
                          Path template, String tableName, Map<String, String> environment, boolean localKms) {
        public Options {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }

        public Options(String host, int port, int dynamoPort, Path dataDir, String dynamoEndpoint, Path template,
                       String tableName) {
            this(host, port, dynamoPort, dataDir, dynamoEndpoint, template, tableName, Map.of(), false);
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 8080, 8000, null, null, null, null);
        }

        public Options withPorts(int port, int dynamoPort) {
            return new Options(host, port, dynamoPort, dataDir, dynamoEndpoint, template, tableName, environment, localKms);
        }

        public Options withDynamoEndpoint(String endpoint, String table) {
            return new Options(host, port, dynamoPort, dataDir, endpoint, template, table, environment, localKms);
        }

        public Options withTemplate(Path file) {
            return new Options(host, port, dynamoPort, dataDir, dynamoEndpoint, file, tableName, environment, localKms);
        }

        /** Variables set for every function over what the template says (tests: a shorter retry backoff). */
        public Options withEnvironment(Map<String, String> variables) {
            return new Options(host, port, dynamoPort, dataDir, dynamoEndpoint, template, tableName, variables, localKms);
        }

        public Options withLocalKms() {
            return new Options(host, port, dynamoPort, dataDir, dynamoEndpoint, template, tableName, environment, true);
        }
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private Map<String, String> keys;
    private final Map<String, RequestHandler<Map<String, Object>, ?>> scheduled =
            new java.util.concurrent.ConcurrentHashMap<>();
    private DevIssuer issuer;
    private DemoUsers users;
    private String dynamoEndpoint;
    private String tableName;
    private String keyStoreTableName;
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private String streamArn;
    private LocalQueues queues;
    private Path outbox;
    /** The notifier writes e-mail notices to this folder instead of sending them through SES. */
    static final String MAIL_OUTBOX = "MAIL_OUTBOX";
    private ApiServer api;
    private final Map<String, Map<String, String>> environments = new java.util.LinkedHashMap<>();
    private final List<Poller> pollers = new ArrayList<>();

    private LocalBroker(Options options) throws Exception {
        try {
            wire(options);
        } catch (Exception | Error e) {
            close(); // stop DynamoDB Local and whatever else came up, or its threads keep the JVM alive
            throw e;
        }
    }

    /** Starts the parts in order; each registers itself in {@code running} to be stopped in reverse. */
    private void wire(Options options) throws Exception {
        Path templateFile = options.template() != null ? options.template() : Template.locate(Path.of(""));
        Template template = Template.read(templateFile);
        // The hierarchical keyring's key store (ADR 0021) is a table of its own; the broker's table is the other one.
        List<Template.Table> tables = template.tables().values().stream().filter(t -> !isKeyStore(t)).toList();
        List<Template.Table> keyStores = template.tables().values().stream().filter(LocalBroker::isKeyStore).toList();
        if (tables.size() != 1 || keyStores.size() > 1) {
            throw new IllegalStateException("the local server expects one DynamoDB table and at most one key store in " + templateFile);
        }
        Template.Table table = tables.get(0);
        tableName = options.tableName() != null ? options.tableName() : table.logicalId();
        Template.Table keyStore = keyStores.isEmpty() ? null : keyStores.get(0);
        keyStoreTableName = keyStore == null ? null
                : tableName.equals(table.logicalId()) ? keyStore.logicalId() : tableName + "-" + keyStore.logicalId();

        if (options.dynamoEndpoint() == null) {
            int dynamoPort = options.dynamoPort() == 0 ? freePort() : options.dynamoPort();
            List<String> args = new ArrayList<>(List.of("-port", Integer.toString(dynamoPort), "-sharedDb", "-disableTelemetry"));
            if (options.dataDir() != null) {
                Files.createDirectories(options.dataDir());
                args.addAll(List.of("-dbPath", options.dataDir().toAbsolutePath().toString()));
            } else {
                args.add("-inMemory");
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            running.add(server::stop);
            dynamoEndpoint = "http://" + options.host() + ":" + dynamoPort;
        } else {
            dynamoEndpoint = options.dynamoEndpoint();
        }

        queues = LocalQueues.start(options.host(), freePort(), region(), template.queues().values());
        running.add(queues);

        Map<String, String> awsVariables = awsVariables(options.dynamoEndpoint() == null);
        Environment adminEnv = new Environment(awsVariables);
        dynamoDb = Clients.dynamoDb(adminEnv);
        running.add(dynamoDb);
        String streamArn = Tables.ensure(dynamoDb, tableName, table.properties());
        if (keyStore != null) Tables.ensureKeyStore(dynamoDb, keyStoreTableName, keyStore.properties());

        keys = LocalKeys.load(options.dataDir());
        // SES's stand-in: e-mail notices land as .eml files here (kept with --data-dir).
        outbox = options.dataDir() != null ? options.dataDir().resolve("outbox") : Files.createTempDirectory("liaison-outbox");
        Files.createDirectories(outbox);
        Directory directory = PolicyFiles.directory(Json.MAPPER);
        // The packaged directory and rules become revision 1 of their trails, as the directory function does on AWS.
        if (table.logicalId().equals("RequestsTable")) new io.liaison.network.StoredNetwork(new io.liaison.store.DynamoNetworkStore(dynamoDb, tableName), directory,
                PolicyFiles.routingPolicyDocument(), Clock.systemUTC()).seed();
        users = new DemoUsers(directory);
        int port = options.port();
        String issuerUrl = "http://" + options.host() + ":" + port + "/dev";
        issuer = new DevIssuer(issuerUrl, Clock.systemUTC());

        List<ApiServer.Binding> bindings = new ArrayList<>();
        List<Poller> pollers = new ArrayList<>();
        DynamoDbStreamsClient streams = Clients.dynamoDbStreams(adminEnv);
        this.streams = streams;
        this.streamArn = streamArn;
        running.add(streams);
        Tables.awaitStream(streams, streamArn);
        LocalKms kms = null;
        if (options.localKms()) {
            kms = LocalKms.start(options.host(), 0, "arn:aws:kms:" + region() + ":000000000000:key/local-payload-key",
                    Base64.getDecoder().decode(keys.get(io.liaison.config.Wiring.PAYLOAD_KEY)), LocalKms.grants(template, "PayloadKey"));
            running.add(kms);
            if (keyStore != null) {
                // The operator's one step on AWS (liaison-local.jar branch-key), done here at first start.
                try (var admin = KmsClients.kms(new Environment(Map.of("AWS_REGION", region(), "AWS_ACCESS_KEY_ID", "local",
                        "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL_KMS", kms.endpoint(LocalKms.ADMIN))))) {
                    io.liaison.store.BranchKeys.ensure(io.liaison.store.EncryptedPayloads.keyStore(kms.keyArn(), keyStoreTableName,
                            dynamoDb, admin), dynamoDb, keyStoreTableName);
                }
            }
        }
        for (Template.Function function : template.functions()) {
            Map<String, String> variables = new HashMap<>(awsVariables);
            function.environment().forEach((name, value) -> {
                String resolved = keyStore != null && value instanceof Map<?, ?> m && keyStore.logicalId().equals(m.get("Ref"))
                        ? keyStoreTableName : resolve(value, table.logicalId());
                if (resolved != null) variables.put(name, resolved);
            });
            variables.putAll(keys);
            if (kms != null) {
                variables.remove(io.liaison.config.Wiring.PAYLOAD_KEY);
                variables.put(io.liaison.config.Wiring.PAYLOAD_KMS_KEY_ARN, kms.keyArn());
                variables.put("AWS_ENDPOINT_URL_KMS", kms.endpoint(function.logicalId()));
                // Branch keys fetched again every minute: a long benchmark run sees the refetches it would cause.
                variables.put(io.liaison.config.Wiring.PAYLOAD_BRANCH_KEY_TTL_SECONDS, "60");
            }
            variables.put(MAIL_OUTBOX, outbox.toAbsolutePath().toString());
            // Webhooks may point at this machine (bin/webhook-listener, the tests' receivers): here only, never on AWS.
            variables.put(io.liaison.config.Wiring.WEBHOOK_ALLOW_LOOPBACK, "true");
            variables.putAll(options.environment());
            variables.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            environments.put(function.logicalId(), Map.copyOf(variables));
            Object handler = Class.forName(function.handlerClass()).getConstructor(Environment.class)
                    .newInstance(new Environment(variables));
            for (Template.Route route : function.routes()) {
                bindings.add(new ApiServer.Binding(function.logicalId(), route, Invocations.as(function.logicalId(), apiHandler(handler))));
            }
            for (java.time.Duration every : function.schedules()) {
                scheduled.put(function.logicalId(), Invocations.as(function.logicalId(), scheduledHandler(handler)));
                var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("schedule-" + function.logicalId()).daemon(true).factory());
                timer.scheduleAtFixedRate(() -> runScheduled(function.logicalId()), every.toMillis(), every.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                running.add(timer::shutdownNow);
            }
            for (Template.StreamTrigger trigger : function.streams()) {
                if (!trigger.table().equals(table.logicalId())) throw new IllegalStateException("unknown stream table " + trigger.table());
                pollers.add(new StreamPoller(streams, streamArn, function.logicalId(), trigger.maximumRetryAttempts(),
                        Invocations.as(function.logicalId(), streamHandler(handler))));
            }
            for (Template.QueueTrigger trigger : function.queues()) {
                var source = new SqsPoller.Source(queues.url(trigger.queue()), queues.arn(trigger.queue()), region());
                pollers.add(new SqsPoller(queues.client(), source, function.logicalId(), trigger,
                        Invocations.as(function.logicalId(), queueHandler(handler))));
            }
        }
        api = new ApiServer(new InetSocketAddress(options.host(), port), bindings, issuer, users, Clock.systemUTC(),
                this::runScheduled, ConsoleFiles.fromClasspath());
        api.start();
        running.add(api);
        for (Poller poller : pollers) {
            poller.start();
            running.add(poller);
        }
        this.pollers.addAll(pollers);
    }

    public static LocalBroker start(Options options) {
        try {
            return new LocalBroker(options);
        } catch (Exception e) {
            throw new IllegalStateException("the local broker did not start: " + rootCause(e), e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause instanceof java.net.BindException ? message + " (is another Liaison or DynamoDB Local running? try --port / --dynamodb-port)" : message;
    }

    /**
     * Runs a scheduled function once, as EventBridge would at its next tick (the local server also
     * runs it at the template's rate). Returns what the handler returned.
     */
    public Object runScheduled(String logicalId) {
        return runScheduled(logicalId, Instant.now());
    }

    /**
     * Runs a scheduled function with an event whose {@code time} is {@code time}, as if EventBridge
     * fired it then. Only the event says so: a handler that reads its own clock sees the real time.
     */
    public Object runScheduled(String logicalId, Instant time) {
        var handler = scheduled.get(logicalId);
        if (handler == null) throw new IllegalArgumentException("no scheduled function " + logicalId);
        try {
            return handler.handleRequest(scheduledEvent(time), InvocationContext.of(logicalId));
        } catch (RuntimeException e) {
            System.err.println("scheduled function " + logicalId + " failed: " + e);
            return null;
        }
    }

    /**
     * The event EventBridge passes to a scheduled function, as the map Lambda's runtime would give a
     * handler of Map (aws-lambda-java-events' ScheduledEvent needs joda-time).
     */
    private Map<String, Object> scheduledEvent(Instant time) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalQueues.ACCOUNT);
        event.put("time", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region());
        event.put("resources", new ArrayList<>());
        event.put("detail", new HashMap<>());
        return event;
    }

    /** The hourly digests as the deployment writes and checks them, with this broker's signing key. */
    public io.liaison.store.Digests digests() {
        return new io.liaison.store.Digests(dynamoDb, tableName, io.liaison.config.Wiring.digestSigner(new Environment(keys)));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    public String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    /** Where e-mail notices are written. */
    public Path outbox() {
        return outbox;
    }

    public String tableName() {
        return tableName;
    }

    /** The hierarchical keyring's key store table here (ADR 0021), or null if the template has none. */
    public String keyStoreTableName() {
        return keyStoreTableName;
    }

    private static boolean isKeyStore(Template.Table table) {
        return String.valueOf(table.properties().get("KeySchema")).contains("branch-key-id");
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** A client of the table's stream (what the router reads), and the stream's ARN. */
    public DynamoDbStreamsClient dynamoDbStreams() {
        return streams;
    }

    public String streamArn() {
        return streamArn;
    }

    /** A client of the local SQS (ElasticMQ), where the template's queues are. */
    public SqsClient sqs() {
        return queues.client();
    }

    public String sqsEndpoint() {
        return queues.endpoint();
    }

    /** The logical ids of the template's queues, which are also their local names. */
    public List<String> queueNames() {
        return queues.names();
    }

    /** The URL of the template's queue {@code logicalId}, as {@code !Ref} gives it to the functions. */
    public String queueUrl(String logicalId) {
        return queues.url(logicalId);
    }

    /**
     * Stops (or restarts) reading the table's stream and the queues: a benchmark of the API alone,
     * without the routing and notices its writes set off on the same machine. Pausing returns once
     * every poller has finished the poll and the invocations under way (at most a queue's long poll),
     * so that nothing written afterwards is read until the resume. Records and messages wait and are
     * read on resume, as Lambda's event sources would.
     */
    public void pauseEventSources(boolean pause) {
        pollers.forEach(p -> p.pause(pause));
        if (!pause) return;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!pollers.stream().allMatch(Poller::parked)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the event sources did not pause within 60 s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The variables the function {@code logicalId} runs with here (the template's, resolved, and the local keys). */
    public Map<String, String> environment(String logicalId) {
        Map<String, String> variables = environments.get(logicalId);
        if (variables == null) throw new IllegalArgumentException("no function " + logicalId);
        return variables;
    }

    public String token(String user) {
        return issuer.token(users.find(user).orElseThrow(() -> new IllegalArgumentException("no demo user " + user)));
    }

    public List<DemoUsers.User> users() {
        return users.all();
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        running.clear();
    }

    /**
     * Region, credentials and endpoint the functions get. Against DynamoDB Local any credentials do;
     * against another endpoint (LocalStack, AWS) the caller's own variables are passed through.
     */
    private Map<String, String> awsVariables(boolean local) {
        Map<String, String> variables = new HashMap<>();
        Map<String, String> env = System.getenv();
        variables.put("AWS_REGION", region());
        variables.put("AWS_ACCESS_KEY_ID", local ? "local" : env.getOrDefault("AWS_ACCESS_KEY_ID", "test"));
        variables.put("AWS_SECRET_ACCESS_KEY", local ? "local" : env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test"));
        if (!local && env.containsKey("AWS_SESSION_TOKEN")) variables.put("AWS_SESSION_TOKEN", env.get("AWS_SESSION_TOKEN"));
        variables.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoEndpoint);
        variables.put("AWS_ENDPOINT_URL_SQS", queues.endpoint());
        return variables;
    }

    private static String region() {
        Map<String, String> env = System.getenv();
        return env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", LOCAL_REGION));
    }

    /**
     * A value the local server can give (the table's name; a queue's URL, ARN or name), or null for
     * an AWS resource it replaces (the KMS keys, SES) or a parameter it has no use for.
     */
    private String resolve(Object value, String tableLogicalId) {
        if (value instanceof Map<?, ?> map && tableLogicalId.equals(map.get("Ref"))) return tableName;
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String ref && queues.has(ref)) return queues.url(ref);
        if (value instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2
                && queues.has(String.valueOf(parts.get(0)))) {
            String queue = String.valueOf(parts.get(0));
            return switch (String.valueOf(parts.get(1))) {
                case "Arn" -> queues.arn(queue);
                case "QueueName" -> queue;
                case "QueueUrl" -> queues.url(queue);
                default -> throw new IllegalStateException("the local server cannot resolve the attribute " + parts + " of a queue");
            };
        }
        if (value instanceof Map<?, ?> map && map.containsKey("Fn::GetAtt")) return null;
        // A template parameter (MailFrom) or another resource the local server stands in for.
        if (value instanceof Map<?, ?> map && map.get("Ref") instanceof String) return null;
        if (value instanceof String text) return text;
        throw new IllegalStateException("the local server cannot resolve the environment value " + value);
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> apiHandler(Object handler) {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<Map<String, Object>, ?> scheduledHandler(Object handler) {
        return (RequestHandler<Map<String, Object>, ?>) handler;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<SQSEvent, SQSBatchResponse> queueHandler(Object handler) {
        return (RequestHandler<SQSEvent, SQSBatchResponse>) handler;
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<DynamodbEvent, StreamsEventResponse> streamHandler(Object handler) {
        return (RequestHandler<DynamodbEvent, StreamsEventResponse>) handler;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("verify")) {
            // The offline verifier: no broker is started, nothing but the export and the key is read.
            System.exit(io.liaison.audit.ExportVerifier.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("branch-key")) {
            System.exit(BranchKeyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("reseal")) {
            System.exit(Reseal.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        Options options;
        try {
            options = Cli.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Cli.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(Cli.USAGE);
            return;
        }
        LocalBroker broker;
        try {
            broker = start(options);
        } catch (IllegalStateException e) {
            System.err.println("\n" + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Liaison...");
            broker.close();
        }));
        System.out.println(Cli.banner(broker, options));
    }
}
