package app.rigtrail.forecast.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.forecast.domain.Baseline.Vendorkind;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.OrderPipeline.Book;
import app.rigtrail.forecast.domain.OrderPipeline.Customs;
import app.rigtrail.forecast.domain.OrderPipeline.Lot;
import app.rigtrail.forecast.domain.OrderPipeline.LotStage;
import app.rigtrail.forecast.domain.OrderPipeline.Offer;
import app.rigtrail.forecast.domain.OrderPipeline.Order;
import app.rigtrail.forecast.domain.OrderPipeline.Result;
import app.rigtrail.forecast.domain.OrderPipeline.Schedule;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.ScenarioParameters.OrderRule;
import app.rigtrail.forecast.domain.ScenarioParameters.Phase;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;

/** The open machine orders in the forecast (#15 items 3 and 5): arrivals, holds, scenarios, CRN. */
class OrderPipelineTest {

    private static final LocalDate START = LocalDate.of(2027, 1, 4);
    private static final int DAYS = 120;
    private static final double THS = 200;
    private static final long PRICE = 1_950_000;

    /** An order of {@code units} S21 (200 TH/s, $19,500) quoted 14 days, shipping on {@code ship}, arriving 14 days later. */
    private static Order order(long id, String vendor, int units, int ship, long depositCents) {
        return new Order(id, "MO" + id, vendor, "S21", "TX1", THS, PRICE, depositCents, units, 14, ship, ship + 14, units,
                0, List.of());
    }

    private static Book book(List<Order> orders, int lag) {
        return new Book(orders, Map.of("MICROBT", new Offer("MICROBT", "M60S", THS, PRICE, 14)), lag, 5, 0);
    }

    /** Customs the same for every vendor and day. */
    private static Schedule fixedCustoms(double held, DiscreteDuration hold, double seized) {
        Customs c = new Customs(held, hold, seized);
        return new Schedule(new int[] {Integer.MIN_VALUE / 2}, List.of(Map.of()), (day, vendor) -> c);
    }

    @Test
    void oneOrderArrivingOnDay40StepsTheInstalledBaseOnDay40InEveryReplicationWithoutHolds() {
        Result res = OrderPipeline.run(book(List.of(order(1, "BITMAIN", 100, 26, 0)), 0),
                fixedCustoms(0, DiscreteDuration.fixed(7), 0), DAYS, 500, 42);
        for (int r = 0; r < 500; r++) {
            assertEquals(0, res.addedThsAt(r, 39), "nothing before day 40, replication " + r);
            assertEquals(100 * THS, res.addedThsAt(r, 40), 1e-3, "all 100 on day 40, replication " + r);
            assertEquals(100, res.onOrder()[r * DAYS + 25], "on order until it ships");
            assertEquals(100, res.onTheWay()[r * DAYS + 26], "on the way from day 26");
            assertEquals(0, res.inCustoms()[r * DAYS + 40]);
        }
    }

    @Test
    void withAHoldProbabilityPTheStepComesOnDay40InAShareOfReplicationsWithinTheBinomialIntervalOf1MinusP() {
        double p = 0.3;
        int reps = 4000;
        Result res = OrderPipeline.run(book(List.of(order(1, "BITMAIN", 100, 26, 0)), 0),
                fixedCustoms(p, DiscreteDuration.fixed(7), 0), DAYS, reps, 7);
        int onDay40 = 0;
        for (int r = 0; r < reps; r++) {
            if (res.addedThsAt(r, 40) > 0) {
                onDay40++;
                assertEquals(0, res.addedThsAt(r, 39));
            } else {
                // held: in customs from day 40 for the 7 days of the hold, then hashing
                assertEquals(100, res.inCustoms()[r * DAYS + 40]);
                assertEquals(0, res.addedThsAt(r, 46));
                assertEquals(100 * THS, res.addedThsAt(r, 47), 1e-3);
            }
        }
        double share = onDay40 / (double) reps;
        double half = 3.29 * Math.sqrt(p * (1 - p) / reps); // 99.9% binomial interval (normal approximation)
        assertTrue(Math.abs(share - (1 - p)) <= half, "share on day 40 " + share + " vs " + (1 - p) + " +- " + half);
        assertTrue(onDay40 < reps, "some replications are held");
    }

    @Test
    void twoHundredMachinesHeldTenDaysPastTheFreeDaysPayExactlyTenDaysOfFees() {
        // 200 machines at the border on day 3, held 15 days with 5 free: 10 days at $16.50 a machine
        Order shipped = new Order(1, "MO1", "BITMAIN", "S21", "TX1", THS, PRICE, 0, 200, 14, -11, 3, 0, 0,
                List.of(new Lot(200, LotStage.ON_THE_WAY, -11, 3, 0)));
        Book b = new Book(List.of(shipped), Map.of(), 0, 5, 1_650);
        Result res = OrderPipeline.run(b, fixedCustoms(1, DiscreteDuration.fixed(15), 0), DAYS, 3, 1);
        for (int r = 0; r < 3; r++) {
            assertEquals(10 * 1_650 * 200, res.storageFeesCents()[r], "$33,000");
            assertEquals(200 * THS, res.addedThsAt(r, 18), 1e-3, "released on day 18");
        }
    }

    /** One site of 2,000 Bitmain machines: the failure side, whose periods give the order side its customs. */
    private static Fleet fleet() {
        return Fixtures.fleet(new int[] {2000}, List.of("HASHBOARD", "PSU"), new int[] {3, 1}, 30,
                List.of(Fixtures.OVERSEAS));
    }

    private static Baseline baseline() {
        Vendorkind vk = new Vendorkind(0.08, 0, 0.4, 0.5, 0, 0.1, 5, 0.5, 0.0, 0.0, 21, 25_000, 0.0);
        return new Baseline(new Vendorkind[] {vk, vk}, t -> Math.exp(-t / 14.0), "exponential 14 days",
                List.of(new HubState(true, 400, 28)), Baseline.Context.NONE);
    }

    private static Result scenario(ScenarioParameters params, Book book, int reps) {
        Plan plan = ScenarioResolver.compile("s", params, baseline(), fleet(), START, 0);
        return OrderPipeline.run(book, OrderPipeline.schedule(params, plan, fleet(), START, 0), DAYS, reps, 42);
    }

    private static ScenarioParameters orders(int day, List<Rule> rules, OrderRule... orderRules) {
        return new ScenarioParameters(null, null, rules, List.of(), day, null, null, List.of(orderRules));
    }

    @Test
    void theEntityListStopsTheDeliveriesAfterItsDate() {
        Order shipsBefore = order(1, "BITMAIN", 50, 20, 0);
        Order shipsAfter = order(2, "BITMAIN", 80, 35, 80 * 500_000L);
        Order onTheWay = new Order(3, "MO3", "BITMAIN", "S21", "TX1", THS, PRICE, 0, 40, 14, -20, -6, 0, 0,
                List.of(new Lot(40, LotStage.ON_THE_WAY, 25, 45, 0)));
        Order microbt = order(4, "MICROBT", 10, 40, 0);
        Book b = book(List.of(shipsBefore, shipsAfter, onTheWay, microbt), 0);
        OrderRule stop = new OrderRule("BITMAIN", null, null, true, "LOST", null, null, null, null, null, null);
        Result lost = scenario(orders(30, List.of(), stop), b, 50);
        Result base = scenario(new ScenarioParameters(null, null, List.of(), List.of(), 30, null), b, 50);
        for (int r = 0; r < 50; r++) {
            assertEquals(180 * THS, base.addedThsAt(r, DAYS - 1), 1e-3, "everything arrives without the rule");
            // shipped before day 30 (order 1 on day 20, order 3's lot), and MicroBT's: 100 machines; order 2 never
            assertEquals(100 * THS, lost.addedThsAt(r, DAYS - 1), 1e-3);
            assertEquals(50 * THS + 40 * THS, lost.addedThsAt(r, 45), 1e-3, "orders 1 and 3 arrived by day 45");
            assertEquals(80 + 10, lost.onOrder()[r * DAYS + 29], "order 2 waits until the list (and MicroBT's 10)");
            assertEquals(10, lost.onOrder()[r * DAYS + 30], "order 2 is gone from day 30, MicroBT's still come");
            assertEquals(80, lost.unitsStopped()[r]);
            assertEquals(80 * 500_000.0, lost.strandedCents()[r], "its deposits are lost");
        }
        Result refunded = scenario(orders(30, List.of(),
                new OrderRule("BITMAIN", null, null, true, "REFUNDED", null, null, null, null, null, null)), b, 5);
        assertEquals(0, refunded.strandedCents()[0], "refunded deposits strand nothing");
        assertEquals(lost.spentCents()[0] - 80 * 500_000.0, refunded.spentCents()[0], 1e-6);
    }

    @Test
    void aLeadTimeOf90DaysFromDay30DelaysWhatHasNotShippedByTheDifference() {
        // quoted 42 days, ordered 10 days before the start: ships on day 32, arrives on day 46
        Order o = new Order(1, "MO1", "BITMAIN", "S21", "TX1", THS, PRICE, 0, 10, 42, 32, 46, 10, 0, List.of());
        Order early = new Order(2, "MO2", "BITMAIN", "S21", "TX1", THS, PRICE, 0, 10, 42, 20, 34, 10, 0, List.of());
        Book b = book(List.of(o, early), 0);
        Rule lead90 = new Rule("BITMAIN", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, 90, null, null, null, null);
        Result res = scenario(new ScenarioParameters(null, null, List.of(lead90), List.of(), 30, null), b, 20);
        for (int r = 0; r < 20; r++) {
            assertEquals(10 * THS, res.addedThsAt(r, 34), 1e-3, "the one shipped on day 20 is not touched");
            assertEquals(10 * THS, res.addedThsAt(r, 93), 1e-3);
            assertEquals(20 * THS, res.addedThsAt(r, 94), 1e-3, "ships on day 80 (+48 days), arrives on day 94");
        }
        // the same through a phase of machine-order rules: 42 -> 90 from day 30, back to quoted x 1.0 from day 60
        ScenarioParameters phased = new ScenarioParameters(null, null, List.of(), List.of(), 30, null,
                List.of(new Phase(60, null, List.of(), List.of(), null,
                        List.of(new OrderRule("BITMAIN", null, 1.0, null, null, null, null, null, null, null, null)))),
                List.of(OrderRule.lead("BITMAIN", 90)));
        Result back = scenario(phased, b, 5);
        // day 80 is in the second phase: the quoted lead again, so it ships on max(60, 32) = day 60
        assertEquals(20 * THS, back.addedThsAt(0, 74), 1e-3);
        assertEquals(10 * THS, back.addedThsAt(0, 73), 1e-3);
    }

    @Test
    void movingAllOrdersToAnotherVendorWithTheSameLeadTimeAndPriceChangesNothing() {
        java.util.List<Order> list = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            list.add(order(i, "BITMAIN", 10 + 7 * i, 31 + 3 * i, 100_000L * i));
        }
        Book b = book(list, 3);
        // customs hold a third of the crossings, seize 10% of the holds: the draws matter
        Vendorkind vk = new Vendorkind(0.08, 0, 0.4, 0.5, 0, 0.1, 5, 0.5, 0.33, 0.1, 21, 25_000, 0.0);
        Baseline baseline = new Baseline(new Vendorkind[] {vk, vk}, t -> Math.exp(-t / 14.0), "exponential",
                List.of(new HubState(true, 400, 28)), Baseline.Context.NONE);
        ScenarioParameters stay = new ScenarioParameters(null, null, List.of(), List.of(), 30, null);
        ScenarioParameters move = orders(30, List.of(),
                new OrderRule("BITMAIN", null, null, null, null, "MICROBT", 1.0, null, null, null, null));
        ScenarioParameters moveLonger = orders(30, List.of(),
                new OrderRule("BITMAIN", null, null, null, null, "MICROBT", 1.0, null, null, null, null),
                new OrderRule("MICROBT", null, 3.0, null, null, null, null, null, null, null, null));
        Plan plan = ScenarioResolver.compile("s", stay, baseline, fleet(), START, 0);
        Result a = OrderPipeline.run(b, OrderPipeline.schedule(stay, plan, fleet(), START, 0), DAYS, 300, 9);
        Result c = OrderPipeline.run(b, OrderPipeline.schedule(move, plan, fleet(), START, 0), DAYS, 300, 9);
        Result longer = OrderPipeline.run(b, OrderPipeline.schedule(moveLonger, plan, fleet(), START, 0), DAYS, 300, 9);
        assertTrue(c.unitsMoved()[0] > 0, "the machines did move");
        assertArrayEquals(a.addedThs(), c.addedThs(), "installed TH/s identical, day by day, replication by replication");
        assertArrayEquals(a.inCustoms(), c.inCustoms());
        assertArrayEquals(a.onOrder(), c.onOrder());
        assertArrayEquals(a.spentCents(), c.spentCents());
        assertArrayEquals(a.strandedCents(), c.strandedCents());
        assertArrayEquals(a.storageFeesCents(), c.storageFeesCents());
        boolean held = false;
        for (float x : a.inCustoms()) {
            held |= x > 0;
        }
        assertTrue(held, "some machines were held");
        // a vendor three times slower is not the same: less installed by day 80 in some replication
        boolean slower = false;
        for (int r = 0; r < 300; r++) {
            slower |= longer.addedThsAt(r, 80) < a.addedThsAt(r, 80);
        }
        assertTrue(slower);
    }

    @Test
    void movingHalfTheOrdersBuysAtTheOtherVendorsPriceAndEfficiency() {
        Book b = new Book(List.of(order(1, "BITMAIN", 100, 40, 0)),
                Map.of("MICROBT", new Offer("MICROBT", "M60S", 100, 1_000_000, 14)), 0, 5, 0);
        Result res = scenario(orders(30, List.of(),
                new OrderRule("BITMAIN", null, null, null, null, "MICROBT", 0.5, null, null, null, null)), b, 3);
        // 50 machines of 200 TH/s become 100 of 100 TH/s at $10,000: the same TH/s, $1,000,000 instead of $975,000
        assertEquals(100 * THS, res.addedThsAt(0, DAYS - 1), 1e-3);
        assertEquals(50 * PRICE + 100 * 1_000_000.0, res.spentCents()[0], 1e-6);
        assertEquals(50, res.unitsMoved()[0]);
    }

    @Test
    void movingTheOrdersTodayToAnotherVendorAvoidsAStopOnTheirOwn() {
        Book b = book(List.of(order(1, "BITMAIN", 80, 35, 0)), 0);
        ScenarioParameters stop = orders(30, List.of(),
                new OrderRule("BITMAIN", null, null, true, "LOST", null, null, null, null, null, null));
        Plan plan = ScenarioResolver.compile("s", stop, baseline(), fleet(), START, 0);
        Schedule schedule = OrderPipeline.schedule(stop, plan, fleet(), START, 0);
        Result stopped = OrderPipeline.run(b, schedule, DAYS, 5, 3);
        Result moved = OrderPipeline.run(b, schedule.movedFromStart("BITMAIN", "MICROBT", 1), DAYS, 5, 3);
        for (int r = 0; r < 5; r++) {
            assertEquals(0, stopped.addedThsAt(r, DAYS - 1), "Bitmain's deliveries stop on day 30");
            assertEquals(0, moved.addedThsAt(r, 48));
            assertEquals(80 * THS, moved.addedThsAt(r, 49), 1e-3, "moved on day 0: MicroBT ships on day 35");
            assertEquals(80, moved.unitsMoved()[r]);
        }
    }

    @Test
    void aGreyRouteAddsDaysAndItsOwnHoldsAndSeizures() {
        Book b = book(List.of(order(1, "BITMAIN", 30, 31, 0)), 0);
        OrderRule greyFree = new OrderRule("BITMAIN", null, null, true, "LOST", null, null, "GREY", 21, 0.0, 0.0);
        Result slow = scenario(orders(30, List.of(), greyFree), b, 10);
        for (int r = 0; r < 10; r++) {
            assertEquals(0, slow.addedThsAt(r, 65), "not on day 45 but 21 days later");
            assertEquals(30 * THS, slow.addedThsAt(r, 66), 1e-3, "delivered although direct deliveries stopped");
        }
        OrderRule seized = new OrderRule("BITMAIN", null, null, null, null, null, null, "GREY", 0, 1.0, 1.0);
        Result gone = scenario(orders(30, List.of(), seized), b, 10);
        assertEquals(0, gone.addedThsAt(0, DAYS - 1));
        assertEquals(30, gone.unitsSeized()[0]);
        assertEquals(30.0 * PRICE, gone.strandedCents()[0], 1e-6);
    }

    @Test
    void ordersNeverChangeTheFailureSide() {
        Fleet fleet = fleet();
        List<Rule> held = List.of(new Rule("BITMAIN", null, null, 2.0, null, null, null, null, 0.2, null, 1.5, null,
                null, null, null, null, null, null, null, null, null));
        ScenarioParameters plain = new ScenarioParameters(null, null, held, List.of(), 30, null);
        ScenarioParameters ordersOnly = orders(30, held,
                new OrderRule("BITMAIN", null, null, true, "LOST", null, null, null, null, null, null));
        List<Plan> plans = ScenarioResolver.compileAll(List.of("a", "b"), List.of(plain, ordersOnly), baseline(), fleet,
                START, 0);
        List<Run> runs = Fixtures.engine(fleet, DAYS, 0, 50, 42, 2).run(plans, Monitor.NONE);
        assertArrayEquals(runs.get(0).hashrateDownByReplication(), runs.get(1).hashrateDownByReplication(),
                "the paired difference of the failure side is exactly zero");
        assertTrue(runs.get(0).hashrateDaysLost()[0] > 0, "failures did happen");
    }

    @Test
    void thePlanGapCountsShortfallsFromEachMonthsEndAndFindsTheMonthReached() {
        LocalDate start = LocalDate.of(2027, 1, 1);
        Map<YearMonth, Double> targets = Map.of(YearMonth.of(2027, 1), 1000.0, YearMonth.of(2027, 2), 2000.0);
        double[] plan = PlanGap.planByDay(targets, start, 90);
        assertTrue(Double.isNaN(plan[29]), "no target in force before 31 January");
        assertEquals(1000, plan[30]);
        assertEquals(2000, plan[58]);
        assertEquals(2000, plan[89]);
        // one replication: 500 installed, 1,500 more from day 40
        float[] added = new float[90];
        for (int d = 40; d < 90; d++) {
            added[d] = 1500;
        }
        List<Object[]> ends = PlanGap.monthEnds(start, 90);
        PlanGap.Outcome o = PlanGap.of(plan, 2000, 500, added, null, 90, 1, ends);
        // short 500 on days 30-39 (10 days), then nothing against 1,000, and nothing against 2,000
        assertEquals(10 * 500.0, o.thDaysShort()[0], 1e-6);
        assertEquals(0, o.shortAtHorizonThs()[0]);
        assertEquals(1, o.monthReached()[0], "reached at the end of February");
        assertEquals(YearMonth.of(2027, 2), ends.get(1)[0]);
    }
}
