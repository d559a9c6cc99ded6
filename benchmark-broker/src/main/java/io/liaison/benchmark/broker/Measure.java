package io.liaison.benchmark.broker;

import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run against one local broker (one DynamoDB Local): cold start of every function
 * beside the baseline, and what each warm handler holds. Run from the repository root by bin/benchmark.
 *
 * <pre>Measure RESULT.json [--samples N] [--warm N]</pre>
 */
public final class Measure {
    private Measure() {}

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args.length > 0 ? args[0] : "benchmark-broker/target/benchmark.json");
        int samples = intOption(args, "--samples", 20);
        int warmInvocations = intOption(args, "--warm", 50);
        Path root = Path.of("").toAbsolutePath();
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Template template = Template.read(Template.locate(root));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", java.time.Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        report.put("jvmFlags", ColdStart.LAMBDA_JVM_FLAGS);
        try (LocalBroker broker = LocalBroker.start(LocalBroker.Options.defaults().withPorts(freePort(), freePort()))) {
            List<ColdStart.Target> targets = ColdStart.targets(broker, template, root, samples + 2);
            var coldStart = new ColdStart(launcher);
            List<ColdStart.Result> cold = coldStart.run(targets, samples, 20261125L, System.out);
            List<ColdStart.Warm> warm = new ArrayList<>();
            for (ColdStart.Target target : targets) warm.add(coldStart.warm(target, samples, warmInvocations));
            report.put("coldStart", cold.stream().map(r -> Map.of("name", r.name(), "p50Millis", r.p50Millis(),
                    "p99Millis", r.p99Millis(), "initP50Millis", r.initP50Millis(), "artifactBytes", r.artifactBytes(),
                    "samplesMillis", r.samples().stream().map(s -> s.totalNanos() / 1e6).toList())).toList());
            report.put("warm", warm);
            List<ColdStart.ClassLoadProfile> profiles = new ArrayList<>();
            for (ColdStart.Target target : targets) profiles.add(coldStart.profile(target, samples + 1));
            report.put("classLoading", profiles);
            System.out.println();
            System.out.println(coldStartTable(cold, warm));
            System.out.println();
            profiles.forEach(p -> System.out.println(p.name() + ": " + p.classes() + " classes " + p.bySource()));
        }
        Files.createDirectories(result.toAbsolutePath().getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(result.toFile(), report);
        System.out.println("JSON: " + result);
    }

    static String coldStartTable(List<ColdStart.Result> cold, List<ColdStart.Warm> warm) {
        ColdStart.Result baseline = cold.stream().filter(r -> r.name().equals(ColdStart.BASELINE)).findFirst().orElseThrow();
        StringBuilder table = new StringBuilder(
                "| function | cold p50 ms | cold p99 ms | p50 / baseline | init p50 ms | artifact MB | warm p50 ms | warm RSS MB | heap after GC MB |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ColdStart.Result r : cold) {
            ColdStart.Warm w = warm.stream().filter(x -> x.name().equals(r.name())).findFirst().orElseThrow();
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f | %.1f | %.1f | %.0f | %.1f |%n", r.name(),
                    r.p50Millis(), r.p99Millis(), r.p50Millis() / baseline.p50Millis(), r.initP50Millis(),
                    r.artifactBytes() / 1e6, w.p50Millis(), w.rssKb() / 1024.0, w.heapUsedBytes() / 1048576.0));
        }
        return table.toString();
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        return fallback;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
