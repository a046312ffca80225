package app.rigtrail.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * History the database truly protects (#16 item 7): the app's own connection (the pool the app uses,
 * as the role the test profile gives it, like production) owns nothing and may only read and append
 * history. TRUNCATE, UPDATE and DELETE on a history table, disabling its trigger, dropping it, and
 * {@code session_replication_role = replica} are all refused; the schema owner (Flyway's role) is
 * refused UPDATE, DELETE and TRUNCATE by the triggers.
 */
@QuarkusTest
class HistoryGuardTest {

    /** Tables whose rows are history: at least these (new ones are found by their trigger). */
    static final Set<String> KNOWN_HISTORY = Set.of("miner_event", "component_event", "audit_event",
            "repair_ticket_event", "rma_case_event", "component_swap", "shipment_event", "customs_hold_event",
            "hold_alert", "stock_movement", "forecast", "forecast_run_event", "machine_order_movement",
            "machine_order_event", "capacity_target_event", "alert", "alert_event", "alert_delivery_attempt");

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;

    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @Test
    void theAppConnectsAsARoleThatOwnsNothingAndIsNoSuperuser() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertEquals("rigtrail_app", one(s, "select current_user"));
            assertEquals("false", one(s, "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls or rolreplication"
                    + " from pg_roles where rolname = current_user"));
            assertEquals("0", one(s, "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner"
                    + " where r.rolname = current_user"));
            assertEquals("0", one(s, "select count(*) from pg_proc p join pg_roles r on r.oid = p.proowner"
                    + " where r.rolname = current_user"));
            assertEquals("false", one(s, "select pg_has_role(current_user, '" + owner + "', 'member')"));
            assertFalse(owner.equals(one(s, "select current_user")), "Flyway migrates as another role");
        }
    }

    @Test
    void everyHistoryTableTakesOnlySelectAndInsertFromTheApp() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> history = historyTables(s);
            assertTrue(history.containsAll(KNOWN_HISTORY), "history tables found by their trigger: " + history);
            for (String t : history) {
                for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")) {
                    assertEquals("false", one(s, "select has_table_privilege('" + t + "', '" + privilege + "')"),
                            privilege + " on " + t);
                }
                assertEquals("true", one(s, "select has_table_privilege('" + t + "', 'SELECT')"), t);
                assertEquals("true", one(s, "select has_table_privilege('" + t + "', 'INSERT')"), t);
                // and the database itself refuses it to anyone: update, delete and truncate triggers
                assertEquals("true", one(s, "select coalesce(bool_or(tgtype & 16 <> 0) and bool_or(tgtype & 8 <> 0)"
                        + " and bool_or(tgtype & 32 <> 0), false) from pg_trigger where tgrelid = '" + t + "'::regclass"
                        + " and tgfoid = 'refuse_history_rewrite'::regproc and tgenabled = 'O'"), "update, delete and truncate triggers on " + t);
            }
            // Flyway's history: read only
            for (String privilege : List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
                assertEquals("false", one(s, "select has_table_privilege('flyway_schema_history', '" + privilege + "')"));
            }
        }
    }

    @Test
    void theAppsConnectionCannotEraseHistory() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertTrue(Long.parseLong(one(s, "select count(*) from miner_event")) > 0, "the demo fleet's history");
            for (String t : historyTables(s)) {
                refused(s, "truncate " + t, "permission denied");
                refused(s, "delete from " + t, "permission denied");
                refused(s, "alter table " + t + " disable trigger all", "must be owner");
                refused(s, "alter table " + t + " disable trigger user", "must be owner");
                refused(s, "drop table " + t, "must be owner", "permission denied");
            }
            refused(s, "update miner_event set reason = 'rewritten'", "permission denied");
            refused(s, "update stock_movement set quantity = 99", "permission denied");
            refused(s, "update audit_event set actor = 'someone else'", "permission denied");
            refused(s, "truncate miner_event, component_event cascade", "permission denied");
            refused(s, "drop trigger miner_event_append_only on miner_event", "must be owner");
            refused(s, "create or replace function refuse_history_rewrite() returns trigger language plpgsql"
                    + " as $$ begin return new; end $$", "must be owner", "permission denied");
            refused(s, "set session_replication_role = replica", "permission denied");
            refused(s, "set local session_replication_role = replica", "permission denied");
            refused(s, "alter role current_user set session_replication_role = replica", "permission denied");
            refused(s, "create table rewrite_attempt (id int)", "permission denied");
            assertEquals("origin", one(s, "show session_replication_role"));
        }
    }

    @Test
    void theAppStillAppendsAndReadsHistory() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                long before = Long.parseLong(one(s, "select count(*) from audit_event"));
                s.executeUpdate("insert into audit_event (at, actor, entity, entity_id, action, reason)"
                        + " values (now(), 'history-guard-test', 'site', 0, 'CHECK', 'appending works')");
                assertEquals(before + 1, Long.parseLong(one(s, "select count(*) from audit_event")));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theOwnerIsRefusedByTheTriggers() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword); Statement s = c.createStatement()) {
            assertEquals(owner, one(s, "select current_user"));
            refused(s, "truncate miner_event", "append-only");
            refused(s, "delete from miner_event", "append-only");
            refused(s, "update stock_movement set quantity = 99", "append-only");
            refused(s, "set session_replication_role = replica", "permission denied");
        }
    }

    static List<String> historyTables(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select distinct tgrelid::regclass::text from pg_trigger"
                + " where tgfoid = 'refuse_history_rewrite'::regproc and not tgisinternal order by 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The statement fails for one of the reasons given (a part of PostgreSQL's message). */
    static void refused(Statement s, String sql, String... why) {
        try {
            s.execute(sql);
            fail("the database accepted: " + sql);
        } catch (SQLException e) {
            assertTrue(java.util.Arrays.stream(why).anyMatch(e.getMessage()::contains),
                    sql + " was refused, but not for " + java.util.Arrays.toString(why) + ": " + e.getMessage());
        }
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            String v = rs.getString(1);
            // booleans as words (PostgreSQL's text form is t or f)
            return rs.getMetaData().getColumnType(1) == java.sql.Types.BIT
                    || rs.getMetaData().getColumnType(1) == java.sql.Types.BOOLEAN ? String.valueOf(rs.getBoolean(1)) : v;
        }
    }
}
