package app.rigtrail.forecast.domain;

import java.util.SplittableRandom;

/**
 * The Monte Carlo's random numbers: one stream per source of randomness, seeded from (seed, source,
 * index, replication) alone, so that scenarios run under common random numbers and the same seed gives
 * the same numbers bit for bit whatever the threads; and the draws made of uniforms (Poisson by
 * inversion, normal, the failure-rate multiplier).
 */
final class RandomStreams {

    /** The sources of randomness (a branch adds 16 to a source: fresh streams from the shared day on). */

    static final int FAILURES = 1;
    static final int ROUTES = 2;
    static final int PURCHASES = 3;
    static final int HOLDS = 4;
    static final int RATES = 5;
    static final int THINNING = 6;
    static final int LIVE = 7;
    /** The steady-state start's draws of day 0, one stream per replication. */
    static final int STEADY = 8;
    static final int SWAPS = 12;
    static final int REPAIRS = 13;
    /** Per shipment (hub, site, day): its transit and, for hubs working as servers, its hold. */
    static final int SHIPMENTS = 14;

    private static final org.hipparchus.distribution.continuous.NormalDistribution STANDARD_NORMAL =
            new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);

    private RandomStreams() {
    }


    /**
     * Gamma(shape)/shape by the Wilson-Hilferty cube: the failure-rate multiplier of one replication
     * when the rate is an estimate from {@code shape} events (mean 1, variance 1/shape).
     */
    static double rateMultiplier(double shape, double z) {
        if (shape <= 0) {
            return 1;
        }
        double c = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
        return c <= 0 ? 0 : c * c * c;
    }

    /** Substream r of a source: seeded from (seed, source, index, replication) alone. */
    static SplittableRandom stream(long seed, int source, int index, int replication) {
        return new SplittableRandom(seedOf(seed, source, index, replication));
    }

    /** The seed of substream (seed, source, index, replication). */
    static long seedOf(long seed, int source, int index, int replication) {
        return indexed(prefix(seed, source, replication), index);
    }

    /** What the seeds of one source's substreams in one replication share (then {@link #indexed}). */
    static long prefix(long seed, int source, int replication) {
        long h = mix(seed ^ (source + 0x9E3779B97F4A7C15L));
        return mix(h ^ (replication + 0x85157AF5L));
    }

    /** The seed of substream {@code index} of a source and replication, from their {@link #prefix}. */
    static long indexed(long prefix, int index) {
        return mix(prefix ^ (index + 0x632BE59BD9B4E019L));
    }

    /** SplittableRandom's golden gamma: the step of its seed from one number to the next. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * The (i + 1)-th {@code nextDouble()} of {@code new SplittableRandom(streamSeed)}, without the
     * stream: its generator is specified (the seed advances by the golden gamma, each number is the
     * seed through the MurmurHash3-style mix, its top 53 bits a double), so any one number of a
     * stream can be read on its own. {@code RandomStreamsTest} checks it against the class.
     */
    static double uniform(long streamSeed, int i) {
        long z = streamSeed + (i + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Poisson by inversion of one uniform: exact, and monotone in the mean, so a scenario with more
     * failures sees a superset of another's counts. Above a mean of 60 (a pool failing that often in
     * a day) the normal approximation of the same uniform is used.
     */
    static int poisson(double u, double mean, double expNegMean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 60) {
            double z = STANDARD_NORMAL.inverseCumulativeProbability(Math.max(1e-12, Math.min(u, 1 - 1e-12)));
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
        }
        double p = expNegMean;
        double cumulative = p;
        int n = 0;
        while (u > cumulative && n < 1000) {
            n++;
            p *= mean / n;
            cumulative += p;
        }
        return n;
    }

    static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
