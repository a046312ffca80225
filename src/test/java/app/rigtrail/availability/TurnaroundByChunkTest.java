package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.domain.BacklogStage;

/**
 * The turnaround figures from each chunk's remembered share (#13 item 4) and those computed afresh per
 * chunk (memo off) equal an independent count over the rows as written (one list per route, one
 * selection over it), for random filters, over views that share chunks with the ones before them (so
 * later views reuse earlier chunks' shares and scan only the chunks rewritten since); and the order
 * statistics across sorted arrays equal those of one selection over the values together.
 */
class TurnaroundByChunkTest {

    private static final long DAY = 86_400_000L;
    private static final long START = LocalDate.of(2026, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    private static OutcomeColumns.Fetched row(long id, Random r) {
        // hours from few values, so that ties are common
        double hours = r.nextInt(3) == 0 ? 24 * r.nextInt(5) : r.nextDouble() * 900;
        return new OutcomeColumns.Fetched(id, START + (long) (r.nextDouble() * 300 * DAY), (byte) r.nextInt(6),
                (byte) r.nextInt(4), 1 + r.nextInt(5), 1 + r.nextInt(6), hours, r.nextBoolean(),
                r.nextInt(3) == 0 ? -1 : r.nextInt(100_000), r.nextFloat() * 200);
    }

    private static DashboardFilter filter(Random r) {
        LocalDate from = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(200));
        LocalDate to = from.plusDays(r.nextInt(150));
        String vendor = r.nextInt(3) == 0 ? OutcomeColumns.VENDORS[r.nextInt(4)] : null;
        Long site = r.nextInt(3) == 0 ? (long) (1 + r.nextInt(5)) : null;
        List<Long> models = r.nextInt(3) == 0 ? List.of((long) (1 + r.nextInt(6)), (long) (1 + r.nextInt(6))) : null;
        return new DashboardFilter(site == null ? null : "S" + site, vendor, models == null ? null : "m", from, to, true,
                site, models);
    }

    private static void assertSame(List<TurnaroundService.RouteFigures> expected,
            List<TurnaroundService.RouteFigures> actual, String context) {
        assertEquals(expected.size(), actual.size(), context);
        for (int i = 0; i < expected.size(); i++) {
            TurnaroundService.RouteFigures e = expected.get(i);
            TurnaroundService.RouteFigures a = actual.get(i);
            assertEquals(e.route(), a.route(), context);
            assertEquals(e.completed(), a.completed(), context + " " + e.route());
            assertEquals(e.medianDays(), a.medianDays(), context + " " + e.route());
            assertEquals(e.p90Days(), a.p90Days(), context + " " + e.route());
            assertEquals(e.followedUp(), a.followedUp(), context);
            assertEquals(e.refailed(), a.refailed(), context);
            assertEquals(e.refailureRate(), a.refailureRate(), context);
            assertEquals(e.costCents(), a.costCents(), context);
            if (e.thsRestoredWithCost() == null) {
                assertEquals(null, a.thsRestoredWithCost(), context);
            } else { // summed per chunk first: the last digits may differ
                assertEquals(e.thsRestoredWithCost(), a.thsRestoredWithCost(), 1e-9 * Math.max(1, e.thsRestoredWithCost()));
                assertEquals(e.costUsdPerTh(), a.costUsdPerTh(), 1e-9 * Math.max(1, e.costUsdPerTh()));
            }
        }
    }

    /** The oracle: the rows as last written, filtered, counted per route and selected once per route. */
    private static List<TurnaroundService.RouteFigures> expected(java.util.Collection<OutcomeColumns.Fetched> rows,
            DashboardFilter f, long followedBy) {
        long from = f.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long to = f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<TurnaroundService.RouteFigures> out = new ArrayList<>();
        for (int route = 0; route < OutcomeColumns.ROUTES.length; route++) {
            int r = route;
            List<OutcomeColumns.Fetched> kept = rows.stream()
                    .filter(x -> x.route() == r && x.closedMillis() >= from && x.closedMillis() < to)
                    .filter(x -> f.siteId() == null || x.siteId() == f.siteId())
                    .filter(x -> f.vendor() == null || OutcomeColumns.VENDORS[x.vendor()].equals(f.vendor()))
                    .filter(x -> f.modelIds() == null || f.modelIds().contains(x.modelId())).toList();
            double[] hours = kept.stream().mapToDouble(OutcomeColumns.Fetched::hours).toArray();
            double[] q = BacklogStage.orderStatistics(hours, hours.length, 0.5, 0.9);
            long followed = kept.stream().filter(x -> x.closedMillis() <= followedBy).count();
            long refailed = kept.stream().filter(x -> x.closedMillis() <= followedBy && x.refailed()).count();
            List<OutcomeColumns.Fetched> costed = kept.stream().filter(x -> x.costCents() >= 0).toList();
            Long cost = costed.isEmpty() ? null : costed.stream().mapToLong(OutcomeColumns.Fetched::costCents).sum();
            Double ths = costed.isEmpty() ? null : costed.stream().mapToDouble(OutcomeColumns.Fetched::ths).sum();
            String code = OutcomeColumns.ROUTES[r];
            out.add(new TurnaroundService.RouteFigures(code, TurnaroundService.ROUTES.get(code), kept.size(),
                    kept.isEmpty() ? null : q[0] / 24, kept.isEmpty() ? null : q[1] / 24, followed, refailed,
                    followed == 0 ? null : (double) refailed / followed, cost, ths,
                    cost == null || ths == 0 ? null : cost / 100.0 / ths));
        }
        return out;
    }

    @Test
    void theFiguresFromChunkSharesAndFreshScansEqualAnIndependentCountOverTheRowsAsWritten() {
        Random r = new Random(29);
        TurnaroundService service = new TurnaroundService();
        OutcomeColumns.View view = new OutcomeColumns.View(List.of(), 0, 0, 0, 0);
        TreeMap<Long, OutcomeColumns.Fetched> written = new TreeMap<>();
        TreeMap<Long, OutcomeColumns.Fetched> all = new TreeMap<>();
        long next = 0;
        List<DashboardFilter> filters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            filters.add(filter(r));
        }
        int compared = 0;
        for (int batch = 0; batch < 30; batch++) {
            written.clear();
            int n = batch < 5 ? 5_000 : 1 + r.nextInt(300);
            for (int k = 0; k < n; k++) {
                long id = r.nextInt(5) == 0 && next > 10 ? 1 + r.nextInt((int) next) : ++next; // rewritten or new
                written.put(id, row(id, r));
            }
            all.putAll(written);
            view = OutcomeColumns.apply(view, new ArrayList<>(written.values()), 0, 0);
            long followedBy = START + (long) (r.nextDouble() * 250 * DAY);
            for (DashboardFilter f : r.nextInt(4) == 0 ? List.of(filter(r)) : filters) {
                List<TurnaroundService.RouteFigures> scan = expected(all.values(), f, followedBy);
                assertSame(scan, service.routesByChunk(view, f, followedBy), "batch " + batch + " " + f);
                assertSame(scan, TurnaroundService.routes(view, f, followedBy), "memo off, batch " + batch + " " + f);
                compared += scan.stream().mapToLong(TurnaroundService.RouteFigures::completed).sum() > 0 ? 1 : 0;
            }
        }
        assertTrue(compared > 100, "the filters kept repairs: " + compared);
    }

    /**
     * Over many chunks, with rows appended and now and then an early row rewritten: the figures that
     * combine a filter's merged early chunks with the last few chunks' shares equal the oracle's, and the
     * merged share was used (a rewritten early chunk is a new object: its filter's chunks are merged again).
     */
    @Test
    void theMergedEarlyChunksOfAFilterGiveTheFiguresOfEveryChunk() {
        Random r = new Random(41);
        TurnaroundService service = new TurnaroundService();
        OutcomeColumns.View view = new OutcomeColumns.View(List.of(), 0, 0, 0, 0);
        TreeMap<Long, OutcomeColumns.Fetched> all = new TreeMap<>();
        long next = 0;
        List<DashboardFilter> filters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            filters.add(filter(r));
        }
        long followedBy = START + 200 * DAY;
        int rewrites = 0;
        for (int batch = 0; batch < 40; batch++) {
            List<OutcomeColumns.Fetched> written = new ArrayList<>();
            int n = batch == 0 ? 12 * 4096 : 1 + r.nextInt(50);
            for (int k = 0; k < n; k++) {
                written.add(row(++next, r));
            }
            if (batch > 0 && batch % 5 == 0) {
                long id = 1 + r.nextInt(8000); // in one of the first two chunks
                written.add(row(id, r));
                rewrites++;
            }
            written.sort(java.util.Comparator.comparingLong(OutcomeColumns.Fetched::id));
            written.forEach(x -> all.put(x.id(), x));
            view = OutcomeColumns.apply(view, written, 0, 0);
            for (DashboardFilter f : filters) {
                assertSame(expected(all.values(), f, followedBy), service.routesByChunk(view, f, followedBy),
                        "batch " + batch + " " + f);
            }
        }
        assertTrue(view.chunks().size() >= 12, "many chunks: " + view.chunks().size());
        assertTrue(rewrites >= 7, "early rows rewritten: " + rewrites);
        assertTrue(service.prefixReuses.get() >= 100, "merged prefixes used: " + service.prefixReuses.get());
    }

    @Test
    void orderStatisticsAcrossSortedArraysAreThoseOfTheValuesTogether() {
        Random r = new Random(31);
        for (int t = 0; t < 300; t++) {
            int m = 1 + r.nextInt(12);
            double[][] arrays = new double[m][];
            List<Double> all = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                arrays[i] = new double[r.nextInt(4) == 0 ? 0 : r.nextInt(50)];
                for (int j = 0; j < arrays[i].length; j++) {
                    arrays[i][j] = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextDouble() * 10;
                    all.add(arrays[i][j]);
                }
                java.util.Arrays.sort(arrays[i]);
            }
            double[] qs = {0.01, 0.25, 0.5, 0.9, 1.0};
            double[] together = BacklogStage.orderStatistics(all.stream().mapToDouble(Double::doubleValue).toArray(),
                    all.size(), qs);
            assertEquals(java.util.Arrays.toString(together),
                    java.util.Arrays.toString(BacklogStage.orderStatisticsOfSorted(arrays, qs)), "trial " + t);
        }
    }
}
