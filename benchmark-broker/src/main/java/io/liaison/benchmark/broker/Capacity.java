package io.liaison.benchmark.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.core.Notification;
import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.store.Digests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * DynamoDB capacity, invocations and handler time of one request's whole life, and what a million
 * of them cost. A lifecycle is the README walkthrough's "answers go through the release gate": NL files
 * the sample filing as a request for subscriber data (Budapest Art. 31; a preservation request is
 * answered with a confirmation, not records), the router routes it to DE's central authority DE-CA (and
 * the notifier tells it), DE-CA lists its inbox, accepts, answers with a record of a special category
 * of personal data (so the gate holds it), DE's data-protection officer finds it
 * in the review queue, reads it and approves it, and NL reads the released answer, the request and its
 * trail. Every DynamoDB call the functions make asks for its consumed capacity (SdkMeter); DynamoDB
 * Local reports it for every operation the functions use, indexes included.
 */
public final class Capacity {
    /**
     * {@code lambdaSlowdown}: how much longer a handler's own work runs on Lambda at 1024 MB than here
     * (Lambda gives 1024 MB about 0.58 vCPU); {@code latency}: how long each call to an AWS service
     * takes there, in place of the time the local emulators took on this machine's CPUs.
     */
    public record Options(int warmup, int lifecycles, double lambdaSlowdown, ServiceLatency latency, boolean digest) {
        public static Options defaults() {
            return new Options(10, 50, 1 / 0.58, ServiceLatency.assumed(), true);
        }
    }

    /**
     * Milliseconds per call from a Lambda function to a service in its region. Assumed, not measured
     * here (no AWS account): DynamoDB's single-digit milliseconds, taken at the high end because most
     * of Liaison's writes are transactions; SQS and KMS, whose calls take longer. X-Ray's subsegments
     * of a deployed stack give the real figures (docs/decisions/0025).
     */
    public record ServiceLatency(double dynamoMillis, double sqsMillis, double kmsMillis) {
        public static ServiceLatency assumed() {
            return new ServiceLatency(8, 15, 10);
        }
    }

    /** One API call of the lifecycle, with the median time it took and what its handler consumed per call. */
    public record Step(String name, String function, double medianMillis, double readUnits, double writeUnits) {}

    /** One function, per lifecycle. {@code invocations}: as AWS would invoke it (the stream filter applied). */
    public record Function(String name, double invocations, double medianMillis, double readUnits, double writeUnits,
                           double indexWriteUnits, double dynamoCalls, double sqsRequests, double kmsRequests,
                           double callMillis) {}

    public record Cost(String component, double quantity, String unit, double usdPerMillionLifecycles) {}

    public record Result(Options options, Prices prices, List<Step> steps, List<Function> functions, double eventsPerLifecycle,
                         double sqsRequests, List<Cost> costs, double usdPerMillionLifecycles,
                         double usdPerMillionLifecyclesWithoutApiGateway, double usdPerMillionApiRequests,
                         double usdPerMillionApiRequestsWithoutApiGateway, Map<String, Double> deadlineMonitorPerMinute,
                         long unreportedCalls, double localWaitGbSeconds) {
        public String markdown() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "One request lifecycle, mean of %d after %d warm-up (capacity units as DynamoDB Local"
                    + " reports them; %d calls reported none):%n%n", options.lifecycles(), options.warmup(), unreportedCalls));
            out.append("| step | function | median ms (HTTP, local) | RCU | WCU |\n| --- | --- | ---: | ---: | ---: |\n");
            for (Step s : steps) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", s.name(), s.function(),
                        s.medianMillis(), s.readUnits(), s.writeUnits()));
            }
            out.append("\n| function | invocations | median ms (local) | of which waiting on AWS calls, mean ms | RCU | WCU | of which index WCU | DynamoDB calls | SQS requests | KMS requests |\n");
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            double rcu = 0, wcu = 0;
            for (Function f : functions) {
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", f.name(),
                        f.invocations(), f.medianMillis(), f.callMillis(), f.readUnits(), f.writeUnits(), f.indexWriteUnits(), f.dynamoCalls(),
                        f.sqsRequests(), f.kmsRequests()));
                rcu += f.readUnits();
                wcu += f.writeUnits();
            }
            out.append(String.format(Locale.ROOT, "| **total** | | | | **%.2f** | **%.2f** | | | %.2f | %.2f |%n", rcu, wcu, sqsRequests,
                    functions.stream().mapToDouble(Function::kmsRequests).sum()));
            out.append(String.format(Locale.ROOT, "%nAudit events per lifecycle: %.1f. Deadline monitor, per minute whatever the"
                    + " traffic: %s.%n", eventsPerLifecycle, deadlineMonitorPerMinute));
            out.append(String.format(Locale.ROOT, "%nCost (us-east-1 on-demand prices; Lambda arm64 1024 MB: each function's median"
                    + " handler time here less its mean wait on the local emulators, x %.2f, plus %.0f ms per DynamoDB call, %.0f per SQS"
                    + " and %.0f per KMS request, rounded up to 1 ms; billing the local wait x %.2f instead, as the model did before,"
                    + " gives %.3f GB-s):%n%n", options.lambdaSlowdown(), options.latency().dynamoMillis(), options.latency().sqsMillis(),
                    options.latency().kmsMillis(), options.lambdaSlowdown(), localWaitGbSeconds));
            out.append("| component | per lifecycle | unit | USD per million lifecycles |\n| --- | ---: | --- | ---: |\n");
            for (Cost c : costs) {
                out.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %.2f |%n", c.component(), c.quantity(), c.unit(),
                        c.usdPerMillionLifecycles()));
            }
            out.append(String.format(Locale.ROOT, "%n**%.2f USD per million lifecycles** (%.2f without API Gateway);"
                            + " spread over the lifecycle's API calls, **%.2f USD per million API requests** (%.2f without)."
                            + " Anchor: ~2.6 USD per million requests (API Gateway + Lambda 1024 MB + DynamoDB).%n",
                    usdPerMillionLifecycles, usdPerMillionLifecyclesWithoutApiGateway, usdPerMillionApiRequests,
                    usdPerMillionApiRequestsWithoutApiGateway));
            return out.toString();
        }
    }

    private static final String ROUTER = "RouterFunction";
    private static final String NOTIFIER = "NotifierFunction";
    private static final String DIGEST = "DigestFunction";
    private static final String DEADLINES = "DeadlineFunction";

    private final LocalBroker broker;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final String filing;

    private Capacity(LocalBroker broker) {
        this.broker = broker;
        this.filing = Fixtures.subscriberDataBody();
        for (String user : List.of("nl-police", "de-ca", "de-dpo")) tokens.put(user, broker.token(user));
    }

    /** What the steps of the lifecycles measured, per step name. */
    private static final class Observed {
        final Map<String, String> function = new LinkedHashMap<>();
        final Map<String, List<Double>> millis = new LinkedHashMap<>();
        final Map<String, double[]> units = new LinkedHashMap<>();
        final List<String> requestIds = new ArrayList<>();
    }

    public static Result run(LocalBroker broker, Options options, Prices prices) throws Exception {
        Capacity capacity = new Capacity(broker);
        for (int i = 0; i < options.warmup(); i++) capacity.lifecycle(new Observed());
        SdkMeter.awaitQuiet(1000, 60_000);
        Instant start = Instant.now();
        SdkMeter.startMetering();
        Observed observed = new Observed();
        for (int i = 0; i < options.lifecycles(); i++) capacity.lifecycle(observed);
        SdkMeter.awaitQuiet(1500, 60_000);
        double minutes = (Instant.now().toEpochMilli() - start.toEpochMilli()) / 60_000.0;
        Map<String, SdkMeter.Usage> usage = SdkMeter.usage();
        List<SdkMeter.PolledInvocation> polled = SdkMeter.polledInvocations();
        long messages = SdkMeter.messagesReceived();
        DigestRun digest = options.digest() ? capacity.digest(start) : null;
        SdkMeter.stopMetering();
        return capacity.result(options, prices, observed, usage, polled, messages, digest, minutes);
    }

    private void lifecycle(Observed observed) throws Exception {
        String id = call(observed, "file (POST /requests)", "IntakeFunction", "nl-police", "POST", "/requests", filing, 201)
                .get("id").asText();
        observed.requestIds.add(id);
        awaitStatus(id, "ROUTED");
        call(observed, "inbox (GET /requests?status=ROUTED)", "TrackingFunction", "de-ca", "GET", "/requests?status=ROUTED", null, 200);
        call(observed, "accept (POST acknowledgement)", "CaseworkFunction", "de-ca", "POST", "/requests/" + id + "/acknowledgement",
                "{\"decision\":\"accept\",\"note\":\"Preservation order issued to the hosting provider.\"}", 200);
        JsonNode response = call(observed, "answer (POST responses)", "CaseworkFunction", "de-ca", "POST", "/requests/" + id + "/responses",
                ANSWER, 201);
        long number = response.get("number").asLong();
        if (!"HELD".equals(response.get("status").asText())) throw new IllegalStateException("the answer was not held: " + response);
        call(observed, "review queue (GET /reviews)", "ReviewFunction", "de-dpo", "GET", "/reviews", null, 200);
        call(observed, "read for review (GET response)", "ReviewFunction", "de-dpo", "GET", "/requests/" + id + "/responses/" + number, null, 200);
        call(observed, "approve (POST review)", "ReviewFunction", "de-dpo", "POST", "/requests/" + id + "/responses/" + number + "/review",
                "{\"decision\":\"approve\",\"reason\":\"necessary for the investigation; proportionate\"}", 200);
        call(observed, "read answer (GET responses)", "TrackingFunction", "nl-police", "GET", "/requests/" + id + "/responses", null, 200);
        call(observed, "read request (GET /requests/{id})", "TrackingFunction", "nl-police", "GET", "/requests/" + id, null, 200);
        call(observed, "read trail (GET events)", "TrackingFunction", "nl-police", "GET", "/requests/" + id + "/events", null, 200);
    }

    /** A record of a special category of personal data: the release gate holds it for the officer. */
    private static final String ANSWER = """
            {"final": true, "tlp": "TLP:AMBER", "records": [
             {"category":"subscriber","owner":"data_subject","originJurisdiction":"DE","fields":{"name":"M. Muster","address":"Hauptstr. 1, Wiesbaden"}},
             {"category":"subscriber","owner":"data_subject","specialCategory":true,"originJurisdiction":"DE","fields":{"healthNote":"registered as disabled"}}]}""";

    private JsonNode call(Observed observed, String step, String function, String user, String method, String path, String body,
                          int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(broker.baseUrl() + path))
                .header("Authorization", "Bearer " + tokens.get(user));
        if (body == null) request.GET();
        else request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (path.equals("/requests") && method.equals("POST")) request.header("Idempotency-Key", UUID.randomUUID().toString());
        SdkMeter.Usage before = SdkMeter.usage(function);
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t0;
        SdkMeter.Usage after = SdkMeter.usage(function);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(step + ": HTTP " + response.statusCode() + " " + response.body());
        }
        observed.function.put(step, function);
        observed.millis.computeIfAbsent(step, s -> new ArrayList<>()).add(nanos / 1e6);
        double[] units = observed.units.computeIfAbsent(step, s -> new double[2]);
        units[0] += after.readUnits() - before.readUnits();
        units[1] += after.writeUnits() - before.writeUnits();
        return Json.MAPPER.readTree(response.body());
    }

    /** Waits for the router, reading the table itself (not through the API, which would count as the lifecycle's). */
    private void awaitStatus(String id, String status) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            var item = broker.dynamoDb().getItem(g -> g.tableName(broker.tableName()).consistentRead(true)
                    .key(Map.of("PK", AttributeValue.fromS("REQ#" + id), "SK", AttributeValue.fromS("REQUEST")))).item();
            if (item != null && item.containsKey("status") && status.equals(item.get("status").s())) return;
            Thread.sleep(10);
        }
        throw new IllegalStateException("request " + id + " was not " + status + " within 4 s");
    }

    /**
     * The hourly digest of the hours the lifecycles ran in, written now as DigestFunction would (it
     * reads every event of the hour through the EventsByDay index, then writes one item with a head
     * per trail). Writes the current hour's digest early: run it last on a broker kept for benchmarks.
     */
    private DigestRun digest(Instant start) {
        Digests digests = broker.digests();
        int heads = 0;
        for (Instant hour = start.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(Instant.now()); hour = hour.plus(1, ChronoUnit.HOURS)) {
            Instant h = hour;
            heads += SdkMeter.onBehalfOf(DIGEST, () -> digests.write(h)).heads().size();
        }
        return new DigestRun(SdkMeter.usage(DIGEST), heads);
    }

    /** What writing the digests cost, and how many trails they named (one head each). */
    private record DigestRun(SdkMeter.Usage usage, int heads) {}

    private Result result(Options options, Prices prices, Observed observed, Map<String, SdkMeter.Usage> usage,
                          List<SdkMeter.PolledInvocation> polled, long messages, DigestRun digest, double minutes) {
        double n = options.lifecycles();
        List<Step> steps = new ArrayList<>();
        Map<String, List<Double>> apiMillis = new TreeMap<>();
        Map<String, Integer> apiCalls = new TreeMap<>();
        observed.millis.forEach((step, millis) -> {
            String function = observed.function.get(step);
            double[] units = observed.units.get(step);
            steps.add(new Step(step, function, Stats.percentile(millis, 50), units[0] / millis.size(), units[1] / millis.size()));
            apiMillis.computeIfAbsent(function, f -> new ArrayList<>()).addAll(millis);
            apiCalls.merge(function, 1, Integer::sum);
        });

        // The router as AWS invokes it: its stream filter passes the REQUEST insert and the audit events
        // someone must hear about (the same test the handler applies: Notification.mayNotify).
        long events = 0, notifying = 0;
        for (String id : observed.requestIds) {
            for (String action : actions(id)) {
                events++;
                if (Notification.mayNotify(action)) notifying++;
            }
        }
        double routerInvocations = (observed.requestIds.size() + notifying) / n;

        List<Function> functions = new ArrayList<>();
        apiCalls.forEach((function, perLifecycle) -> functions.add(function(function, perLifecycle,
                Stats.percentile(apiMillis.get(function), 50), usage.get(function), n)));
        List<Double> routerMillis = polled.stream().filter(p -> p.function().equals(ROUTER) && p.worked()).map(p -> p.nanos() / 1e6).toList();
        List<Double> notifierMillis = polled.stream().filter(p -> p.function().equals(NOTIFIER) && p.worked()).map(p -> p.nanos() / 1e6).toList();
        functions.add(function(ROUTER, routerInvocations, Stats.percentile(routerMillis, 50), usage.get(ROUTER), n));
        functions.add(function(NOTIFIER, messages / n, Stats.percentile(notifierMillis, 50), usage.get(NOTIFIER), n));
        if (digest != null) {
            // Per lifecycle: its share of the hour's event reads, and its one head in the digest item.
            double eventsInHours = eventsInHours(Instant.now().minusSeconds((long) (minutes * 60) + 5));
            double share = (events / n) / Math.max(1, eventsInHours);
            functions.add(new Function(DIGEST, 0, Double.NaN, digest.usage().readUnits() * share,
                    digest.usage().writeUnits() / Math.max(1, digest.heads()), 0, digest.usage().calls("dynamodb") * share, 0, 0, 0));
        }

        SdkMeter.Usage deadline = usage.get(DEADLINES);
        Map<String, Double> perMinute = deadline == null ? Map.of() : Map.of("RCU", deadline.readUnits() / minutes,
                "WCU", deadline.writeUnits() / minutes, "DynamoDB calls", deadline.calls("dynamodb") / minutes);

        // SQS: every notice is sent once by the router, received and deleted once by the event source mapping.
        double sends = functions.stream().mapToDouble(Function::sqsRequests).sum();
        double sqs = sends + 2 * messages / n;
        List<Cost> costs = costs(options, prices, functions, sqs, apiCalls.values().stream().mapToInt(Integer::intValue).sum());
        double all = costs.stream().mapToDouble(Cost::usdPerMillionLifecycles).sum();
        double gateway = costs.stream().filter(c -> c.component().startsWith("API Gateway")).mapToDouble(Cost::usdPerMillionLifecycles).sum();
        double apiPerLifecycle = observed.millis.size();
        long unreported = usage.values().stream().mapToLong(SdkMeter.Usage::unreported).sum();
        return new Result(options, prices, steps, functions, events / n, sqs, costs, all, all - gateway, all / apiPerLifecycle,
                (all - gateway) / apiPerLifecycle, perMinute, unreported, localWaitGbSeconds(options, functions));
    }

    private static Function function(String name, double invocations, double medianMillis, SdkMeter.Usage usage, double n) {
        if (usage == null) return new Function(name, invocations, medianMillis, 0, 0, 0, 0, 0, 0, 0);
        return new Function(name, invocations, medianMillis, usage.readUnits() / n, usage.writeUnits() / n,
                usage.indexWriteUnits() / n, usage.calls("dynamodb") / n, usage.calls("sqs") / n, usage.calls("kms") / n,
                invocations > 0 ? usage.callMillis() / n / invocations : 0);
    }

    private static List<Cost> costs(Options options, Prices prices, List<Function> functions, double sqs, int apiCalls) {
        double invocations = 0, gbSeconds = 0, reads = 0, writes = 0, kms = 0;
        for (Function f : functions) {
            invocations += f.invocations();
            if (f.invocations() > 0) gbSeconds += f.invocations() * Math.ceil(lambdaMillis(f, options)) / 1000.0;
            reads += f.readUnits();
            writes += f.writeUnits();
            kms += f.kmsRequests();
        }
        return List.of(
                new Cost("Lambda requests", invocations, "invocations", invocations * prices.lambdaPerMillionRequests()),
                new Cost("Lambda duration", gbSeconds, "GB-s", gbSeconds * 1e6 * prices.lambdaPerGbSecond()),
                new Cost("DynamoDB writes", writes, "WRU", writes * prices.dynamoPerMillionWrites()),
                new Cost("DynamoDB reads", reads, "RRU", reads * prices.dynamoPerMillionReads()),
                new Cost("SQS", sqs, "requests", sqs * prices.sqsPerMillionRequests()),
                new Cost("KMS", kms, "requests", kms * prices.kmsPerMillionRequests()),
                new Cost("API Gateway HTTP API", apiCalls, "requests", apiCalls * prices.httpApiPerMillionRequests()));
    }

    /**
     * One invocation's billed time on Lambda: its own work, slowed to Lambda's share of a CPU, and its
     * calls at the services' latency. The local wait is DynamoDB Local and ElasticMQ working on the
     * same two CPUs, which says nothing of how long DynamoDB takes.
     */
    static double lambdaMillis(Function f, Options options) {
        double work = Math.max(0, f.medianMillis() - f.callMillis()) * options.lambdaSlowdown();
        ServiceLatency latency = options.latency();
        return work + (f.dynamoCalls() * latency.dynamoMillis() + f.sqsRequests() * latency.sqsMillis()
                + f.kmsRequests() * latency.kmsMillis()) / f.invocations();
    }

    /** GB-s as the model billed them before: the whole local handler time, waits included, x the slowdown. */
    private static double localWaitGbSeconds(Options options, List<Function> functions) {
        return functions.stream().filter(f -> f.invocations() > 0)
                .mapToDouble(f -> f.invocations() * Math.ceil(f.medianMillis() * options.lambdaSlowdown()) / 1000.0).sum();
    }

    private List<String> actions(String requestId) {
        return broker.dynamoDb().queryPaginator(q -> q.tableName(broker.tableName()).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :e)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("REQ#" + requestId), ":e", AttributeValue.fromS("EVENT#"))))
                .items().stream().map(item -> item.get("action").s()).toList();
    }

    /** Audit events written since {@code from}'s hour began (the digest reads them all). */
    private double eventsInHours(Instant from) {
        Instant hour = from.truncatedTo(ChronoUnit.HOURS);
        return broker.dynamoDb().scanPaginator(s -> s.tableName(broker.tableName()).select(Select.SPECIFIC_ATTRIBUTES)
                        .projectionExpression("#k, GSI4SK").expressionAttributeNames(Map.of("#k", "kind")))
                .items().stream().filter(i -> i.containsKey("GSI4SK") && i.get("GSI4SK").s().compareTo(hour.toString()) >= 0).count();
    }

    /** {@code java ... Capacity out.json [lifecycles [warmup]]} */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Capacity OUT.json [lifecycles [warmup]]");
            System.exit(2);
        }
        Options d = Options.defaults();
        Options options = new Options(Throughput.arg(args, 2, d.warmup()), Throughput.arg(args, 1, d.lifecycles()),
                d.lambdaSlowdown(), d.latency(), d.digest());
        Result result;
        try (LocalBroker broker = Brokers.onFreePorts(true)) {
            result = run(broker, options, Prices.usEast1());
        }
        System.out.println(result.markdown());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), result);
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }
}
