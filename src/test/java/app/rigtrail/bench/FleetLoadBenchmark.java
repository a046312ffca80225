package app.rigtrail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;

import app.rigtrail.demo.DemoFleetLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * How long the demo fleet takes to load into a fresh, migrated PostgreSQL (bench/fleet-load.sh).
 * Prints one line per run and the median; run it on the 2-core machine for the figures in the notes.
 * Arguments: miners (default 100000), sites (20), runs (3).
 */
public final class FleetLoadBenchmark {

    public static void main(String[] args) throws Exception {
        int miners = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createDirectories(Path.of("target", "bench-postgres").toAbsolutePath());
        List<Long> times = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setOverrideWorkingDirectory(dir.toFile())
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_wal_size", "2GB").start()) {
            for (int run = 1; run <= runs; run++) {
                String db = "bench" + run;
                try (Connection admin = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"))) {
                    admin.createStatement().execute("create database " + db);
                }
                String url = pg.getJdbcUrl("postgres", db);
                Flyway.configure().dataSource(url, "postgres", "postgres")
                        .locations("filesystem:db-migrations").load().migrate();
                try (Connection c = DriverManager.getConnection(url)) {
                    long started = System.nanoTime();
                    DemoFleetLoader.LoadReport report = DemoFleetLoader.load(c, miners, sites, 42 + run, Map.of());
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    times.add(ms);
                    System.out.printf("run %d: %d miners, %d components, %d sites loaded in %,d ms (%,.0f rows/s)%n",
                            run, report.miners(), report.components(), report.sites(), ms,
                            (2.0 * (report.miners() + report.components())) / (ms / 1000.0));
                }
            }
        }
        times.sort(Long::compare);
        System.out.printf("fleet load, %d miners over %d sites: median %,d ms, min %,d ms, max %,d ms over %d runs%n",
                miners, sites, times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), runs);
    }
}
