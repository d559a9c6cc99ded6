package io.liaison.benchmark.broker;

import io.liaison.json.Json;
import io.liaison.local.LocalBroker;
import io.liaison.local.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run against one local broker (one DynamoDB Local), in this order so that each part
 * finds the table as quiet as the one before left it: cold start of every function beside the
 * baseline and what each warm handler holds; capacity units and cost per request lifecycle; filing
 * throughput through the server against raw TransactWriteItems (last: it fills the table). Run
 * from the repository root by bin/benchmark; writes RESULT.json and the tables as RESULT.md.
 *
 * <pre>Measure RESULT.json [--samples N] [--warm N] [--lifecycles N] [--concurrency N] [--seconds N] [--parts cold,capacity,throughput]</pre>
 */
public final class Measure {
    private Measure() {}

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args.length > 0 ? args[0] : "benchmark-broker/target/benchmark.json");
        int samples = intOption(args, "--samples", 20);
        int warmInvocations = intOption(args, "--warm", 50);
        Capacity.Options capacityDefaults = Capacity.Options.defaults();
        var capacityOptions = new Capacity.Options(capacityDefaults.warmup(), intOption(args, "--lifecycles", capacityDefaults.lifecycles()),
                capacityDefaults.lambdaSlowdown(), capacityDefaults.latency(), capacityDefaults.digest());
        Throughput.Options throughputDefaults = Throughput.Options.defaults();
        var throughputOptions = new Throughput.Options(intOption(args, "--concurrency", throughputDefaults.concurrency()),
                10, intOption(args, "--seconds", 15), throughputDefaults.rounds(), throughputDefaults.idempotencyKeys(), 60);
        Path root = Path.of("").toAbsolutePath();
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Template template = Template.read(Template.locate(root));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", java.time.Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        report.put("jvmFlags", ColdStart.LAMBDA_JVM_FLAGS);
        String parts = option(args, "--parts", "cold,capacity,throughput");
        StringBuilder tables = new StringBuilder();
        try (LocalBroker broker = Brokers.onFreePorts()) {
            if (parts.contains("cold")) {
                coldStart(broker, template, root, launcher, samples, warmInvocations, report, tables);
            }
            if (parts.contains("capacity")) {
                Capacity.Result capacity;
                // Its own broker, sealing through the local KMS: every KMS request a lifecycle makes is counted.
                try (LocalBroker sealingWithKms = Brokers.onFreePorts(true)) {
                    capacity = Capacity.run(sealingWithKms, capacityOptions, Prices.usEast1());
                }
                report.put("capacity", capacity);
                tables.append(capacity.markdown()).append('\n');
                System.out.println(capacity.markdown());
            }
            if (parts.contains("throughput")) {
                Throughput.Result throughput = Throughput.run(broker, throughputOptions);
                report.put("throughput", throughput);
                tables.append(throughput.markdown()).append('\n');
                System.out.println(throughput.markdown());
            }
        }
        Files.createDirectories(result.toAbsolutePath().getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(result.toFile(), report);
        Path markdown = result.resolveSibling(result.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        Files.writeString(markdown, tables);
        System.out.println("JSON: " + result + "\ntables: " + markdown);
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    private static void coldStart(LocalBroker broker, Template template, Path root, Path launcher, int samples,
                                  int warmInvocations, Map<String, Object> report, StringBuilder tables) {
        // Fresh requests for every sample, and for the warm and the profiled run after them.
        List<ColdStart.Target> targets = ColdStart.targets(broker, template, root, samples + 2);
        var coldStart = new ColdStart(launcher);
        List<ColdStart.Result> cold = coldStart.run(targets, samples, 20261125L, System.out);
        List<ColdStart.Warm> warm = new ArrayList<>();
        for (ColdStart.Target target : targets) warm.add(coldStart.warm(target, samples, warmInvocations));
        List<ColdStart.ClassLoadProfile> profiles = new ArrayList<>();
        for (ColdStart.Target target : targets) profiles.add(coldStart.profile(target, samples + 1));
        report.put("coldStart", cold.stream().map(r -> Map.of("name", r.name(), "p50Millis", r.p50Millis(),
                "p99Millis", r.p99Millis(), "initP50Millis", r.initP50Millis(), "artifactBytes", r.artifactBytes(),
                "samplesMillis", r.samples().stream().map(s -> s.totalNanos() / 1e6).toList())).toList());
        report.put("warm", warm);
        report.put("classLoading", profiles);
        String coldTables = coldStartTable(cold, warm) + "\n" + profileTable(profiles) + "\n";
        tables.append(coldTables);
        System.out.println(coldTables);
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

    static String profileTable(List<ColdStart.ClassLoadProfile> profiles) {
        StringBuilder table = new StringBuilder("| function | classes loaded | last load at ms | ms up to each load, by where the class came from |\n|---|---:|---:|---|\n");
        for (ColdStart.ClassLoadProfile p : profiles) {
            StringBuilder top = new StringBuilder();
            p.millisBySource().forEach((source, ms) -> top.append(top.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.0f (%d)", source, ms, p.bySource().getOrDefault(source, 0))));
            table.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s |%n", p.name(), p.classes(), p.lastLoadMillis(), top));
        }
        return table.toString();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        return fallback;
    }
}
