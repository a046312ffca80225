package app.rigtrail.dwell.domain;

/**
 * A duration that ended ({@code event} true: the hold was decided at {@code time}) or is still
 * running (right-censored: it lasted at least {@code time}), seen {@code count} times. {@code cause}
 * names the outcome of an ended one for competing-risk analysis (may be null).
 */
public record Observation(double time, boolean event, int count, String cause) {

    /** The most one observation may stand for. */
    public static final int MAX_COUNT = 1_000_000;
    /** The most a data set may count in all (every count stays a whole number the estimates can add). */
    public static final long MAX_TOTAL = 1_000_000_000L;
    /** The longest duration, in days: a thousand years. */
    public static final double MAX_TIME = 365_250;

    public Observation {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("time must be a finite number >= 0");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT);
        }
    }

    /** Refuses a data set that counts more than {@link #MAX_TOTAL} in all. */
    public static long total(java.util.Collection<Observation> data) {
        long total = 0;
        for (Observation o : data) {
            total += o.count();
        }
        if (total > MAX_TOTAL) {
            throw new IllegalArgumentException("the counts add up to " + total + ", more than " + MAX_TOTAL);
        }
        return total;
    }

    /** How many different durations the data hold: a parametric fit needs at least two. */
    public static long distinctTimes(java.util.Collection<Observation> data) {
        return data.stream().mapToDouble(Observation::time).distinct().count();
    }

    public Observation(double time, boolean event, int count) {
        this(time, event, count, null);
    }

    public static Observation event(double time) {
        return new Observation(time, true, 1);
    }

    public static Observation censored(double time) {
        return new Observation(time, false, 1);
    }
}
