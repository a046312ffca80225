package app.rigtrail.platform.db;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers the dev and test profiles' datasource settings with a PostgreSQL server started on first
 * use, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need no installed database.
 *
 * The app connects as {@code rigtrail_app} (owns nothing; may only read and append history), Flyway
 * migrates as {@code rigtrail_owner}, both created when the server starts.
 *
 * Only the profile-prefixed keys ({@code %dev.} and {@code %test.}) are answered, so the prod profile
 * never sees them and never starts a database. Setting {@code RIGTRAIL_EMBEDDED_DB=false} (or
 * {@code QUARKUS_DATASOURCE_JDBC_URL}) turns it off in every profile.
 */
public class EmbeddedDatabaseConfigSource implements ConfigSource {

    private static final Set<String> PROFILES = Set.of("dev", "test");

    /** Keys answered without starting anything, listed so that Quarkus' config mappings see them. */
    private static final List<String> CREDENTIALS = List.of("quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.flyway.username", "quarkus.flyway.password");

    @Override
    public Set<String> getPropertyNames() {
        // Never the URL: enumerating must never start a server.
        if (!enabled()) {
            return Set.of();
        }
        Set<String> names = new java.util.HashSet<>();
        for (String profile : PROFILES) {
            for (String key : CREDENTIALS) {
                names.add("%" + profile + "." + key);
            }
        }
        return names;
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
        if (!(key.startsWith("quarkus.datasource.") || key.startsWith("quarkus.flyway.")) || !enabled()) {
            return null;
        }
        // the app connects as the role that owns nothing, Flyway migrates as the owner (as in production)
        return switch (key) {
            case "quarkus.datasource.jdbc.url" -> EmbeddedDatabase.jdbcUrl();
            case "quarkus.datasource.username", "quarkus.datasource.password" -> EmbeddedDatabase.APP;
            case "quarkus.flyway.username", "quarkus.flyway.password" -> EmbeddedDatabase.OWNER;
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
