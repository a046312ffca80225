package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard's backlog copy (#13 item 4): built from the previous copy by fetching again only the
 * items that backlog_change names, it equals the copy read whole from the same snapshot, after every round
 * of random writes (tickets opened and moved, several overlapping tickets on one machine, cases opened,
 * moved, arriving at hubs whose lines rank them, moved between tickets, shipments moving and held), and
 * with a write that commits only after the incremental read began (a late commit is fetched next time).
 */
@QuarkusTest
class BacklogCopyPathsTest {

    private static final String[] TICKET_STATES = {"OPEN", "DIAGNOSING", "AWAITING_PART", "IN_BENCH_REPAIR",
        "AWAITING_RMA_SHIPMENT", "RESOLVED", "CANCELLED"};
    private static final String[] CASE_STATES = {"OPENED", "SHIPPED", "AT_HUB", "AT_HUB", "AT_HUB", "REPAIRED",
        "REPLACED", "REJECTED", "SCRAPPED", "RETURNED", "RECEIVED", "CLOSED"};
    private static final String[] SHIPMENT_STATES = {"IN_TRANSIT", "AT_PORT", "HELD", "CLEARED", "DELIVERED"};

    @Inject
    AgroalDataSource ds;

    @Test
    void theCopyBuiltFromChangesEqualsTheCopyReadWholeAfterRandomWrites() throws Exception {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        DashboardFixtures fx = new DashboardFixtures(ds, "BP");
        long model = fx.model("BP", 100, 2);
        long part = fx.id("select min(id) from part");
        // small hubs, so the ranks decide stages: the first holds 1 in repair (1 a week x 7 days), the rest of
        // its line queued; the second none (1 a week x 1 day rounds to 0), every part there queued
        long[] hubs = {fx.hub(1, 7, "VENDOR_AUTHORIZED"), fx.hub(1, 1, "ONSHORE_PARTNER")};
        List<Long> miners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            miners.add(fx.miner(model, BacklogApiTest.daysAgo(200), "HASHING"));
        }
        List<Long> tickets = new ArrayList<>();
        List<Long> cases = new ArrayList<>();
        List<Long> shipments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tickets.add(fx.ticket(miners.get(i % miners.size()), BacklogApiTest.daysAgo(1 + r.nextInt(60)), "OPEN"));
        }
        BacklogCopy.Items copy = read(null).incremental;
        Set<String> stagesSeen = new HashSet<>();
        int incrementalRounds = 0;
        // 25 rounds at least; more (up to 300) until a part has been both in a hub's queue and in repair there,
        // which some seeds reach late: every round still compares the two copies
        for (int round = 0; round < 25
                || round < 300 && !(stagesSeen.contains("HUB_REPAIR") && stagesSeen.contains("HUB_QUEUE")); round++) {
            String context = "seed " + seed + ", round " + round;
            int writes = 1 + r.nextInt(6);
            for (int w = 0; w < writes; w++) {
                write(r, fx, part, hubs, miners, tickets, cases, shipments);
            }
            // one more write, in a transaction that commits only after the incremental read has begun
            Connection late = ds.getConnection();
            late.setAutoCommit(false);
            long lateTicket = tickets.get(r.nextInt(tickets.size()));
            try (PreparedStatement ps = late.prepareStatement("update repair_ticket set state = ? where id = ?")) {
                ps.setString(1, TICKET_STATES[r.nextInt(TICKET_STATES.length)]);
                ps.setLong(2, lateTicket);
                ps.executeUpdate();
            }
            Reads reads = read(copy);
            late.commit();
            late.close();
            assertEquals(reads.whole.fetched(), reads.incremental.fetched(), context);
            assertEquals(reads.whole.rows(), reads.incremental.rows(), context);
            assertEquals(reads.whole.sites(), reads.incremental.sites(), context);
            if (reads.incremental.incremental()) {
                incrementalRounds++;
            }
            reads.incremental.rows().stream().filter(x -> x.siteId() == fx.siteId).forEach(x -> stagesSeen.add(x.stage()));
            copy = reads.incremental;
        }
        // the late commits of the last round are fetched by the next read
        Reads last = read(copy);
        assertEquals(last.whole.rows(), last.incremental.rows(), "seed " + seed + ", after the last late commit");
        assertTrue(incrementalRounds >= 20, "the copies were built from changes, not read whole: " + incrementalRounds);
        assertTrue(stagesSeen.contains("HUB_REPAIR") && stagesSeen.contains("HUB_QUEUE"),
                "parts were ranked in their hubs' lines (seed " + seed + "): " + stagesSeen);
        assertTrue(stagesSeen.size() >= 5, "the items went through several stages (seed " + seed + "): " + stagesSeen);
    }

    @Test
    void aSiteRenamedOrABulkLoadReadsTheCopyWhole() throws Exception {
        DashboardFixtures fx = new DashboardFixtures(ds, "BW");
        long model = fx.model("BW", 100, 2);
        fx.ticket(fx.miner(model, BacklogApiTest.daysAgo(100), "HASHING"), BacklogApiTest.daysAgo(3), "DIAGNOSING");
        BacklogCopy.Items before = read(null).incremental;
        fx.exec("update site set name = name || ' (renamed)' where id = ?", fx.siteId);
        Reads after = read(before);
        assertFalse(after.incremental.incremental(), "a site's edit names no item: the copy is read whole");
        assertEquals(after.whole.rows(), after.incremental.rows());
        Reads next = read(after.incremental);
        assertTrue(next.incremental.incremental(), "then from changes again");
    }

    private record Reads(BacklogCopy.Items incremental, BacklogCopy.Items whole) {
    }

    /** Both copies from one repeatable-read snapshot: built from {@code previous}, and whole. */
    private Reads read(BacklogCopy.Items previous) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            try {
                Instant at = Instant.now();
                BacklogCopy.Items incremental = BacklogCopy.read(c, at, previous);
                BacklogCopy.Items whole = BacklogCopy.read(c, at, null);
                return new Reads(incremental, whole);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static <T> T any(Random r, List<T> xs) {
        return xs.get(r.nextInt(xs.size()));
    }

    private static void write(Random r, DashboardFixtures fx, long part, long[] hubs, List<Long> miners,
            List<Long> tickets, List<Long> cases, List<Long> shipments) {
        // kinds 0-3 before the first case (3 opens one), 0-6 before the first shipment (6 adds one)
        int kind = r.nextInt(cases.isEmpty() ? 4 : shipments.isEmpty() ? 7 : 9);
        switch (kind) {
            case 0 -> // another ticket, often on a machine that has one open already
                tickets.add(fx.ticket(any(r, miners), BacklogApiTest.daysAgo(r.nextInt(90)),
                        TICKET_STATES[r.nextInt(5)]));
            case 1, 2 -> fx.exec("update repair_ticket set state = ? where id = ?",
                    TICKET_STATES[r.nextInt(TICKET_STATES.length)], any(r, tickets));
            case 3 -> { // a case for a ticket (another one for a ticket that has one, at times)
                long c = fx.rmaCase(fx.component(part), any(r, tickets), r.nextInt(4) == 0 ? null : hubs[r.nextInt(2)],
                        CASE_STATES[r.nextInt(CASE_STATES.length)], BacklogApiTest.daysAgo(r.nextInt(60)));
                cases.add(c);
                fx.rmaEvent(c, BacklogApiTest.daysAgo(r.nextInt(30)), "SHIPPED", "AT_HUB");
            }
            case 4 -> {
                long c = any(r, cases);
                String to = CASE_STATES[r.nextInt(CASE_STATES.length)];
                fx.exec("update rma_case set state = ? where id = ?", to, c);
                if (to.equals("AT_HUB")) {
                    // arrivals out of order too: an earlier arrival moves ahead in the line
                    fx.rmaEvent(c, BacklogApiTest.daysAgo(r.nextInt(30)).plusSeconds(r.nextInt(86_400)), "SHIPPED",
                            "AT_HUB");
                }
            }
            case 5 -> fx.exec("update rma_case set hub_id = ? where id = ?", hubs[r.nextInt(2)], any(r, cases));
            case 6 -> { // a case moved to another ticket (of the same machine or not)
                fx.exec("update rma_case set ticket_id = ? where id = ?", any(r, tickets), any(r, cases));
                if (shipments.isEmpty() || r.nextBoolean()) {
                    long c = any(r, cases);
                    shipments.add(fx.shipment(r.nextBoolean() ? "OUTBOUND_TO_HUB" : "INBOUND_RETURN",
                            SHIPMENT_STATES[r.nextInt(SHIPMENT_STATES.length)],
                            fx.id("select component_id from rma_case where id = ?", c), c,
                            BacklogApiTest.daysAgo(r.nextInt(20)).plusSeconds(r.nextInt(86_400))));
                }
            }
            case 7, 8 -> fx.exec("update shipment set state = ? where id = ?",
                    SHIPMENT_STATES[r.nextInt(SHIPMENT_STATES.length)], any(r, shipments));
            default -> throw new IllegalStateException();
        }
    }
}
