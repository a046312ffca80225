package app.rigtrail.platform.db;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers the dev and test profiles' datasource settings with a PostgreSQL server started on first
 * use, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need no installed database.
 *
 * Only the profile-prefixed keys ({@code %dev.} and {@code %test.}) are answered, so the prod profile
 * never sees them and never starts a database. Setting {@code RIGTRAIL_EMBEDDED_DB=false} (or
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) turns it off in every profile.
 */
public class EmbeddedDatabaseConfigSource implements ConfigSource {

    private static final Set<String> PROFILES = Set.of("dev", "test");

    @Override
    public Set<String> getPropertyNames() {
        // Deliberately empty: enumerating must never start a server.
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (propertyName == null || !propertyName.startsWith("%")) {
            return null;
        }
        int dot = propertyName.indexOf('.');
        if (dot < 0 || !PROFILES.contains(propertyName.substring(1, dot))) {
            return null;
        }
        String key = propertyName.substring(dot + 1);
        if (!key.startsWith("quarkus.datasource.") || !enabled()) {
            return null;
        }
        return switch (key) {
            case "quarkus.datasource.jdbc.url" -> EmbeddedDatabase.jdbcUrl();
            case "quarkus.datasource.username" -> "postgres";
            case "quarkus.datasource.password" -> "postgres";
            default -> null;
        };
    }

    private static boolean enabled() {
        Map<String, String> env = System.getenv();
        if ("false".equalsIgnoreCase(env.getOrDefault("RIGTRAIL_EMBEDDED_DB",
                System.getProperty("rigtrail.embedded-db", "true")))) {
            return false;
        }
        return env.get("QUARKUS_DATASOURCE_JDBC_URL") == null;
    }

    @Override
    public int getOrdinal() {
        // Below system properties (400) and environment variables (300): an explicit URL wins.
        return 260;
    }

    @Override
    public String getName() {
        return "rigtrail-embedded-postgresql";
    }
}
