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
        LOG.infof("Embedded PostgreSQL ready at %s in %d ms", url, (System.nanoTime() - started) / 1_000_000);
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

}
