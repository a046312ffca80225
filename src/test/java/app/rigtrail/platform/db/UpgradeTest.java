package app.rigtrail.platform.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.logistics.HoldAlertJob;
import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An upgrade from the previous release. "Previous release" is the schema and data as the first working
 * session left them (2026-11-22, commit 1c10e35, the last before issue #17's work): migrations V1 to V7.
 * Before the app starts, a fresh database on the tests' PostgreSQL is migrated to V7 only and filled
 * with a small fleet written as that release wrote it (upgrade/previous-release-data.sql). Then the app
 * starts on it exactly as a production upgrade does: Flyway migrates V8 onwards at start, Hibernate
 * validates the schema, the warm-up closes availability days and reads the repairs and the backlog.
 * The test then checks that the migrations released before were not edited since (their checksums),
 * that every row survived, that the app's queries read the old data right, that the old data can be
 * changed, and that alerts the previous release raised are not raised (and mailed) a second time.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(UpgradeTest.FromPreviousRelease.class)
class UpgradeTest {

    /** The last migration of the previous release. */
    static final int PREVIOUS_RELEASE = 7;

    /**
     * Flyway's checksums of V1 to V7 as the previous release shipped them. A database upgraded from it
     * holds these in flyway_schema_history; if a released migration is edited, Flyway's validation
     * refuses to start the app on every such database. Never edit a released migration: add one.
     */
    static final Map<String, Integer> RELEASED_CHECKSUMS = Map.of("1", 1453664741, "2", 802999664, "3", 1297261566,
            "4", -808196399, "5", -1886751208, "6", -1789411801, "7", 1409671839);

    static final String URL_PROPERTY = "rigtrail.upgrade-test.url";
    static final String COUNTS_PROPERTY = "rigtrail.upgrade-test.counts";

    /** Prepares the previous release's database before the app starts, and points the app at it. */
    public static class FromPreviousRelease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                url = prepare();
                System.setProperty(URL_PROPERTY, url);
            }
            // the previous release ran as one superuser: it migrates and connects as postgres here
            return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres", "quarkus.flyway.username", "postgres",
                    "quarkus.flyway.password", "postgres", "rigtrail.demo.miners", "0",
                    // the test runs the jobs itself, on the day it chooses
                    "quarkus.scheduler.enabled", "false");
        }
    }

    /** A new database at the previous release's schema, with its data; returns its URL. */
    static String prepare() {
        String server = new EmbeddedDatabaseConfigSource().getValue("%test.quarkus.datasource.jdbc.url");
        String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating the upgrade database failed: " + e.getMessage(), e);
        }
        String url = server.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        // the previous release had no repeatable migrations (R__*.sql): they come with the upgrade
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("filesystem:db-migrations")
                .repeatableSqlMigrationPrefix("NOT_IN_THE_PREVIOUS_RELEASE_").target(String.valueOf(PREVIOUS_RELEASE))
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("src/test/resources/upgrade/previous-release-data.sql"),
                    StandardCharsets.UTF_8));
            System.setProperty(COUNTS_PROPERTY, counts(c).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading the previous release's data failed: " + e.getMessage(), e);
        }
        return url;
    }

    /** Exact row counts of every table. */
    static Map<String, Long> counts(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> out = new TreeMap<>();
        for (String t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from \"" + t + "\"")) {
                rs.next();
                out.put(t, rs.getLong(1));
            }
        }
        return out;
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @Inject
    HoldAlertJob holdAlerts;

    Connection db() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    long count(String sql) throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The versions of the migrations in db-migrations, in order (a number the lead reserved may be missing). */
    static List<Integer> migrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("db-migrations"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void theAppMigratedThePreviousReleasesDatabaseToTheNewestSchema() throws Exception {
        assertTrue(url.contains("/upgrade_"), "the app runs on the upgraded database: " + url);
        Map<String, Integer> checksums = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select version, checksum, success from flyway_schema_history where version is not null order by installed_rank")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean(3), "migration V" + rs.getString(1) + " succeeded");
                versions.add(rs.getString(1));
                checksums.put(rs.getString(1), rs.getInt(2));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int v : migrations()) {
            expected.add(String.valueOf(v));
        }
        assertEquals(expected, versions, "V1 to V" + PREVIOUS_RELEASE + " first (the previous release), then the rest");
        Map<String, Integer> released = new TreeMap<>();
        checksums.forEach((v, sum) -> {
            if (Integer.parseInt(v) <= PREVIOUS_RELEASE) {
                released.put(v, sum);
            }
        });
        assertEquals(new TreeMap<>(RELEASED_CHECKSUMS), released, "V1 to V" + PREVIOUS_RELEASE + " were released with "
                + "these checksums and must never change: databases upgraded from the previous release would refuse to "
                + "start (Flyway validate); add a new migration instead");
        // the repeatable migrations (views and pure functions, R__*.sql) ran once each, after the versioned ones
        long repeatables;
        try (Stream<Path> files = Files.list(Path.of("db-migrations"))) {
            repeatables = files.filter(p -> p.getFileName().toString().matches("R__.*\\.sql")).count();
        }
        assertTrue(repeatables > 0, "the release has repeatable migrations");
        assertEquals(repeatables, count("select count(*) from flyway_schema_history where version is null and success "
                + "and installed_rank > (select max(installed_rank) from flyway_schema_history where version is not null)"));
        // two runs: the previous release's, then the app's start migrated the rest
        assertEquals(1, count("select count(*) from flyway_schema_history a join flyway_schema_history b "
                + "on a.version = '" + PREVIOUS_RELEASE + "' and b.version = '" + (PREVIOUS_RELEASE + 1) + "' "
                + "and b.installed_on > a.installed_on"));
    }

    @Test
    @Order(2)
    void everyRowOfThePreviousReleaseSurvived() throws Exception {
        Map<String, Long> before = new TreeMap<>();
        for (String kv : System.getProperty(COUNTS_PROPERTY).split(",")) {
            before.put(kv.substring(0, kv.indexOf('=')), Long.parseLong(kv.substring(kv.indexOf('=') + 1)));
        }
        Map<String, Long> after;
        try (Connection c = db()) {
            after = counts(c);
        }
        assertTrue(before.get("miner") == 6 && before.get("repair_ticket") == 3 && before.get("repair_outcome") == 2,
                "the previous release's data was loaded: " + before);
        for (Map.Entry<String, Long> e : before.entrySet()) {
            String table = e.getKey();
            if (table.equals("scenario") || table.equals("availability_day") || table.equals("flyway_schema_history")) {
                // the start adds the built-in scenarios, closes the days up to yesterday and records V8 onwards
                assertTrue(after.get(table) >= e.getValue(), table + ": " + after.get(table) + " >= " + e.getValue());
            } else if (table.equals("dashboard_version")) {
                // R__repair_outcome.sql adds the row of repair_outcome (its deletes and truncates bump it)
                assertEquals(e.getValue() + 1, after.get(table), "rows of dashboard_version: one for repair_outcome");
                assertEquals(1, count("select count(*) from dashboard_version where name = 'repair_outcome'"));
            } else if (table.equals("availability_delta")) {
                // V22: its rows live on in availability_change (appended to from then on); the name is the view of their sums
                assertEquals(e.getValue(), after.get("availability_change"), "rows of availability_delta, now availability_change");
                assertEquals(e.getValue(), count("select count(*) from availability_delta"), "groups the view sums");
            } else {
                assertEquals(e.getValue(), after.get(table), "rows of " + table + " after the upgrade");
            }
        }
        assertEquals(1, count("select count(*) from scenario where id = 901 and owner = 'mgr' "
                + "and parameters -> 'rules' -> 0 ->> 'holdScale' = '1.5'"));
        assertEquals(42000, count("select cost_cents from repair_outcome where source = 'TICKET' and source_id = 903"));
        // V9 allows RECEIVED and positions without a rack; the old machines keep theirs
        assertEquals(5, count("select count(*) from miner where id between 901 and 906 and slot is not null "
                + "and status in ('HASHING','DEGRADED','DOWN','IN_REPAIR')"));
    }

    @Test
    @Order(3)
    void theAppReadsTheOldDataRight() {
        String manager = Tokens.bearer(Tokens.MANAGER);
        JsonPath miners = given().header("Authorization", manager).get("/api/miners?size=100").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(6, miners.getInt("total"));
        assertEquals("IN_REPAIR", miners.getString("items.find { it.assetCode == 'UPG1-0002' }.status"));

        JsonPath ticket = given().header("Authorization", manager).get("/api/tickets/901").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("AWAITING_PART", ticket.getString("ticket.state"));
        assertEquals(3, ticket.getList("events").size());
        assertEquals(1, ticket.getList("photos").size());

        // availability from the old status history (V9 redefined the rates): 5 installed, 3 hashing
        JsonPath availability = given().header("Authorization", manager).get("/api/availability").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(5.0, availability.getDouble("now.unitsInstalled"), 1e-9);
        assertEquals(3.0, availability.getDouble("now.unitsHashing"), 1e-9);

        // the backlog view of V7 over the old tickets and cases: one waits for diagnosis, one for a
        // spare, one RMA case is held in customs
        JsonPath backlog = given().header("Authorization", manager).get("/api/backlog").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, backlog.getInt("total"));
        assertEquals(1, backlog.getInt("stages.find { it.stage == 'CUSTOMS_HOLD' }.count"));

        // the completed repairs the previous release's triggers wrote
        JsonPath turnaround = given().header("Authorization", manager).get("/api/turnaround").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, turnaround.getInt("routes.find { it.route == 'SWAP' }.completed"));
        assertEquals(1, turnaround.getInt("routes.find { it.route == 'VENDOR_HUB' }.completed"));

        JsonPath holds = given().header("Authorization", manager).get("/api/holds").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(2, holds.getList("$").size());
        assertEquals("DEEMED_EXCLUDED", holds.getString("find { it.entryNumber == 'UPG-ENTRY-1' }.standing"));
        assertEquals("PAST_NOTICE_CLOCK", holds.getString("find { it.entryNumber == 'UPG-ENTRY-2' }.standing"));

        given().header("Authorization", manager).get("/api/scenarios").then().statusCode(200)
                .body("name", hasItem("Upgrade: longer customs holds"));
    }

    @Test
    @Order(4)
    void oldDataCanBeChangedAndOldAlertsAreNotRaisedAgain() throws Exception {
        long eventsBefore = count("select count(*) from repair_ticket_event where ticket_id = 902");
        given().header("Authorization", Tokens.bearer(Tokens.TECH_ND)).contentType("application/json")
                .body("{\"to\":\"DIAGNOSING\",\"note\":\"after the upgrade\"}").post("/api/tickets/902/transitions")
                .then().statusCode(200).body("state", equalTo("DIAGNOSING"));
        assertEquals(eventsBefore + 1, count("select count(*) from repair_ticket_event where ticket_id = 902"));

        // hold 901's clocks were alerted by the previous release (hold_alert): nobody is told again;
        // hold 902's release and notice clocks passed unalerted: they are raised now, once
        int raised = holdAlerts.check(DwellService.today());
        assertEquals(2, raised);
        assertEquals(0, count("select count(*) from alert where subject_key = 'hold:901'"));
        assertEquals(2, count("select count(*) from alert where subject_key = 'hold:902' "
                + "and kind in ('RELEASE_CLOCK', 'NOTICE_CLOCK')"));
        assertEquals(0, holdAlerts.check(DwellService.today()), "raised once");
    }
}
