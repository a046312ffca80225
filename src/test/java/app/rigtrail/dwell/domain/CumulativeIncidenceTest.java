package app.rigtrail.dwell.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CumulativeIncidenceTest {

    @Test
    void handComputedSmallCase() {
        // 5 holds: released at 1, excluded at 2, censored at 3, released at 4, seized at 4
        List<Observation> data = List.of(new Observation(1, true, 1, "RELEASED"), new Observation(2, true, 1, "EXCLUDED"),
                Observation.censored(3), new Observation(4, true, 1, "RELEASED"), new Observation(4, true, 1, "SEIZED"));
        Map<String, List<CumulativeIncidence.Point>> cif = CumulativeIncidence.estimate(data);
        // S: 1 -> 4/5 at t1 -> 3/5 at t2 -> (3/5)(0) at t4 (2 at risk, 2 events)
        assertEquals(0.2 + 0.6 * 0.5, last(cif, "RELEASED"), 1e-12);
        assertEquals(0.2, last(cif, "EXCLUDED"), 1e-12);
        assertEquals(0.3, last(cif, "SEIZED"), 1e-12);
    }

    @Test
    void incidencesAndSurvivalAddUpToOne() {
        SplittableRandom r = new SplittableRandom(3);
        String[] causes = {"RELEASED", "EXCLUDED", "RE_EXPORTED", "SEIZED"};
        List<Observation> data = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean event = r.nextDouble() < 0.7;
            data.add(new Observation(r.nextInt(90), event, 1, event ? causes[r.nextInt(4)] : null));
        }
        Map<String, List<CumulativeIncidence.Point>> cif = CumulativeIncidence.estimate(data);
        KaplanMeier km = KaplanMeier.estimate(data, 0.95, KaplanMeier.Band.LOG);
        for (KaplanMeier.Row row : km.rows()) {
            double sum = 0;
            for (String c : cif.keySet()) {
                sum += cif.get(c).stream().filter(p -> p.time() <= row.time()).reduce((a, b) -> b)
                        .map(CumulativeIncidence.Point::incidence).orElse(0.0);
            }
            assertEquals(1.0, sum + row.survival(), 1e-12, "at " + row.time());
        }
    }

    static double last(Map<String, List<CumulativeIncidence.Point>> cif, String cause) {
        List<CumulativeIncidence.Point> points = cif.get(cause);
        return points.get(points.size() - 1).incidence();
    }
}
