package app.rigtrail.forecast.domain;

/** A daily series over replications: its mean, standard deviation, and 10th, 50th and 90th percentiles. */
public record Band(double[] mean, double[] sd, double[] p10, double[] p50, double[] p90) {

    /**
     * From replication values laid out day by day ({@code values[day * reps + r]}). Percentiles are
     * order statistics (the ceil(q n)-th smallest value), found by selection, not a full sort.
     */
    public static Band of(float[] values, int days, int reps) {
        return compute(values, days, reps, false);
    }

    /**
     * From values laid out replication by replication ({@code values[r * days + day]}), as the
     * simulation writes them: read a day at a time out of cache-sized blocks.
     */
    public static Band ofReplications(float[] values, int days, int reps) {
        return compute(values, days, reps, true);
    }

    /**
     * The band of c X from that of X, for c > 0: means, deviations and order statistics all scale
     * by c (the hashrate down of machines that all have c TH/s is c times the machines down).
     */
    public Band scaled(double c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("scale must be positive");
        }
        return new Band(times(mean, c), times(sd, c), times(p10, c), times(p50, c), times(p90, c));
    }

    private static double[] times(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * c;
        }
        return out;
    }

    private static final int BLOCK_DAYS = 16;

    private static Band compute(float[] values, int days, int reps, boolean replicationMajor) {
        double[] mean = new double[days];
        double[] sd = new double[days];
        double[] p10 = new double[days];
        double[] p50 = new double[days];
        double[] p90 = new double[days];
        float[] work = new float[reps];
        int k10 = rank(0.1, reps);
        int k50 = rank(0.5, reps);
        int k90 = rank(0.9, reps);
        int[] counts = new int[COUNTING_RANGE + 1];
        float[] block = replicationMajor ? new float[BLOCK_DAYS * reps] : null;
        for (int d = 0; d < days; d++) {
            if (!replicationMajor) {
                System.arraycopy(values, d * reps, work, 0, reps);
            } else {
                int b = d % BLOCK_DAYS;
                if (b == 0) {
                    // the next days of every replication, turned day-major
                    int width = Math.min(BLOCK_DAYS, days - d);
                    for (int r = 0; r < reps; r++) {
                        int row = r * days + d;
                        for (int j = 0; j < width; j++) {
                            block[j * reps + r] = values[row + j];
                        }
                    }
                }
                System.arraycopy(block, b * reps, work, 0, reps);
            }
            double sum = 0;
            double squares = 0;
            boolean small = true;
            float max = 0;
            float shift = work[0]; // sums of squares about a value near the mean keep their precision
            for (float v : work) {
                sum += v;
                squares += (double) (v - shift) * (v - shift);
                small &= v >= 0 && v <= COUNTING_RANGE && v == (int) v;
                max = Math.max(max, v);
            }
            mean[d] = sum / reps;
            double centred = sum / reps - shift;
            sd[d] = Math.sqrt(Math.max(0, (squares - reps * centred * centred) / (reps - 1)));
            if (small) {
                // counts of machines or parts: a histogram gives the order statistics in one pass
                int range = (int) max + 1;
                java.util.Arrays.fill(counts, 0, range, 0);
                for (float v : work) {
                    counts[(int) v]++;
                }
                p10[d] = nth(counts, range, k10);
                p50[d] = nth(counts, range, k50);
                p90[d] = nth(counts, range, k90);
                continue;
            }
            p50[d] = select(work, 0, reps - 1, k50);
            // after selecting k50 the lower ranks sit left of it and the higher ranks right of it
            p10[d] = select(work, 0, k50, k10);
            p90[d] = select(work, k50, reps - 1, k90);
        }
        return new Band(mean, sd, p10, p50, p90);
    }

    private static final int COUNTING_RANGE = 4096;

    /** The k-th smallest (from 0) of the values counted in the histogram. */
    private static int nth(int[] counts, int range, int k) {
        int seen = 0;
        for (int v = 0; v < range; v++) {
            seen += counts[v];
            if (seen > k) {
                return v;
            }
        }
        return range - 1;
    }

    /** The index (from 0) of the q-quantile among n sorted values: the ceil(q n)-th smallest. */
    public static int rank(double q, int n) {
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    }

    /** The k-th smallest of a[lo..hi] (Hoare's selection), rearranging a[lo..hi] around it. */
    static float select(float[] a, int lo, int hi, int k) {
        while (hi > lo) {
            float pivot = median3(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static float median3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
