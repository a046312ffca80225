package app.rigtrail.dwell.domain;

/**
 * A duration that ended ({@code event} true: the hold was decided at {@code time}) or is still
 * running (right-censored: it lasted at least {@code time}), seen {@code count} times. {@code cause}
 * names the outcome of an ended one for competing-risk analysis (may be null).
 */
public record Observation(double time, boolean event, int count, String cause) {

    public Observation {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("time must be a finite number >= 0");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
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
