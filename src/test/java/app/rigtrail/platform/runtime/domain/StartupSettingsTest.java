package app.rigtrail.platform.runtime.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartupSettingsTest {

    static final Map<String, String> GOOD = Map.of("DB_JDBC_URL", "jdbc:postgresql://db:5432/rigtrail", "DB_USERNAME",
            "rigtrail", "DB_PASSWORD", "s3cret", "OIDC_AUTH_SERVER_URL", "https://sso.example.com/realms/rigtrail",
            "OIDC_CLIENT_SECRET", "abc");

    @Test
    void anEmptyEnvironmentNamesEveryRequiredVariableOnItsOwnLine() {
        List<String> problems = StartupSettings.problems(Map.of(), Map.of(), false);
        assertEquals(List.of("DB_JDBC_URL is not set: the database, e.g. jdbc:postgresql://db:5432/rigtrail",
                "DB_USERNAME is not set: the database user", "DB_PASSWORD is not set: the database user's password",
                "OIDC_AUTH_SERVER_URL is not set: the identity provider's realm, e.g. https://sso.example.com/realms/rigtrail",
                "OIDC_CLIENT_SECRET is not set: the secret of the app's client in the identity provider"), problems);
    }

    @Test
    void aCompleteEnvironmentStarts() {
        assertEquals(List.of(), StartupSettings.problems(GOOD, Map.of(), false));
    }

    @Test
    void theClientSecretAloneMissingStopsTheStart() {
        var env = new java.util.HashMap<>(GOOD);
        env.remove("OIDC_CLIENT_SECRET");
        env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", " ");
        assertEquals(List.of("OIDC_CLIENT_SECRET is not set: the secret of the app's client in the identity provider"),
                StartupSettings.problems(env, Map.of(), false));
    }

    @Test
    void invalidValuesAreNamedWithWhatIsWrong() {
        var env = new java.util.HashMap<>(GOOD);
        env.put("DB_JDBC_URL", "postgres://db/rigtrail");
        env.put("OIDC_AUTH_SERVER_URL", "sso.example.com/realms/rigtrail");
        env.put("RIGTRAIL_DEMO_MINERS", "lots");
        env.put("RIGTRAIL_HTTP_MAX_IN_FLIGHT", "0");
        assertEquals(List.of(
                "DB_JDBC_URL is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): 'postgres://db/rigtrail'",
                "OIDC_AUTH_SERVER_URL is not an http(s) URL: 'sso.example.com/realms/rigtrail'",
                "RIGTRAIL_DEMO_MINERS is not a whole number from 0 to 1000000: 'lots'",
                "RIGTRAIL_HTTP_MAX_IN_FLIGHT is not a whole number from 1 to 100000: '0'"),
                StartupSettings.problems(env, Map.of(), false));
    }

    @Test
    void theQuarkusNamesOfASettingCountToo() {
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/rigtrail",
                "QUARKUS_DATASOURCE_USERNAME", "u", "OIDC_AUTH_SERVER_URL", "http://kc:8080/realms/rigtrail",
                "OIDC_CLIENT_SECRET", "x");
        Map<String, String> props = Map.of("quarkus.datasource.password", "p");
        assertEquals(List.of(), StartupSettings.problems(env, props, false));
    }

    @Test
    void aMigrationRunNeedsOnlyTheDatabase() {
        Map<String, String> env = Map.of("DB_JDBC_URL", "jdbc:postgresql://db/rigtrail", "DB_USERNAME", "owner",
                "DB_PASSWORD", "p");
        assertEquals(List.of(), StartupSettings.problems(env, Map.of(), true));
        assertEquals(List.of("DB_PASSWORD is not set: the database user's password"),
                StartupSettings.problems(Map.of("DB_JDBC_URL", "jdbc:postgresql://db/rigtrail", "DB_USERNAME", "o"),
                        Map.of(), true));
    }
}
