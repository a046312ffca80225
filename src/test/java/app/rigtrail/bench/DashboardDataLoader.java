package app.rigtrail.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.flywaydb.core.Flyway;

import app.rigtrail.demo.DemoData;
import app.rigtrail.demo.DemoFleetLoader;
import app.rigtrail.demo.DemoHoldLoader;
import app.rigtrail.demo.DemoRepairHistoryLoader;

/**
 * Loads the dashboard benchmark's data set into an empty PostgreSQL (bench/dashboard.sh): migrates it,
 * then the generator's fleet, customs holds and repair history, and prints how long each took.
 * Arguments: JDBC URL, miners (100000), sites (20), holds (50000), tickets (1000000).
 */
public final class DashboardDataLoader {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int miners = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int sites = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int holds = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        long tickets = args.length > 4 ? Long.parseLong(args[4]) : 1_000_000;
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("filesystem:db-migrations").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            long t0 = System.nanoTime();
            var fleet = DemoFleetLoader.load(c, miners, sites, 20251122L, DemoData.TECHNICIAN_SITES);
            System.out.printf("fleet: %,d miners, %,d components over %d sites in %,d ms%n", fleet.miners(),
                    fleet.components(), fleet.sites(), fleet.millis());
            c.setAutoCommit(false);
            long t1 = System.nanoTime();
            int h = DemoHoldLoader.load(c, holds, 20251122L, LocalDate.now(ZoneOffset.UTC));
            c.commit();
            System.out.printf("customs holds: %,d in %,d ms%n", h, (System.nanoTime() - t1) / 1_000_000);
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
            }
            var r = DemoRepairHistoryLoader.load(c, tickets, DemoRepairHistoryLoader.WINDOW_DAYS, 20251122L, Instant.now());
            c.commit();
            System.out.printf("repair history: %,d tickets (%,d open), %,d RMA cases (%,d open), %,d shipments on the way "
                    + "(%,d held) in %,d ms%n", r.tickets(), r.openTickets(), r.rmaCases(), r.openCases(), r.shipments(),
                    r.holds(), r.millis());
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze");
            }
            System.out.printf("total with vacuum analyze: %,d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
