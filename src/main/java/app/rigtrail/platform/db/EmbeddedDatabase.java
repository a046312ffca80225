package app.rigtrail.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

/**
 * One PostgreSQL server per JVM for the dev and test profiles. The JDBC URL is kept in a system
 * property so that dev-mode hot reloads (new class loader, same JVM) reuse the running server.
 */
final class EmbeddedDatabase {

    /** Owns the database and its schema: Flyway migrates as it. */
    static final String OWNER = "rigtrail_owner";
    /** What the app connects as: owns nothing, rows only, history append-only (AppRoleGrants). */
    static final String APP = "rigtrail_app";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String URL_PROPERTY = "rigtrail.embedded-db.url";

    private EmbeddedDatabase() {
    }

    static synchronized String jdbcUrl() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        Path workDir = Path.of(System.getProperty("rigtrail.embedded-db.dir", "target/embedded-postgres"))
                .toAbsolutePath();
        String url;
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
            url = ZonkyServer.start(workDir);
        } catch (Throwable zonkyFailure) {
            LOG.warnf("Embedded PostgreSQL (zonky) did not start (%s); trying the system's PostgreSQL binaries",
                    zonkyFailure.toString());
            try {
                url = SystemPostgresServer.start(workDir.resolve("system"));
            } catch (IOException | RuntimeException systemFailure) {
                systemFailure.addSuppressed(zonkyFailure);
                throw new IllegalStateException("No PostgreSQL could be started for the dev/test profile. "
                        + "Install PostgreSQL (apt-get install postgresql) or set QUARKUS_DATASOURCE_JDBC_URL.",
                        systemFailure);
            }
        }
        url = url.replace("?user=postgres", "");
        createRoles(url);
        LOG.infof("Embedded PostgreSQL ready at %s in %d ms", url, (System.nanoTime() - started) / 1_000_000);
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /**
     * As in production (docs/operations.md, "Database and roles"): the owner role owns the database
     * and its public schema, the app role owns nothing; Flyway's callback grants the app its rows.
     * Their passwords are their names (the server trusts local connections anyway).
     */
    private static void createRoles(String url) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
                java.sql.Statement s = c.createStatement()) {
            for (String role : new String[] {OWNER, APP}) {
                try (java.sql.ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                    if (!rs.next()) {
                        s.execute("create role " + role + " login password '" + role + "'");
                    }
                }
            }
            s.execute("alter database postgres owner to " + OWNER);
            s.execute("alter schema public owner to " + OWNER);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("creating the owner and app roles failed: " + e.getMessage(), e);
        }
    }

}
