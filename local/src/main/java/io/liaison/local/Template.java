package io.liaison.local;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local server takes from template.yaml: the functions with their handlers, HTTP routes,
 * stream and queue triggers and environment, and the table and queues to create; {@code resources}
 * and {@code parameters} keep what the template declares as written, for the tests that hold code and template together. Reading
 * the deployment itself keeps the local wiring from drifting from what AWS runs.
 */
public record Template(List<Function> functions, Map<String, Table> tables, Map<String, Queue> queues,
                       Map<String, Object> resources, Map<String, Object> parameters) {

    /**
     * A function: its handler ({@code Class::method}), the environment Globals and its own
     * Variables give it, its event sources, and its Properties as written (policies, timeout).
     */
    public record Function(String logicalId, String handlerClass, String handlerMethod, Map<String, Object> environment,
                           List<Route> routes, List<StreamTrigger> streams, List<java.time.Duration> schedules,
                           List<QueueTrigger> queues, Map<String, Object> properties) {}

    /**
     * An SQS queue; {@code visibilityTimeoutSeconds} is null where the template leaves SQS's default
     * (30 s), {@code redrive} null for a queue without a dead-letter queue.
     */
    public record Queue(String logicalId, Integer visibilityTimeoutSeconds, Redrive redrive) {}

    /** RedrivePolicy: after {@code maxReceiveCount} receives a message moves to the dead-letter queue. */
    public record Redrive(String deadLetterQueue, int maxReceiveCount) {}

    /**
     * An SQS event source: the queue's logical id, at most {@code batchSize} messages per invocation,
     * and whether the function reports failed messages one by one (ReportBatchItemFailures).
     */
    public record QueueTrigger(String queue, int batchSize, boolean reportBatchItemFailures) {}

    /** A DynamoDB stream event source: the table's logical id, and how often a failing record is retried. */
    public record StreamTrigger(String table, int maximumRetryAttempts) {}

    /** An HTTP route; {@code open} when the template turns the authorizer off for it (Authorizer: NONE). */
    public record Route(String method, String path, boolean open) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** A DynamoDB table as the template declares it; values are the CloudFormation property maps. */
    public record Table(String logicalId, Map<String, Object> properties) {}

    /** Walks up from {@code start} to the first folder with a template.yaml. */
    public static Path locate(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException("no template.yaml in " + start.toAbsolutePath() + " or above; pass --template");
    }

    /** What the template's Globals give every function (tracing, runtime, SnapStart), as written. */
    public static Map<String, Object> functionGlobals(Path file) {
        return map(map(root(file).get("Globals")).get("Function"));
    }

    private static Map<String, Object> root(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new CloudFormationTags()).load(reader));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static Template read(Path file) {
        Map<String, Object> root = root(file);
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> resources = map(root.get("Resources"));
        List<Function> functions = new ArrayList<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, Queue> queues = new LinkedHashMap<>();
        resources.forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            Map<String, Object> properties = map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> functions.add(function(id, properties, globals));
                case "AWS::DynamoDB::Table" -> tables.put(id, new Table(id, properties));
                case "AWS::SQS::Queue" -> queues.put(id, queue(id, properties));
                default -> { } // Cognito, the HTTP API itself: the local server stands in for them
            }
        });
        return new Template(List.copyOf(functions), Map.copyOf(tables), Map.copyOf(queues), resources,
                map(root.get("Parameters")));
    }

    private static Queue queue(String id, Map<String, Object> properties) {
        Object visibility = properties.get("VisibilityTimeout");
        Map<String, Object> redrive = map(properties.get("RedrivePolicy"));
        if (properties.containsKey("RedrivePolicy") && redrive.isEmpty()) {
            throw new IllegalStateException("queue " + id + ": the local server reads RedrivePolicy only as a map");
        }
        return new Queue(id, visibility == null ? null : Integer.parseInt(String.valueOf(visibility)),
                redrive.isEmpty() ? null : new Redrive(getAttTarget(id, redrive.get("deadLetterTargetArn")),
                        Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount")))));
    }

    /** The logical id X of {@code !GetAtt X.Arn}: the only way the local server can tell which queue is meant. */
    private static String getAttTarget(String owner, Object value) {
        if (map(value).get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2 && "Arn".equals(parts.get(1))) {
            return String.valueOf(parts.get(0));
        }
        throw new IllegalStateException(owner + ": the local server expects !GetAtt <Queue>.Arn, not " + value);
    }

    private static Function function(String id, Map<String, Object> properties, Map<String, Object> globals) {
        String handler = String.valueOf(Optional.ofNullable(properties.get("Handler")).orElse(globals.get("Handler")));
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        Map<String, Object> environment = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        environment.putAll(map(map(properties.get("Environment")).get("Variables")));
        List<Route> routes = new ArrayList<>();
        List<StreamTrigger> streams = new ArrayList<>();
        List<java.time.Duration> schedules = new ArrayList<>();
        List<QueueTrigger> queues = new ArrayList<>();
        map(properties.get("Events")).forEach((name, value) -> {
            Map<String, Object> event = map(value);
            Map<String, Object> eventProperties = map(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> routes.add(new Route(String.valueOf(eventProperties.get("Method")).toUpperCase(),
                        String.valueOf(eventProperties.get("Path")),
                        "NONE".equals(map(eventProperties.get("Auth")).get("Authorizer"))));
                case "DynamoDB" -> {
                    // Stream: !GetAtt Table.StreamArn
                    Object stream = map(eventProperties.get("Stream")).get("Fn::GetAtt");
                    if (stream instanceof List<?> parts && !parts.isEmpty()) {
                        // Lambda's default for a stream source is to retry until the record expires; locally, 20.
                        Object retries = eventProperties.getOrDefault("MaximumRetryAttempts", 20);
                        streams.add(new StreamTrigger(String.valueOf(parts.get(0)), Integer.parseInt(String.valueOf(retries))));
                    }
                }
                case "Schedule" -> schedules.add(rate(id, String.valueOf(eventProperties.get("Schedule"))));
                case "SQS" -> queues.add(new QueueTrigger(getAttTarget("function " + id, eventProperties.get("Queue")),
                        // SAM's default batch size for SQS is 10
                        Integer.parseInt(String.valueOf(eventProperties.getOrDefault("BatchSize", 10))),
                        eventProperties.get("FunctionResponseTypes") instanceof List<?> types
                                && types.contains("ReportBatchItemFailures")));
                default -> throw new IllegalStateException("function " + id + ": the local server cannot run events of type "
                        + event.get("Type"));
            }
        });
        String handlerMethod = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        return new Function(id, handlerClass, handlerMethod, environment, List.copyOf(routes), List.copyOf(streams),
                List.copyOf(schedules), List.copyOf(queues), properties);
    }

    /** An EventBridge rate expression: rate(1 hour), rate(5 minutes), rate(1 day). */
    static java.time.Duration rate(String function, String expression) {
        var m = java.util.regex.Pattern.compile("^rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)$").matcher(expression);
        if (!m.matches()) throw new IllegalStateException("function " + function + ": the local server reads only rate(...) schedules");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> java.time.Duration.ofMinutes(n);
            case "hour", "hours" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Reads !Ref, !GetAtt, !Sub and the other short forms as their long-form maps. */
    private static final class CloudFormationTags extends SafeConstructor {
        CloudFormationTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    String key = name.equals("Ref") ? "Ref" : "Fn::" + name;
                    Object value = switch (node) {
                        case ScalarNode scalar -> name.equals("GetAtt")
                                ? List.of(constructScalar(scalar).split("\\.", 2)) : constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    return Map.of(key, value);
                }
            });
        }
    }
}
