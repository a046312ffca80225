package app.rigtrail.logistics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.rigtrail.logistics.domain.HoldHistoryGenerator.GeneratedHold;

class HoldHistoryGeneratorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void deterministicAndRealistic() {
        List<GeneratedHold> a = HoldHistoryGenerator.generate(2000, 4, 7, 5, TODAY);
        assertEquals(a, HoldHistoryGenerator.generate(2000, 4, 7, 5, TODAY));
        double fccMedian = median(a, HoldKind.OTHER_AGENCY);
        double examMedian = median(a, HoldKind.CBP_NON_INTRUSIVE);
        assertTrue(fccMedian > 30, "FCC-type holds run weeks to months: " + fccMedian);
        assertTrue(examMedian <= 5, "examinations clear in days: " + examMedian);
        long open = a.stream().filter(h -> h.decided() == null).count();
        assertTrue(open > 0 && open < a.size() / 4, "some holds are still open: " + open);
        assertTrue(a.stream().allMatch(h -> (h.decided() == null) == (h.outcome() == null)));
        assertTrue(a.stream().allMatch(h -> h.decided() == null || !h.decided().isBefore(h.presented())));
        assertTrue(a.stream().allMatch(h -> h.noticeOn() == null || h.kind().boundByCbpClocks()));
    }

    static double median(List<GeneratedHold> holds, HoldKind kind) {
        double[] d = holds.stream().filter(h -> h.kind() == kind)
                .mapToDouble(h -> ChronoUnit.DAYS.between(h.presented(), h.decided() == null ? TODAY : h.decided()))
                .sorted().toArray();
        return d[d.length / 2];
    }
}
