package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The dashboard's one moment (#13 item 4): a commit shows on every request that starts more than the
 * staleness bound after it, and not before (a clock moved by the test, no sleeps); the copies of one
 * snapshot (backlog, completed-repair columns) and the SQL its requests run agree even when a change
 * commits while it is being taken; rows that leave repair_outcome leave the columns.
 */
@QuarkusTest
class DashboardSnapshotTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    DashboardSnapshots snapshots;

    /** The configured bound of 5 s, with a clock the test moves and no background job. */
    static final class MovedClock extends DashboardFreshness {
        final AtomicLong nanos = new AtomicLong(System.nanoTime() + TimeUnit.MINUTES.toNanos(1));

        @Override
        public Duration bound() {
            return Duration.ofSeconds(5);
        }

        @Override
        public boolean inBackground() {
            return false;
        }

        @Override
        public long nanos() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    private static JsonPath get(String path, String site) {
        return AvailabilityApiTest.as(Tokens.MANAGER).queryParam("site", site).get(path).then().statusCode(200).extract()
                .jsonPath();
    }

    private static int stageCount(JsonPath backlog, String stage) {
        List<String> stages = backlog.getList("stages.stage", String.class);
        return backlog.getInt("stages[" + stages.indexOf(stage) + "].count");
    }

    private static int completed(JsonPath turnaround, String route) {
        List<String> routes = turnaround.getList("routes.route", String.class);
        return turnaround.getInt("routes[" + routes.indexOf(route) + "].completed");
    }

    @Test
    void aCommitShowsOnEveryRequestStartingMoreThanTheBoundAfterItAndTheCopiesShowItTogether() {
        MovedClock clock = new MovedClock();
        QuarkusMock.installMockForType(clock, DashboardFreshness.class);
        DashboardFixtures fx = new DashboardFixtures(ds, "SB");
        long model = fx.model("SB", 100, 2);
        long part = fx.id("select min(id) from part");
        long hub = fx.hub(10, 14, "VENDOR_AUTHORIZED");
        long ticket = fx.ticket(fx.miner(model, BacklogApiTest.daysAgo(100), "HASHING"), BacklogApiTest.daysAgo(3),
                "DIAGNOSING");
        long withCase = fx.ticket(fx.miner(model, BacklogApiTest.daysAgo(100), "HASHING"), BacklogApiTest.daysAgo(9),
                "RESOLVED");
        long component = fx.component(part);
        long rma = fx.rmaCase(component, withCase, hub, "SHIPPED", BacklogApiTest.daysAgo(8));
        fx.shipment("OUTBOUND_TO_HUB", "IN_TRANSIT", component, rma, BacklogApiTest.daysAgo(7));

        // the first request finds no snapshot young enough (the clock is a minute ahead) and takes one
        JsonPath before = get("/api/backlog", fx.siteCode);
        assertEquals(2, before.getInt("total"));
        assertEquals(1, stageCount(before, "AWAITING_DIAGNOSIS"));
        assertEquals(1, stageCount(before, "IN_TRANSIT"));
        assertEquals(0, completed(get("/api/turnaround", fx.siteCode), "SWAP"));

        // committed: the ticket resolved by a swap, the case arrived at its hub
        fx.exec("update repair_ticket set state = 'RESOLVED', route = 'SWAP', closed_at = now() where id = ?", ticket);
        fx.exec("update rma_case set state = 'AT_HUB' where id = ?", rma);
        fx.rmaEvent(rma, java.time.Instant.now(), "SHIPPED", "AT_HUB");

        // 4 s later the snapshot may still be used: both copies still show the moment before the commit
        clock.advance(Duration.ofSeconds(4));
        JsonPath within = get("/api/backlog", fx.siteCode);
        assertEquals(before.getString("asOf"), within.getString("asOf"));
        assertEquals(2, within.getInt("total"));
        assertEquals(1, stageCount(within, "AWAITING_DIAGNOSIS"));
        assertEquals(0, completed(get("/api/turnaround", fx.siteCode), "SWAP"));

        // past the bound every figure shows the commit: out of the backlog, into the completed repairs
        clock.advance(Duration.ofMillis(1_001));
        JsonPath after = get("/api/backlog", fx.siteCode);
        assertNotEquals(before.getString("asOf"), after.getString("asOf"));
        assertEquals(1, after.getInt("total"));
        assertEquals(0, stageCount(after, "AWAITING_DIAGNOSIS"));
        assertEquals(0, stageCount(after, "IN_TRANSIT"));
        assertEquals(1, stageCount(after, "HUB_REPAIR")); // the hub's only arrival, within its capacity
        JsonPath turnaround = get("/api/turnaround", fx.siteCode);
        assertEquals(after.getString("asOf"), turnaround.getString("asOf"));
        assertEquals(1, completed(turnaround, "SWAP"));
    }

    @Test
    void aChangeCommittedWhileASnapshotIsTakenIsInNoneOfItsCopies() throws Exception {
        DashboardFixtures fx = new DashboardFixtures(ds, "SC");
        long model = fx.model("SC", 100, 2);
        long ticket = fx.ticket(fx.miner(model, BacklogApiTest.daysAgo(100), "HASHING"), BacklogApiTest.daysAgo(2),
                "DIAGNOSING");
        // the ticket is resolved and committed after the columns were read and before the backlog is
        DashboardSnapshot s = snapshots.take(null, System.nanoTime(), () -> fx.exec(
                "update repair_ticket set state = 'RESOLVED', route = 'BENCH', closed_at = now() where id = ?", ticket));
        assertTrue(s.holder().acquire());
        try {
            assertEquals("RESOLVED", fx.text("select state from repair_ticket where id = ?", ticket));
            assertEquals(List.of(ticket), backlogTickets(s, fx.siteId)); // still open in the backlog copy
            assertEquals(0, outcomesAt(s.outcomes(), fx.siteId)); // and not completed in the columns
            // a request's own SQL, on the snapshot imported, sees the same moment
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("set transaction isolation level repeatable read, read only");
                    st.execute("set transaction snapshot '" + s.exportedId() + "'");
                    try (ResultSet rs = st.executeQuery("select state, (select count(*) from repair_outcome o "
                            + "where o.source = 'TICKET' and o.source_id = t.id) from repair_ticket t where t.id = "
                            + ticket)) {
                        rs.next();
                        assertEquals("DIAGNOSING", rs.getString(1));
                        assertEquals(0, rs.getInt(2));
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } finally {
            s.holder().release();
        }
        DashboardSnapshot next = snapshots.take(null, System.nanoTime(), () -> { });
        assertEquals(List.of(), backlogTickets(next, fx.siteId));
        assertEquals(1, outcomesAt(next.outcomes(), fx.siteId));
        assertTrue(s.holder().isClosed(), "the replaced snapshot's transaction is ended");
    }

    @Test
    void rowsThatLeaveTheCompletedRepairsLeaveTheColumns() {
        DashboardFixtures fx = new DashboardFixtures(ds, "SR");
        long model = fx.model("SR", 100, 2);
        for (int i = 0; i < 3; i++) {
            long t = fx.ticket(fx.miner(model, BacklogApiTest.daysAgo(100), "HASHING"), BacklogApiTest.daysAgo(5 + i),
                    "DIAGNOSING");
            fx.exec("update repair_ticket set state = 'RESOLVED', route = 'SWAP', closed_at = now() where id = ?", t);
        }
        assertEquals(3, completed(get("/api/turnaround", fx.siteCode), "SWAP"));
        OutcomeColumns.View before = snapshots.take(null, System.nanoTime(), () -> { }).outcomes();
        assertEquals(3, outcomesAt(before, fx.siteId));
        // two of them leave the table (as a rebuild that no longer finds them would have them leave)
        fx.exec("delete from repair_outcome where id in (select id from repair_outcome where site_id = ? order by id "
                + "limit 2)", fx.siteId);
        OutcomeColumns.View after = snapshots.take(null, System.nanoTime(), () -> { }).outcomes();
        assertEquals(1, outcomesAt(after, fx.siteId));
        assertEquals(before.size() - 2, after.size());
        assertEquals(3, outcomesAt(before, fx.siteId), "an older snapshot's columns are not changed under it");
        assertEquals(1, completed(get("/api/turnaround", fx.siteCode), "SWAP"));
    }

    private static List<Long> backlogTickets(DashboardSnapshot s, long siteId) {
        return s.backlog().rows().stream().filter(r -> r.siteId() == siteId).map(BacklogCopy.Row::ticketId).toList();
    }

    static int outcomesAt(OutcomeColumns.View v, long siteId) {
        int n = 0;
        for (OutcomeColumns.Chunk c : v.chunks()) {
            for (int i = 0; i < c.size(); i++) {
                if (c.siteId[i] == siteId) {
                    n++;
                }
            }
        }
        return n;
    }
}
