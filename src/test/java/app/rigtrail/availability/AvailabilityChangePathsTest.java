package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The availability deltas (availability_delta, the sums of the rows availability_change gets one per status
 * event, V22) are the same whether the trigger appends them as events are written (the incremental path, with
 * the day closer folding rows now and then) or availability_rebuild writes them from the whole history after a
 * bulk load (#13 items 1 and 5). And the incremental path never makes a status change wait for another one of
 * the same site, model and day (#13 item 5: they used to queue on one row).
 */
@QuarkusTest
class AvailabilityChangePathsTest {

    static final int HISTORIES = 6;
    static final String[] STATUSES = {"HASHING", "DEGRADED", "DOWN", "IN_REPAIR"};

    @Inject
    AgroalDataSource ds;

    @Test
    void theAppendedChangesAndTheRebuildGiveTheSameSums() throws SQLException {
        int events = 0, groupDays = 0, folded = 0, sameGroupDay = 0;
        for (int seed = 1; seed <= HISTORIES; seed++) {
            Random random = new Random(seed);
            DashboardFixtures fx = new DashboardFixtures(ds, "AC");
            long[] models = {fx.model("Change paths A " + seed, 100 + random.nextInt(200), 3),
                fx.model("Change paths B " + seed, 50 + random.nextInt(100), 1)};
            Instant start = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS);
            int miners = 6;
            long[] miner = new long[miners];
            String[] status = new String[miners];
            for (int m = 0; m < miners; m++) {
                miner[m] = fx.miner(models[m % 2], start.plusSeconds(random.nextInt(86_400)), "HASHING");
                status[m] = "HASHING";
                events++;
            }
            // status changes over 20 days, several a day per group; in arbitrary order, some far in the past
            // (into days the closer may have closed), and the open days folded now and then
            for (int i = 0; i < 120; i++) {
                int m = random.nextInt(miners);
                String to = STATUSES[random.nextInt(STATUSES.length)];
                boolean retire = random.nextInt(40) == 0;
                if (retire) {
                    to = "RETIRED";
                }
                if (to.equals(status[m]) || "RETIRED".equals(status[m])) {
                    continue;
                }
                Instant at = start.plusSeconds(86_400 + random.nextInt(19 * 86_400));
                fx.status(miner[m], at, status[m], to);
                status[m] = to;
                events++;
                if (random.nextInt(30) == 0) {
                    folded += fold();
                }
            }
            Map<String, double[]> incremental = deltas(fx.siteId, false);
            Map<String, double[]> rebuilt = deltas(fx.siteId, true);
            assertEquals(rebuilt.keySet(), incremental.keySet(), "seed " + seed + ": the same (day, model) groups");
            for (var e : rebuilt.entrySet()) {
                double[] want = e.getValue(), got = incremental.get(e.getKey());
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], got[k], 1e-9 * Math.max(1, Math.abs(want[k])),
                            "seed " + seed + ", " + e.getKey() + ", column " + k
                                    + " (s_installed, s_hashing, s_nameplate, s_delivered, w_installed, w_hashing, w_nameplate, w_delivered)");
                }
            }
            groupDays += rebuilt.size();
            sameGroupDay += count("select count(*) from (select 1 from miner_event e join miner m on m.id = e.miner_id "
                    + "where m.site_id = ? group by (e.at at time zone 'UTC')::date, m.model_id having count(*) > 1) g",
                    fx.siteId);
        }
        // the histories exercise what the paths could disagree on: several events of one group and day, and folds
        assertTrue(events > 400, "events: " + events);
        assertTrue(groupDays > 100, "(day, model) groups: " + groupDays);
        assertTrue(sameGroupDay > 50, "groups with more than one event in a day: " + sameGroupDay);
        assertTrue(folded > 0, "rows folded by availability_compact: " + folded);
    }

    @Test
    void statusChangesOfOneSiteModelAndDayDoNotWaitForEachOther() throws SQLException {
        DashboardFixtures fx = new DashboardFixtures(ds, "AW");
        long model = fx.model("Change waits", 100, 3);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long a = fx.miner(model, now.minus(Duration.ofDays(2)), "HASHING");
        long b = fx.miner(model, now.minus(Duration.ofDays(2)), "HASHING");
        try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                insertEvent(first, a, now);
                // the first transaction is still open: with one row per (day, site, model) this waited for its commit
                try (Statement s = second.createStatement()) {
                    s.execute("set local lock_timeout = '3s'");
                }
                insertEvent(second, b, now.plusMillis(1));
                second.commit();
                first.commit();
            } finally {
                first.rollback();
                second.rollback();
            }
        }
        Map<String, double[]> sums = deltas(fx.siteId, false);
        double[] today = sums.get(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) + "/" + model);
        assertEquals(-2, today[1], "both machines stopped hashing today: " + java.util.Arrays.toString(today));
    }

    private static void insertEvent(Connection c, long miner, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into miner_event (miner_id, at, actor, from_status, "
                + "to_status, reason) values (?, ?, 'test', 'HASHING', 'DOWN', 'test')")) {
            ps.setLong(1, miner);
            ps.setObject(2, DashboardFixtures.ts(at));
            ps.executeUpdate();
        }
    }

    private int fold() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select availability_compact()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private long count(String sql, long site) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The site's deltas per (day, model), as the trigger left them or (in a transaction rolled back) as rebuilt. */
    private Map<String, double[]> deltas(long site, boolean rebuild) throws SQLException {
        Map<String, double[]> out = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (rebuild) {
                    try (Statement s = c.createStatement()) {
                        s.execute("select availability_rebuild()");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        select day, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                               w_installed, w_hashing, w_nameplate, w_delivered
                        from availability_delta where site_id = ? order by day, model_id""")) {
                    ps.setLong(1, site);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            double[] v = new double[8];
                            for (int i = 0; i < 8; i++) {
                                v[i] = rs.getDouble(3 + i);
                            }
                            out.put(rs.getObject(1) + "/" + rs.getLong(2), v);
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
        return out;
    }
}
