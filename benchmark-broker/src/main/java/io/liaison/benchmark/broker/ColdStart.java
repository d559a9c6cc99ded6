package io.liaison.benchmark.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.benchmark.lambda.BaselineHandler;
import io.liaison.benchmark.lambda.FirstInvocation;
import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Cold start of every function beside the baseline handler: each sample is a fresh JVM with Lambda's
 * java21 flags running {@link FirstInvocation} on the function's own artifact (its jar and runtime
 * dependencies, nothing else), timed from process start to the first response. All functions and
 * the baseline talk to the same DynamoDB Local and take turns in every round, in a shuffled order, so
 * that a busy moment of the machine hits them alike.
 */
final class ColdStart {
    /** What the Lambda java21 runtime starts the JVM with (besides the template's JAVA_TOOL_OPTIONS). */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxRAM=1024m");
    static final String BASELINE = "Baseline (one PutItem)";

    /** One function (or the baseline): how to start it and the event of its {@code sample}-th first invocation. */
    record Target(String name, String handlerClass, List<Path> classpath, Map<String, String> environment,
                  IntFunction<JsonNode> event) {}

    record Sample(long totalNanos, long initNanos, long invokeNanos, String response) {}

    record Result(String name, List<Sample> samples, long artifactBytes) {
        double p50Millis() {
            return percentile(0.50);
        }

        double p99Millis() {
            return percentile(0.99);
        }

        /** Nearest rank: with 20 samples p99 is the slowest. */
        private double percentile(double p) {
            List<Long> sorted = samples.stream().map(Sample::totalNanos).sorted().toList();
            int rank = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1) / 1e6;
        }

        double initP50Millis() {
            List<Long> sorted = samples.stream().map(Sample::initNanos).sorted().toList();
            return sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1) / 1e6;
        }
    }

    private final Path launcher;
    private final Path harnessJar;
    private final Path serializationJar;

    ColdStart(Path launcher) {
        this.launcher = launcher;
        this.harnessJar = codeSource(FirstInvocation.class);
        this.serializationJar = codeSource(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class);
    }

    /** Runs {@code samples} rounds; in each every target starts once, in an order shuffled with {@code seed}. */
    List<Result> run(List<Target> targets, int samples, long seed, java.io.PrintStream progress) {
        Map<String, List<Sample>> measured = new LinkedHashMap<>();
        targets.forEach(t -> measured.put(t.name(), new ArrayList<>()));
        List<Target> order = new ArrayList<>(targets);
        Random random = new Random(seed);
        for (int round = 0; round < samples; round++) {
            Collections.shuffle(order, random);
            for (Target target : order) {
                measured.get(target.name()).add(sample(target, round, 0).first());
            }
            progress.printf("cold start: round %d of %d done%n", round + 1, samples);
        }
        return targets.stream().map(t -> new Result(t.name(), measured.get(t.name()), artifactBytes(t))).toList();
    }

    /** What a warm handler holds: one more JVM per target, {@code invocations} invocations after the first. */
    record Warm(String name, double p50Millis, long heapUsedBytes, long rssKb, long hwmKb) {}

    Warm warm(Target target, int sample, int invocations) {
        return sample(target, sample, invocations).warm();
    }

    private record Run(Sample first, Warm warm) {}

    /**
     * Where a cold start goes: one more first invocation with class loading logged (with the JVM's
     * uptime), counted per jar or the JDK, and the time up to each load charged to that load's jar:
     * a rough timeline, since a Java cold start is mostly loading classes and running them once.
     */
    record ClassLoadProfile(String name, int classes, double lastLoadMillis, Map<String, Integer> bySource,
                            Map<String, Double> millisBySource) {}

    ClassLoadProfile profile(Target target, int sample) {
        try {
            Path log = Files.createTempFile("liaison-classload-", ".log");
            sample(target, sample, 0, List.of("-Xlog:class+load=info:file=" + log + ":uptimenanos"));
            Map<String, Integer> bySource = new HashMap<>();
            Map<String, Double> millis = new HashMap<>();
            int classes = 0;
            long previous = 0;
            for (String line : Files.readAllLines(log)) {
                int source = line.indexOf(" source: ");
                if (source < 0 || !line.startsWith("[")) continue;
                long uptime = Long.parseLong(line.substring(1, line.indexOf("ns]")));
                String from = sourceName(line.substring(source + " source: ".length()));
                classes++;
                bySource.merge(from, 1, Integer::sum);
                millis.merge(from, (uptime - previous) / 1e6, Double::sum);
                previous = uptime;
            }
            Files.deleteIfExists(log);
            return new ClassLoadProfile(target.name(), classes, previous / 1e6, bySource, top(millis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <N extends Comparable<N>> Map<String, N> top(Map<String, N> values) {
        Map<String, N> top = new LinkedHashMap<>();
        values.entrySet().stream().sorted(Map.Entry.<String, N>comparingByValue().reversed()).limit(8)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** The JDK (its modules or CDS archive), a jar's name without its version, or classes made at run time (lambdas, proxies). */
    private static String sourceName(String source) {
        if (source.startsWith("jrt:") || source.startsWith("shared objects file")) return "JDK";
        if (!source.startsWith("file:")) return "generated at run time";
        String file = source.substring(source.lastIndexOf('/') + 1);
        return file.replaceAll("-\\d[\\w.-]*\\.jar$", "").replace(".jar", "");
    }

    private Run sample(Target target, int sample, int warmInvocations) {
        return sample(target, sample, warmInvocations, List.of());
    }

    private Run sample(Target target, int sample, int warmInvocations, List<String> extraFlags) {
        try {
            Path event = Files.createTempFile("liaison-event-", ".json");
            Files.writeString(event, Json.MAPPER.writeValueAsString(target.event().apply(sample)));
            List<String> command = new ArrayList<>();
            command.add(launcher.toString());
            command.addAll(LAMBDA_JVM_FLAGS);
            command.addAll(extraFlags);
            command.add("-cp");
            command.add(String.join(java.io.File.pathSeparator,
                    Stream.concat(target.classpath().stream(), Stream.of(harnessJar, serializationJar)).map(Path::toString).toList()));
            command.add(FirstInvocation.class.getName());
            command.add(target.handlerClass());
            command.add(event.toString());
            command.add(Integer.toString(warmInvocations));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(target.environment());
            List<String> output = new ArrayList<>();
            long started = System.nanoTime();
            Process process = builder.start();
            Sample first = null;
            Warm warm = null;
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (first == null && line.startsWith("@@first ")) {
                        long total = System.nanoTime() - started;
                        Map<String, String> fields = fields(line);
                        first = new Sample(total, Long.parseLong(fields.get("init_ns")), Long.parseLong(fields.get("invoke_ns")),
                                fields.get("response"));
                    } else if (line.startsWith("@@warm ")) {
                        Map<String, String> fields = fields(line);
                        warm = new Warm(target.name(), Long.parseLong(fields.get("p50_ns")) / 1e6, Long.parseLong(fields.get("heap_used")),
                                Long.parseLong(fields.get("rss_kb")), Long.parseLong(fields.get("hwm_kb")));
                    } else if (output.size() < 200) {
                        output.add(line);
                    }
                }
            }
            int exit = process.waitFor();
            Files.deleteIfExists(event);
            if (first == null || exit != 0 || (warmInvocations > 0 && warm == null)) {
                throw new IllegalStateException(target.name() + " sample " + sample + " failed (exit " + exit + "):\n"
                        + String.join("\n", output));
            }
            if (!answered(first.response())) {
                throw new IllegalStateException(target.name() + " sample " + sample + " did not succeed: " + first.response()
                        + "\n" + String.join("\n", output));
            }
            return new Run(first, warm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample counts only if the handler did its job: a 2xx answer, or no failed batch items. */
    private static boolean answered(String response) {
        if (response.contains("\"statusCode\":")) return response.matches(".*\"statusCode\":\\s*2\\d\\d.*");
        return !response.matches(".*\"(batchItemFailures|BatchItemFailures)\":\\s*\\[\\s*\\{.*");
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        String rest = line.substring(line.indexOf(' ') + 1);
        int response = rest.indexOf("response=");
        if (response >= 0) {
            fields.put("response", rest.substring(response + "response=".length()));
            rest = rest.substring(0, response);
        }
        for (String pair : rest.trim().split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    private static long artifactBytes(Target target) {
        return target.classpath().stream().mapToLong(ColdStart::size).sum();
    }

    private static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the targets: Liaison's functions as template.yaml declares them, and the baseline ----

    /**
     * Every function of the template with its artifact as Maven built it (the module's jar and its
     * runtime dependencies: what sam build puts in the function's folder), its environment as the
     * local broker gives it, and a first event that makes it do its main work on fresh data.
     */
    /** The function also measured through its typed entry, beside its stream entry. */
    static final String TYPED_ENTRY_OF = "DirectoryFunction";

    static List<Target> targets(LocalBroker broker, Template template, Path root, int samples) {
        Fixtures fixtures = new Fixtures(broker);
        // Each sample gets requests of its own, made before any JVM is timed.
        List<String> routed = new ArrayList<>();
        List<Fixtures.Held> held = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            routed.add(fixtures.routedRequest());
            held.add(fixtures.heldResponse());
        }
        List<Target> targets = new ArrayList<>();
        targets.add(baseline(broker, root));
        for (Template.Function function : template.functions()) {
            IntFunction<JsonNode> event = firstEvent(function.logicalId(), broker, routed, held);
            targets.add(new Target(function.logicalId(), function.handlerClass(), functionClasspath(root, function.handlerClass()),
                    broker.environment(function.logicalId()), event));
            if (function.logicalId().equals(TYPED_ENTRY_OF)) {
                // The same function entered as a RequestHandler, the event read by the runtime's library: what the stream entry saves (ADR 0027).
                Map<String, String> env = new HashMap<>(broker.environment(function.logicalId()));
                env.put(FirstInvocation.ENTRY, "typed");
                targets.add(new Target(function.logicalId() + " (typed entry)", function.handlerClass(),
                        functionClasspath(root, function.handlerClass()), env, event));
            }
        }
        return targets;
    }

    private static Target baseline(LocalBroker broker, Path root) {
        // The same region, credentials, endpoint, table and JVM options as the functions.
        Map<String, String> functionEnv = broker.environment("IntakeFunction");
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_DYNAMODB",
                "TABLE_NAME", "JAVA_TOOL_OPTIONS")) {
            if (functionEnv.containsKey(name)) env.put(name, functionEnv.get(name));
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", "BaselineFunction");
        Path module = root.resolve("benchmark-lambda/target");
        return new Target(BASELINE, BaselineHandler.class.getName(), moduleClasspath(module, "liaison-benchmark-lambda"), env,
                sample -> Fixtures.event("intake-file-request.json"));
    }

    private static IntFunction<JsonNode> firstEvent(String function, LocalBroker broker, List<String> routed,
                                                    List<Fixtures.Held> held) {
        return switch (function) {
            case "IntakeFunction" -> sample -> {
                ObjectNode event = Fixtures.event("intake-file-request.json");
                ((ObjectNode) event.path("headers")).put("idempotency-key", UUID.randomUUID().toString());
                return event;
            };
            case "CaseworkFunction" -> sample -> withRequest(Fixtures.event("casework-accept.json"), routed.get(sample));
            case "TrackingFunction" -> sample -> withRequest(Fixtures.event("tracking-get-request.json"), routed.get(sample));
            case "ReviewFunction" -> sample -> {
                Fixtures.Held h = held.get(sample);
                ObjectNode event = withRequest(Fixtures.event("review-approve.json"), h.requestId());
                ((ObjectNode) event.path("pathParameters")).put("number", Long.toString(h.number()));
                event.put("rawPath", "/requests/" + h.requestId() + "/responses/" + h.number() + "/review");
                return event;
            };
            case "PolicyFunction" -> sample -> Fixtures.event("policy-read.json");
            // The requester's preview: the directory and rules in force, routing and the gate's terms, nothing stored.
            case "DirectoryFunction" -> sample -> Fixtures.event("directory-preview.json");
            case "AuditFunction" -> sample -> auditVerification(routed.get(sample));
            case "RouterFunction" -> sample -> withRequest(Fixtures.event("router-filed-request.json"), routed.get(sample));
            case "DigestFunction", "DeadlineFunction" -> sample -> scheduledEvent(broker);
            case "NotifierFunction" -> sample -> notice(broker, routed.get(sample));
            default -> throw new IllegalStateException("no first event for " + function + ": add one to ColdStart");
        };
    }

    private static final String SAMPLE_ID = "276b1bd5-f897-474b-8535-d60307d343ee";

    /** The sample event with its request id replaced everywhere (path, parameters, keys, images). */
    private static ObjectNode withRequest(ObjectNode event, String id) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(event).replace(SAMPLE_ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An auditor verifying a request's trail, from the shape of the tracking sample. */
    private static ObjectNode auditVerification(String id) {
        ObjectNode event = withRequest(Fixtures.event("tracking-get-request.json"), id);
        event.put("routeKey", "GET /audit/requests/{id}/verification");
        event.put("rawPath", "/audit/requests/" + id + "/verification");
        ObjectNode claims = (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
        claims.removeAll();
        claims.put("sub", "auditor").put("role", "auditor").put("jurisdiction", "NL").put("name", "Auditor");
        ((ObjectNode) event.path("requestContext")).with("http").put("path", "/audit/requests/" + id + "/verification");
        return event;
    }

    /** EventBridge's scheduled event, as the runtime gives it to a handler of Map. */
    private static ObjectNode scheduledEvent(LocalBroker broker) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Scheduled Event")
                .put("source", "aws.events").put("account", "000000000000")
                .put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("region", "eu-central-1");
        event.putArray("resources");
        event.putObject("detail");
        return event;
    }

    /** One notice the router would queue: the requesting agency hears that its request was routed. */
    private static ObjectNode notice(LocalBroker broker, String id) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        ObjectNode record = records.addObject();
        record.put("messageId", UUID.randomUUID().toString())
                .put("receiptHandle", "benchmark-" + UUID.randomUUID())
                .put("body", "{\"requestId\":\"" + id + "\",\"sequence\":2,\"action\":\"ROUTED\","
                        + "\"recipient\":{\"jurisdiction\":\"NL\",\"agency\":\"NL-POLITIE-THTC\"}}")
                .put("md5OfBody", "")
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:eu-central-1:000000000000:NotificationQueue")
                .put("awsRegion", "eu-central-1");
        record.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp",
                Long.toString(System.currentTimeMillis()));
        record.putObject("messageAttributes");
        return event;
    }

    // ---- artifacts ----

    /** The function module whose classes hold {@code handlerClass}: its jar and runtime dependencies. */
    static List<Path> functionClasspath(Path root, String handlerClass) {
        String classFile = handlerClass.replace('.', '/') + ".class";
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            Path module = modules.filter(m -> Files.exists(m.resolve("target/classes").resolve(classFile))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no module under functions/ holds " + handlerClass
                            + " (build with bin/benchmark)"));
            return moduleClasspath(module.resolve("target"), "liaison-" + module.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A module's jar and the jars of target/runtime.classpath (written by dependency:build-classpath). */
    static List<Path> moduleClasspath(Path target, String artifactId) {
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(f -> f.getFileName().toString().startsWith(artifactId + "-")
                            && f.getFileName().toString().endsWith(".jar") && !f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar of " + artifactId + " in " + target));
            List<Path> classpath = new ArrayList<>(List.of(jar));
            String dependencies = Files.readString(target.resolve("runtime.classpath")).trim();
            if (!dependencies.isEmpty()) {
                for (String entry : dependencies.split(java.io.File.pathSeparator)) classpath.add(Path.of(entry));
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
