package app.rigtrail.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rebuilds the dashboard's aggregates after a bulk load: the demo's COPY bypasses the triggers that
 * keep them current (availability, the closed days up to yesterday, the completed repairs), and marks
 * the whole backlog changed (a backlog_change row naming no key: the dashboard reads its copy whole).
 */
public final class DemoAggregates {

    private DemoAggregates() {
    }

    public static void rebuild(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select availability_rebuild()");
            s.execute("select availability_close_days(((now() at time zone 'UTC')::date - 1))");
            s.execute("select repair_outcome_rebuild()");
            s.execute("insert into backlog_change default values");
        }
    }
}
