package app.rigtrail.availability.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.rigtrail.fleet.domain.MinerStatus;

/**
 * Availability of machines from their status history, exactly time-weighted (not sampled): each day
 * counts the seconds each machine was installed, hashing (HASHING or DEGRADED) and the hashrate it
 * delivered (full nameplate when HASHING, the model's degraded share when DEGRADED, nothing when DOWN
 * or IN_REPAIR). A machine is installed from its installation (for one RECEIVED from an order: from its
 * commissioning) until it is RETIRED, and only up to
 * {@code now}: today counts the part of the day gone by. Days are UTC days.
 *
 * <p>A test oracle: an independent derivation, by machine and by second, of what the dashboard's daily
 * aggregates compute by status event (issue #6). The app's definition of the rates is SQL's, once
 * (status_rates and degraded_share in R__availability_rates.sql, #13 item 1); this restates it on purpose
 * so that the two are checked against each other, and the tests hold both to hand computation.
 */
public final class AvailabilityTimeline {

    private static final long DAY = 86_400;

    /** A change of status at an instant. */
    public record Change(Instant at, MinerStatus to) {
    }

    /**
     * One machine: nameplate TH/s, the share of it a DEGRADED machine still delivers, when it was
     * installed in the status it was installed in, and its changes in time order.
     */
    public record Machine(double nameplateThs, double degradedShare, Instant installedAt, MinerStatus installedAs,
            List<Change> changes) {
    }

    /** One day's totals, in unit-days and TH-days. */
    public record Day(LocalDate day, double installedUnitDays, double hashingUnitDays, double nameplateThDays,
            double deliveredThDays) {

        public double unitAvailability() {
            return installedUnitDays == 0 ? 1 : hashingUnitDays / installedUnitDays;
        }

        public double hashrateAvailability() {
            return nameplateThDays == 0 ? 1 : deliveredThDays / nameplateThDays;
        }

        /** TH-days not delivered that the installed machines could have delivered. */
        public double lostThDays() {
            return nameplateThDays - deliveredThDays;
        }
    }

    private AvailabilityTimeline() {
    }

    /** Per day from {@code from} to {@code to} (inclusive), the fleet's totals. */
    public static List<Day> daily(List<Machine> machines, LocalDate from, LocalDate to, Instant now) {
        int n = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        double[] installed = new double[n];
        double[] hashing = new double[n];
        double[] nameplate = new double[n];
        double[] delivered = new double[n];
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = Math.min(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), now.getEpochSecond());
        for (Machine m : machines) {
            long installedAt = m.installedAt().getEpochSecond();
            long t = installedAt;
            MinerStatus status = m.installedAs();
            List<Change> changes = m.changes();
            for (int i = 0; i <= changes.size(); i++) {
                long next = i < changes.size() ? changes.get(i).at().getEpochSecond() : Long.MAX_VALUE;
                if (status == MinerStatus.RETIRED) {
                    break;
                }
                if (status.installed()) { // a machine RECEIVED from an order counts from its commissioning
                    double unit = status == MinerStatus.HASHING || status == MinerStatus.DEGRADED ? 1 : 0;
                    double rate = status == MinerStatus.HASHING ? 1 : status == MinerStatus.DEGRADED ? m.degradedShare() : 0;
                    spread(Math.max(t, start), Math.min(next, end), start, m.nameplateThs(), unit, rate, installed,
                            hashing, nameplate, delivered);
                }
                if (i < changes.size()) {
                    t = Math.max(next, installedAt); // a change recorded before installation takes effect at it
                    status = changes.get(i).to();
                }
            }
        }
        List<Day> out = new ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            out.add(new Day(from.plusDays(d), installed[d] / DAY, hashing[d] / DAY, nameplate[d] / DAY,
                    delivered[d] / DAY));
        }
        return out;
    }

    /** Adds the seconds of [a, b) to the days they fall on. */
    private static void spread(long a, long b, long start, double ths, double unit, double rate, double[] installed,
            double[] hashing, double[] nameplate, double[] delivered) {
        while (a < b) {
            int d = (int) ((a - start) / DAY);
            long dayEnd = start + (d + 1) * DAY;
            long seconds = Math.min(b, dayEnd) - a;
            installed[d] += seconds;
            hashing[d] += seconds * unit;
            nameplate[d] += seconds * ths;
            delivered[d] += seconds * ths * rate;
            a += seconds;
        }
    }
}
