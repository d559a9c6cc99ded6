package io.liaison.benchmark.broker;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over samples (nearest rank): enough for medians and p99 of a few thousand values. */
final class Stats {
    private Stats() {}

    static double percentile(Collection<? extends Number> samples, double p) {
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return percentile(sorted, p);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
