package app.rigtrail.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import app.rigtrail.repair.domain.TicketState;

/**
 * What an open ticket is has one definition on each side: {@link TicketState#isOpen()} in Java and
 * repair_ticket_is_open in SQL (V23). They agree on every state, and the JPQL the tickets pages write from
 * TicketState still meets the partial indexes defined on the SQL function.
 */
@QuarkusTest
class OpenTicketStatesTest {

    @Inject
    AgroalDataSource ds;

    @Test
    void javaAndSqlAgreeOnEveryState() throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select repair_ticket_is_open(?)")) {
            for (TicketState s : TicketState.values()) {
                ps.setString(1, s.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(s.isOpen(), rs.getBoolean(1), s.name());
                }
            }
        }
        assertEquals(EnumSet.of(TicketState.RESOLVED, TicketState.CANCELLED), TicketState.closed());
    }

    @Test
    void theListsPredicateUsesTheOpenTicketIndexes() throws SQLException {
        assertEquals("t.state not in (app.rigtrail.repair.domain.TicketState.RESOLVED, "
                + "app.rigtrail.repair.domain.TicketState.CANCELLED)", RepairService.OPEN_TICKET);
        // the SQL Hibernate writes for it: the states as literals
        String predicate = "state not in ('RESOLVED', 'CANCELLED')";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain select id from repair_ticket where " + predicate
                    + " order by opened_at limit 10")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
            // a partial index on the open states (repair_ticket_open, _state or _site), not repair_ticket_opened
            assertTrue(java.util.regex.Pattern.compile("repair_ticket_open(?!ed)").matcher(plan).find(), plan.toString());
        }
    }
}
