package app.rigtrail.platform.runtime.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the production profile needs from its environment before it may start, and how each value
 * is checked: one readable line per missing or invalid variable, naming the variable, instead of a
 * framework stack trace (or, worse, a start that reports ready and answers 500). Each setting may
 * also be given under its Quarkus name (environment {@code QUARKUS_DATASOURCE_JDBC_URL} or system
 * property {@code quarkus.datasource.jdbc.url}); docs/operations.md lists them all.
 */
public final class StartupSettings {

    /** A value the app reads: the variable operators set, its Quarkus property, and what it must look like. */
    public record Setting(String variable, String property, boolean required, boolean forMigrationOnly,
            String meaning, Function<String, Optional<String>> check) {

        /** Whether the same value given under the Quarkus names counts. */
        String quarkusVariable() {
            return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("DB_JDBC_URL", "quarkus.datasource.jdbc.url", true, true,
                    "the database, e.g. jdbc:postgresql://db:5432/rigtrail", StartupSettings::postgresUrl),
            new Setting("DB_USERNAME", "quarkus.datasource.username", true, true, "the database user", StartupSettings::any),
            new Setting("DB_PASSWORD", "quarkus.datasource.password", true, true, "the database user's password",
                    StartupSettings::any),
            new Setting("OIDC_AUTH_SERVER_URL", "quarkus.oidc.auth-server-url", true, false,
                    "the identity provider's realm, e.g. https://sso.example.com/realms/rigtrail", StartupSettings::httpUrl),
            new Setting("OIDC_CLIENT_SECRET", "quarkus.oidc.credentials.secret", true, false,
                    "the secret of the app's client in the identity provider", StartupSettings::any),
            new Setting("OIDC_CLIENT_ID", "quarkus.oidc.client-id", false, false, "the app's client (default rigtrail)",
                    StartupSettings::any),
            new Setting("RIGTRAIL_DEMO_MINERS", "rigtrail.demo.miners", false, false,
                    "a demo fleet of this many miners for an empty database", v -> wholeNumber(v, 0, 1_000_000)),
            new Setting("RIGTRAIL_DEMO_HOLDS", "rigtrail.demo.holds", false, false, "demo customs holds",
                    v -> wholeNumber(v, 0, 1_000_000)),
            new Setting("RIGTRAIL_DEMO_TICKETS", "rigtrail.demo.tickets", false, false, "demo repair tickets",
                    v -> wholeNumber(v, 0, 10_000_000)),
            new Setting("RIGTRAIL_HTTP_MAX_IN_FLIGHT", "rigtrail.http.max-in-flight", false, false,
                    "requests served or waiting at once before new ones get 503", v -> wholeNumber(v, 1, 100_000)));

    private StartupSettings() {
    }

    /**
     * The problems, one line each, in the order of {@link #SETTINGS}; empty when the app may start.
     * {@code migrationOnly}: the run only migrates the database and exits (QUARKUS_INIT_AND_EXIT), so
     * only the database settings are needed.
     */
    public static List<String> problems(Map<String, String> env, Map<String, String> systemProperties,
            boolean migrationOnly) {
        List<String> out = new ArrayList<>();
        for (Setting s : SETTINGS) {
            if (migrationOnly && !s.forMigrationOnly()) {
                continue;
            }
            String value = firstSet(env.get(s.variable()), env.get(s.quarkusVariable()), systemProperties.get(s.property()));
            if (value == null) {
                if (s.required()) {
                    out.add(s.variable() + " is not set: " + s.meaning());
                }
                continue;
            }
            s.check().apply(value).ifPresent(why -> out.add(s.variable() + " " + why));
        }
        return out;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static Optional<String> any(String value) {
        return Optional.empty();
    }

    static Optional<String> postgresUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://") || value.length() <= "jdbc:postgresql://".length()) {
            return Optional.of("is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): '" + value + "'");
        }
        return Optional.empty();
    }

    static Optional<String> httpUrl(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Optional.of("is not an http(s) URL: '" + value + "'");
    }

    static Optional<String> wholeNumber(String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("is not a whole number from " + min + " to " + max + ": '" + value + "'");
    }
}
