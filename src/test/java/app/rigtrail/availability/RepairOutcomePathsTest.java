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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The completed repairs (repair_outcome) are the same whether the triggers keep them as a history is
 * written (the incremental path) or repair_outcome_rebuild writes them from the whole history after a
 * bulk load (#13 item 1). Random histories (seeded): a few machines of one site with tickets that often
 * overlap on one machine, resolved by every route or cancelled or left open, parts sent to three kinds of
 * hub, some received back and reopened, and new failures of the same machine or part inside and outside
 * the 30-day warranty. Each history is written event by event in time order through the triggers; the
 * rebuild then runs in a transaction that is rolled back, and the site's rows must be equal, column by
 * column, re-failures included.
 */
@QuarkusTest
class RepairOutcomePathsTest {

    static final int HISTORIES = 8;
    static final String[] ROUTES = {"SWAP", "BENCH", "RMA", "SCRAP"};

    @Inject
    AgroalDataSource ds;

    record Action(Instant at, long seq, Runnable run) {
    }

    static final class History {
        final List<Action> actions = new ArrayList<>();
        long seq;
        int overlapping;

        void at(Instant t, Runnable r) {
            actions.add(new Action(t.truncatedTo(ChronoUnit.MILLIS), seq++, r));
        }
    }

    @Test
    void theIncrementalPathAndTheRebuildGiveTheSameTable() throws SQLException {
        int outcomes = 0, refailedTickets = 0, refailedParts = 0, overlapping = 0, rmaOutcomes = 0;
        for (int seed = 1; seed <= HISTORIES; seed++) {
            DashboardFixtures fx = new DashboardFixtures(ds, "RO");
            History h = write(fx, new Random(seed), Instant.now().minus(Duration.ofDays(240)));
            h.actions.sort(Comparator.comparing(Action::at).thenComparingLong(Action::seq));
            for (Action a : h.actions) {
                a.run().run();
            }
            List<String> incremental = outcomes(fx.siteId, false);
            List<String> rebuilt = outcomes(fx.siteId, true);
            assertEquals(rebuilt.size(), incremental.size(), "seed " + seed + ": as many completed repairs");
            for (int i = 0; i < rebuilt.size(); i++) {
                assertEquals(rebuilt.get(i), incremental.get(i), "seed " + seed + ", row " + i
                        + " (source, id, route, model, vendor, miner, component, opened, closed, hours, cost, TH/s, refailed)");
            }
            outcomes += incremental.size();
            refailedTickets += incremental.stream().filter(r -> r.startsWith("TICKET") && !r.endsWith("|null")).count();
            refailedParts += incremental.stream().filter(r -> r.startsWith("RMA") && !r.endsWith("|null")).count();
            rmaOutcomes += incremental.stream().filter(r -> r.startsWith("RMA")).count();
            overlapping += h.overlapping;
        }
        // the histories exercise what the two paths could disagree on
        assertTrue(outcomes > 100, "completed repairs: " + outcomes);
        assertTrue(rmaOutcomes > 10, "parts back from hubs: " + rmaOutcomes);
        assertTrue(refailedTickets > 10, "repairs of machines failed again within the warranty: " + refailedTickets);
        assertTrue(refailedParts > 2, "parts failed again within the warranty: " + refailedParts);
        assertTrue(overlapping > 20, "tickets opened on a machine while another was open: " + overlapping);
    }

    @Test
    void theWarrantyWindowStartsAtTheRepairAndEndsThirtyDaysLater() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                with t(at) as (select timestamptz '2026-03-01 12:00:00+00')
                select refails_within_warranty(at, at - interval '1 second'), refails_within_warranty(at, at),
                       refails_within_warranty(at, at + interval '30 days' - interval '1 microsecond'),
                       refails_within_warranty(at, at + interval '30 days'), repair_warranty_ends(at) = at + interval '30 days'
                from t""")) {
            rs.next();
            assertEquals(List.of(false, true, true, false, true), List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3),
                    rs.getBoolean(4), rs.getBoolean(5)), "before, at the repair, the last instant, the end, the end's date");
        }
    }

    /** A random history of one site, as actions to run in time order. */
    History write(DashboardFixtures fx, Random random, Instant start) {
        History h = new History();
        long model = fx.model("Outcome paths " + random.nextInt(), 100, 3);
        long part = fx.id("select min(id) from part");
        long[] hubs = {fx.hub(10, 14, "VENDOR_AUTHORIZED"), fx.hub(10, 7, "ONSHORE_PARTNER"), fx.hub(10, 5, "IN_HOUSE_BENCH")};
        Instant end = start.plus(Duration.ofDays(200));
        for (int m = 0; m < 5; m++) {
            long miner = fx.miner(model, start.minus(Duration.ofDays(30)), "HASHING");
            long[] parts = {fx.component(part), fx.component(part)};
            Instant t = start.plus(hours(random, 24 * 5));
            while (t.isBefore(end)) {
                Instant opened = t;
                Instant closed = opened.plus(hours(random, 24 * 12)).plusSeconds(60);
                long component = parts[random.nextInt(parts.length)];
                double fate = random.nextDouble();
                String route = ROUTES[random.nextInt(ROUTES.length)];
                long[] ticket = new long[1];
                h.at(opened, () -> {
                    ticket[0] = fx.ticket(miner, opened, "OPEN");
                    fx.exec("insert into ticket_failed_component (ticket_id, component_id) values (?, ?)", ticket[0],
                            component);
                });
                if (fate < 0.7) {
                    h.at(closed, () -> fx.exec("update repair_ticket set state = 'RESOLVED', route = ?, closed_at = ? "
                            + "where id = ?", route, DashboardFixtures.ts(closed), ticket[0]));
                    if (route.equals("RMA")) {
                        rma(fx, h, random, ticket, component, hubs[random.nextInt(hubs.length)], closed);
                    }
                } else if (fate < 0.85) {
                    h.at(closed, () -> fx.exec("update repair_ticket set state = 'CANCELLED', closed_at = ? where id = ?",
                            DashboardFixtures.ts(closed), ticket[0]));
                } // else left open
                if (random.nextDouble() < 0.35) {
                    h.overlapping++;
                    t = opened.plus(Duration.between(opened, closed).multipliedBy(random.nextInt(90) + 5).dividedBy(100));
                } else {
                    // a new failure after the repair: often inside the 30 days, sometimes exactly at their end
                    t = random.nextDouble() < 0.05 ? closed.plus(Duration.ofDays(30)) : closed.plus(hours(random, 24 * 25));
                }
            }
        }
        return h;
    }

    /** A part's RMA case from the ticket's close: to the hub and back (or not yet), sometimes reopened. */
    void rma(DashboardFixtures fx, History h, Random random, long[] ticket, long component, long hub, Instant from) {
        long[] rma = new long[1];
        Instant t = from.plus(hours(random, 12));
        Instant opened = t;
        h.at(opened, () -> rma[0] = fx.rmaCase(component, ticket[0], hub, "OPENED", opened));
        int rounds = random.nextDouble() < 0.3 ? 2 : 1;
        for (int round = 0; round < rounds; round++) {
            String[] path = {"SHIPPED", "AT_HUB", random.nextBoolean() ? "REPAIRED" : "REPLACED", "RETURNED", "RECEIVED"};
            int reached = random.nextDouble() < 0.2 ? random.nextInt(path.length) : path.length;
            String previous = "OPENED";
            if (round > 0) {
                Instant reopened = t.plus(hours(random, 24 * 20));
                h.at(reopened, () -> move(fx, rma[0], reopened, "RECEIVED", "OPENED"));
                t = reopened;
            }
            for (int i = 0; i < reached; i++) {
                t = t.plus(hours(random, 24 * 6)).plusSeconds(1);
                Instant at = t;
                String fromState = previous, to = path[i];
                h.at(at, () -> move(fx, rma[0], at, fromState, to));
                previous = to;
            }
            if (reached < path.length) {
                return;
            }
        }
    }

    static void move(DashboardFixtures fx, long rma, Instant at, String from, String to) {
        fx.rmaEvent(rma, at, from, to);
        fx.exec("update rma_case set state = ? where id = ?", to, rma);
    }

    static Duration hours(Random random, int mean) {
        return Duration.ofSeconds((long) (-Math.log(1 - random.nextDouble()) * mean * 3600));
    }

    /** The site's completed repairs, as the triggers left them or (in a transaction rolled back) as rebuilt. */
    List<String> outcomes(long site, boolean rebuild) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (rebuild) {
                    try (Statement s = c.createStatement()) {
                        s.execute("select repair_outcome_rebuild()");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        select source, source_id, route, model_id, vendor, miner_id, component_id, opened_at, closed_at,
                               hours, cost_cents, ths_restored, refailed_at
                        from repair_outcome where site_id = ? order by source, source_id""")) {
                    ps.setLong(1, site);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= 13; i++) {
                                Object v = rs.getObject(i);
                                row.append(i > 1 ? "|" : "").append(v instanceof java.time.OffsetDateTime o ? o.toInstant() : v);
                            }
                            out.add(row.toString());
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
