package app.rigtrail.growth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.growth.domain.CapacityPlan.Actual;
import app.rigtrail.growth.domain.CapacityPlan.Arrival;
import app.rigtrail.growth.domain.CapacityPlan.Month;
import app.rigtrail.growth.domain.CapacityPlan.Stage;

class CapacityPlanTest {

    static final LocalDate TODAY = LocalDate.of(2027, 2, 10);

    static Arrival arrival(long order, Stage stage, int units, double thsEach, LocalDate on) {
        return new Arrival(order, "MO-" + order, "BITMAIN", "S21", "TX1", stage, units, units * thsEach, on,
                on.isBefore(TODAY));
    }

    /**
     * By hand: January missed its 10,000 TH/s by 500. In February 11,000 are installed; 5 machines wait to
     * be commissioned (1,000) and 20 overdue in customs count this month (4,000): 16,000 projected
     * against 12,000. April adds 50 M60S (9,300): 25,300 against 20,000. May's order is after the plan.
     */
    @Test
    void monthsCompareTheTargetWithWhatIsInstalledAndWhatIsExpectedByTheirEnd() {
        Map<YearMonth, Double> targets = Map.of(YearMonth.of(2027, 1), 10_000.0, YearMonth.of(2027, 2), 12_000.0,
                YearMonth.of(2027, 4), 20_000.0);
        Map<YearMonth, Actual> history = Map.of(YearMonth.of(2027, 1), new Actual(9_500, 9_000));
        List<Arrival> arrivals = List.of(
                arrival(4, Stage.ON_ORDER, 10, 200, LocalDate.of(2027, 5, 1)),
                arrival(3, Stage.ON_ORDER, 50, 186, LocalDate.of(2027, 4, 15)),
                arrival(2, Stage.IN_CUSTOMS, 20, 200, LocalDate.of(2027, 1, 30)),
                arrival(1, Stage.AWAITING_COMMISSIONING, 5, 200, TODAY));
        List<Month> months = CapacityPlan.months(targets, history, new Actual(11_000, 10_500), arrivals, TODAY);
        assertEquals(List.of(YearMonth.of(2027, 1), YearMonth.of(2027, 2), YearMonth.of(2027, 3), YearMonth.of(2027, 4)),
                months.stream().map(Month::month).toList());
        Month jan = months.get(0);
        assertTrue(jan.past());
        assertEquals(9_500, jan.installedThs());
        assertEquals(9_000, jan.hashingThs());
        assertEquals(500, jan.gapThs());
        assertEquals(500, jan.uncoveredThs());
        assertFalse(jan.met());
        Month feb = months.get(1);
        assertEquals(11_000, feb.installedThs());
        assertEquals(10_500, feb.hashingThs());
        assertEquals(16_000, feb.projectedThs(), 1e-9);
        assertEquals(1_000, feb.gapThs());
        assertEquals(0, feb.uncoveredThs());
        assertTrue(feb.met());
        assertEquals(List.of(2L, 1L), feb.due().stream().map(Arrival::orderId).toList(), "overdue first, by date");
        Month mar = months.get(2);
        assertNull(mar.targetThs());
        assertEquals(16_000, mar.projectedThs(), 1e-9);
        assertTrue(mar.due().isEmpty());
        Month apr = months.get(3);
        assertEquals(25_300, apr.projectedThs(), 1e-9);
        assertEquals(9_000, apr.gapThs());
        assertEquals(0, apr.uncoveredThs());
        assertEquals(List.of(3L), apr.due().stream().map(Arrival::orderId).toList());
    }

    @Test
    void whatNoOrderCoversIsUncovered() {
        Map<YearMonth, Double> targets = Map.of(YearMonth.of(2027, 6), 30_000.0);
        List<Month> months = CapacityPlan.months(targets, Map.of(), new Actual(11_000, 10_000),
                List.of(arrival(7, Stage.ON_ORDER, 40, 200, LocalDate.of(2027, 3, 1))), TODAY);
        Month june = months.get(months.size() - 1);
        assertEquals(YearMonth.of(2027, 2), months.get(0).month(), "from the current month");
        assertEquals(19_000, june.gapThs());
        assertEquals(30_000 - 11_000 - 8_000, june.uncoveredThs(), 1e-9);
        assertFalse(june.met());
    }

    @Test
    void withoutTargetsOnlyTheCurrentMonthIsShown() {
        List<Month> months = CapacityPlan.months(Map.of(), Map.of(), new Actual(100, 90), List.of(), TODAY);
        assertEquals(1, months.size());
        assertNull(months.get(0).gapThs());
        assertTrue(months.get(0).met());
    }
}
