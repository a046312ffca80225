package app.rigtrail.dwell.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cumulative incidence of competing outcomes (released, excluded, re-exported, seized, ...), the
 * Aalen-Johansen estimate: CIF_k(t) = sum over event times t_j <= t of S(t_j-) d_kj / n_j, with S
 * the Kaplan-Meier estimate of "no outcome yet". The incidences and S add up to one.
 */
public final class CumulativeIncidence {

    public record Point(double time, double incidence) {
    }

    private CumulativeIncidence() {
    }

    public static Map<String, List<Point>> estimate(Collection<Observation> data) {
        TreeMap<Double, Map<String, Integer>> events = new TreeMap<>();
        TreeMap<Double, Integer> leaving = new TreeMap<>();
        TreeSet<String> causes = new TreeSet<>();
        int atRisk = 0;
        for (Observation o : data) {
            atRisk += o.count();
            leaving.merge(o.time(), o.count(), Integer::sum);
            if (o.event()) {
                String cause = o.cause() == null ? "EVENT" : o.cause();
                causes.add(cause);
                events.computeIfAbsent(o.time(), t -> new LinkedHashMap<>()).merge(cause, o.count(), Integer::sum);
            }
        }
        Map<String, List<Point>> result = new LinkedHashMap<>();
        Map<String, Double> running = new LinkedHashMap<>();
        for (String c : causes) {
            result.put(c, new ArrayList<>());
            running.put(c, 0.0);
        }
        double survival = 1;
        for (var e : leaving.entrySet()) {
            Map<String, Integer> d = events.getOrDefault(e.getKey(), Map.of());
            int dAll = d.values().stream().mapToInt(Integer::intValue).sum();
            if (dAll > 0) {
                for (String c : causes) {
                    int dk = d.getOrDefault(c, 0);
                    if (dk > 0) {
                        running.merge(c, survival * dk / atRisk, Double::sum);
                    }
                    result.get(c).add(new Point(e.getKey(), running.get(c)));
                }
                survival *= 1 - (double) dAll / atRisk;
            }
            atRisk -= e.getValue();
        }
        return result;
    }
}
