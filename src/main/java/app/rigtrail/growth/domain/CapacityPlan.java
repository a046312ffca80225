package app.rigtrail.growth.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Installed hashrate against the plan, month by month. A month's target is the TH/s installed at its
 * end. Months gone by compare the target with what was installed and hashing on their last day; the
 * current month and the ones ahead add to what is installed now the machines expected by the month's
 * end (those waiting to be commissioned, those on the way, those still on order), each at its
 * expected date, and say what remains uncovered: the TH/s that no order makes up.
 */
public final class CapacityPlan {

    private CapacityPlan() {
    }

    /** Where units expected to be installed are now. */
    public enum Stage {
        AWAITING_COMMISSIONING("received, to commission"),
        IN_CUSTOMS("in customs"),
        ON_THE_WAY("on the way"),
        ON_ORDER("on order");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Units of an order expected to be installed on a date (for units already here, today).
     *
     * @param expectedOn the date they are expected; {@code overdue} when it has passed without them
     */
    public record Arrival(long orderId, String order, String vendor, String model, String site, Stage stage, int units,
            double ths, LocalDate expectedOn, boolean overdue) {
    }

    /** Installed and hashing TH/s on a month's last day (or now, for the current month). */
    public record Actual(double installedThs, double hashingThs) {
    }

    /**
     * One month of the plan.
     *
     * @param installedThs what was installed at the month's end (past), or is now (current month)
     * @param projectedThs installed now plus everything expected by the month's end (current and later months)
     * @param uncoveredThs the target minus the projection, when positive: what no order makes up
     * @param due the arrivals expected within this month (for the current month: also the overdue ones)
     */
    public record Month(YearMonth month, boolean past, Double targetThs, Double installedThs, Double hashingThs,
            Double projectedThs, Double gapThs, Double uncoveredThs, List<Arrival> due) {

        public boolean met() {
            double have = past ? installedThs : projectedThs;
            return targetThs == null || have >= targetThs - 1e-9;
        }
    }

    /**
     * The months from the first target (or the current month) to the last one (at least the current
     * month), with their figures.
     *
     * @param targets TH/s installed at each month's end
     * @param history installed and hashing at the end of months gone by (missing months show no figures)
     * @param now installed and hashing now
     * @param arrivals what is expected, in any order
     */
    public static List<Month> months(Map<YearMonth, Double> targets, Map<YearMonth, Actual> history, Actual now,
            List<Arrival> arrivals, LocalDate today) {
        YearMonth current = YearMonth.from(today);
        YearMonth first = targets.keySet().stream().min(Comparator.naturalOrder()).orElse(current);
        YearMonth last = targets.keySet().stream().max(Comparator.naturalOrder()).orElse(current);
        if (last.isBefore(current)) {
            last = current;
        }
        if (first.isAfter(current)) {
            first = current;
        }
        NavigableMap<YearMonth, List<Arrival>> byMonth = new TreeMap<>();
        for (Arrival a : sorted(arrivals)) {
            YearMonth m = a.expectedOn().isBefore(today) ? current : YearMonth.from(a.expectedOn());
            byMonth.computeIfAbsent(m, x -> new ArrayList<>()).add(a);
        }
        List<Month> out = new ArrayList<>();
        double projected = now.installedThs();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Double target = targets.get(m);
            if (m.isBefore(current)) {
                Actual a = history.get(m);
                Double installed = a == null ? null : a.installedThs();
                Double gap = target == null || installed == null ? null : target - installed;
                out.add(new Month(m, true, target, installed, a == null ? null : a.hashingThs(), null, gap,
                        gap == null ? null : Math.max(0, gap), List.of()));
                continue;
            }
            List<Arrival> due = byMonth.getOrDefault(m, List.of());
            for (Arrival a : due) {
                projected += a.ths();
            }
            boolean isCurrent = m.equals(current);
            Double gap = target == null ? null : target - now.installedThs();
            out.add(new Month(m, false, target, isCurrent ? now.installedThs() : null,
                    isCurrent ? now.hashingThs() : null, projected, gap,
                    target == null ? null : Math.max(0, target - projected), due));
        }
        return out;
    }

    /** Arrivals by expected date (units already here first), then by order. */
    public static List<Arrival> sorted(List<Arrival> arrivals) {
        List<Arrival> s = new ArrayList<>(arrivals);
        s.sort(Comparator.comparing(Arrival::expectedOn).thenComparing(Arrival::stage).thenComparing(Arrival::orderId));
        return s;
    }

    /** The date a batch is expected to count, given the day it is (or was) expected: never before today. */
    public static LocalDate expected(LocalDate date, LocalDate today) {
        return date == null || date.isBefore(today) ? today : date;
    }
}
