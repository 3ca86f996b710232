package vn.motcua.bench;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles (nearest rank on the sorted sample), the only statistics the bench reports. */
final class Stats {

    private Stats() {}

    static double median(Collection<? extends Number> values) {
        double[] v = sorted(values);
        if (v.length == 0) return Double.NaN;
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} % of the sample at or below it. */
    static double percentile(Collection<? extends Number> values, double p) {
        if (p <= 0 || p > 100) throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        double[] v = sorted(values);
        if (v.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, rank - 1)];
    }

    private static double[] sorted(Collection<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(v);
        return v;
    }
}
