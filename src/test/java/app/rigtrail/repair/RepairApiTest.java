package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static app.rigtrail.repair.RepairFixtures.move;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RepairApiTest {

    @Test
    void aTechnicianSwapsAFailedHashboardFromTheShelf() {
        long[] t = RepairFixtures.openHashboardTicket("Hashboard not detected");
        long ticket = t[0], miner = t[1], faulty = t[2];
        String down = RepairFixtures.minerStatus(miner);
        assertTrue(down.equals("DOWN") || down.equals("DEGRADED"), down);

        move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\",\"note\":\"on the bench table\"}").statusCode(200)
                .body("state", equalTo("DIAGNOSING"));
        assertEquals("IN_REPAIR", RepairFixtures.minerStatus(miner));
        move(Tokens.TECH_TX, ticket, "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\",\"diagnosis\":\"three chips dead\"}")
                .statusCode(200).body("state", equalTo("AWAITING_PART")).body("route", equalTo("SWAP"));
        String spare = as(Tokens.TECH_TX).get("/api/tickets/" + ticket + "/spares").then().statusCode(200)
                .extract().path("[0].serial");
        move(Tokens.TECH_TX, ticket, "{\"to\":\"RESOLVED\",\"spareSerial\":\"" + spare + "\",\"note\":\"swapped\"}")
                .statusCode(200).body("state", equalTo("RESOLVED")).body("closedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals("HASHING", RepairFixtures.minerStatus(miner));

        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().statusCode(200)
                .body("events.findAll { it.fromState != it.toState }.toState",
                        equalTo(List.of("OPEN", "DIAGNOSING", "AWAITING_PART", "RESOLVED")))
                .body("events.findAll { it.fromState == it.toState }.note",
                        hasItem(containsString("reserved: it was on the shelf")))
                .body("events.actor", everyItemIs("tech-tx"))
                .body("swaps", hasSize(1)).body("swaps[0].replacementSerial", equalTo(spare))
                .body("swaps[0].kind", equalTo("HASHBOARD"));
        as(Tokens.ADMIN).get("/api/miners/" + miner).then()
                .body("components.serial", hasItem(spare))
                .body("history.toStatus", hasItems("IN_REPAIR", "HASHING"));
        as(Tokens.ADMIN).get("/api/components/" + faulty).then()
                .body("component.location", equalTo("in stock at TX1 store (failed)"))
                .body("genealogy[-1].reason", containsString("swapped out"));
    }

    static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void shouldRefuseAnIllegalMoveNamingTheAllowedOnes() {
        long ticket = RepairFixtures.openHashboardTicket("Low hashrate")[0];
        move(Tokens.TECH_TX, ticket, "{\"to\":\"RESOLVED\"}").statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Transition not allowed"))
                .body("allowed", hasItems("DIAGNOSING", "CANCELLED")).body("state", equalTo("OPEN"));
        move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, ticket, "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\"}").statusCode(409)
                .body("detail", containsString("diagnosis"));
        move(Tokens.TECH_TX, ticket, "{\"to\":\"FIXED\"}").statusCode(400).contentType("application/problem+json");
        move(Tokens.TECH_TX, ticket, "{\"note\":\"no target\"}").statusCode(400).body("violations[0].field", equalTo("to"));
    }

    @Test
    void shouldRefuseAStaleMoveWith409AndSayWhatChanged() {
        long ticket = RepairFixtures.openHashboardTicket("Fan speed error")[0];
        move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\",\"version\":0}").statusCode(200).body("version", equalTo(1));
        move(Tokens.TECH_TX, ticket, "{\"to\":\"CANCELLED\",\"version\":0}").statusCode(409)
                .body("detail", containsString("now diagnosing")).body("detail", containsString("tech-tx"))
                .body("detail", containsString("Open → Diagnosing")).body("state", equalTo("DIAGNOSING"))
                .body("fixAt", equalTo("/tickets/" + ticket));
    }

    @Test
    void cancellingGivesTheMinerItsStatusBack() {
        long[] t = RepairFixtures.openHashboardTicket("False alarm");
        move(Tokens.TECH_TX, t[0], "{\"to\":\"CANCELLED\",\"note\":\"cable was loose\"}").statusCode(200);
        assertEquals("HASHING", RepairFixtures.minerStatus(t[1]));
        move(Tokens.TECH_TX, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(409).body("allowed", hasSize(0));
    }

    @Test
    void benchRepairTakesThePartOutAndPutsItBack() {
        long[] t = RepairFixtures.openHashboardTicket("Chip temperature too high");
        move(Tokens.TECH_TX, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, t[0], "{\"to\":\"IN_BENCH_REPAIR\",\"route\":\"BENCH\",\"diagnosis\":\"reflow\"}").statusCode(200);
        as(Tokens.ADMIN).get("/api/components/" + t[2]).then().body("component.location", equalTo("in stock at TX1 bench"));
        move(Tokens.TECH_TX, t[0], "{\"to\":\"RESOLVED\",\"minerStatus\":\"DEGRADED\"}").statusCode(200);
        as(Tokens.ADMIN).get("/api/components/" + t[2]).then().body("component.locationKind", equalTo("INSTALLED"))
                .body("component.minerId", equalTo((int) t[1]));
        assertEquals("DEGRADED", RepairFixtures.minerStatus(t[1]));
    }

    @Test
    void rolesAndSitesForTickets() {
        long miner = RepairFixtures.freshMiner("TX1");
        long component = RepairFixtures.componentOf(miner, "FAN");
        String body = RepairFixtures.body(miner, component, "Fan noise");
        for (String user : new String[] {Tokens.LOGISTICS, Tokens.MANAGER}) {
            as(user).body(body).post("/api/tickets").then().statusCode(403);
        }
        as(Tokens.TECH_ND).body(body).post("/api/tickets").then().statusCode(403)
                .body("title", equalTo("Site not assigned"));
        long ticket = as(Tokens.TECH_TX).body(body).post("/api/tickets").then().statusCode(201)
                .body("state", equalTo("OPEN")).extract().jsonPath().getLong("id");
        assertEquals("DEGRADED", RepairFixtures.minerStatus(miner), "a dead fan degrades the unit");
        as(Tokens.TECH_ND).get("/api/tickets/" + ticket).then().statusCode(403);
        move(Tokens.TECH_ND, ticket, "{\"to\":\"DIAGNOSING\"}").statusCode(403);
        move(Tokens.MANAGER, ticket, "{\"to\":\"DIAGNOSING\"}").statusCode(403);
        as(Tokens.MANAGER).get("/api/tickets/" + ticket).then().statusCode(200);
        as(Tokens.TECH_ND).queryParam("open", true).get("/api/tickets").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) ticket)));
        as(Tokens.TECH_TX).queryParam("open", true).get("/api/tickets").then().statusCode(200)
                .body("items.id", hasItem((int) ticket));
        as(Tokens.TECH_TX).body(body).post("/api/tickets").then().statusCode(409)
                .body("detail", containsString("ticket #" + ticket + " is already open for"))
                .body("ticketId", equalTo((int) ticket)).body("fixAt", equalTo("/tickets/" + ticket));
        as(Tokens.TECH_TX).body("{\"minerId\":" + miner + ",\"symptom\":\"\",\"failedComponentIds\":[]}")
                .post("/api/tickets").then().statusCode(400).body("violations.field", hasItems("symptom", "failedComponentIds"));
        move(Tokens.ADMIN, ticket, "{\"to\":\"DIAGNOSING\"}").statusCode(200);
    }

    @Test
    void listFiltersBySiteStateVendorAndAge() {
        long ticket = RepairFixtures.openHashboardTicket("Filter me")[0];
        Map<String, Object> t = as(Tokens.ADMIN).get("/api/tickets/" + ticket).then().extract().path("ticket");
        long tx1 = ((Number) t.get("siteId")).longValue();
        String model = (String) t.get("model");
        // a Canaan machine's ticket, and one opened three days ago at the same site (written as the app writes it)
        long canaan = RepairFixtures.openTicketOnVendor(tx1, "CANAAN", "Filter me: Canaan");
        long old = RepairFixtures.cancelledTicketOpenedDaysAgo(tx1, 3, "Filter me: old");

        as(Tokens.MANAGER).queryParam("site", tx1).queryParam("state", "OPEN").queryParam("size", 500).get("/api/tickets")
                .then().statusCode(200).body("items.id", hasItem((int) ticket))
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) old)))
                .body("items.state", everyItemIs("OPEN")).body("items.site", everyItemIs("TX1"));
        as(Tokens.MANAGER).queryParam("site", tx1).queryParam("state", "CANCELLED").queryParam("size", 500)
                .get("/api/tickets").then().statusCode(200).body("items.id", hasItem((int) old))
                .body("items.id", org.hamcrest.Matchers.not(hasItem((int) ticket)))
                .body("items.state", everyItemIs("CANCELLED"));

        List<Map<String, Object>> aged = as(Tokens.MANAGER).queryParam("site", tx1).queryParam("minAgeDays", 2)
                .queryParam("size", 500).get("/api/tickets").then().statusCode(200).extract().jsonPath().getList("items");
        List<Long> agedIds = aged.stream().map(i -> ((Number) i.get("id")).longValue()).toList();
        assertTrue(agedIds.contains(old), "the three-day-old ticket is at least two days old: " + agedIds);
        assertTrue(!agedIds.contains(ticket) && !agedIds.contains(canaan), "today's tickets are not: " + agedIds);
        java.time.Instant twoDaysAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(2));
        for (Map<String, Object> i : aged) {
            assertTrue(!java.time.Instant.parse((String) i.get("openedAt")).isAfter(twoDaysAgo),
                    "every ticket listed was opened two days ago or earlier: " + i);
        }

        List<Map<String, Object>> byVendor = as(Tokens.MANAGER).queryParam("vendor", "CANAAN")
                .queryParam("size", 500).get("/api/tickets").then().statusCode(200).extract().jsonPath().getList("items");
        List<Long> vendorIds = byVendor.stream().map(i -> ((Number) i.get("id")).longValue()).toList();
        assertTrue(vendorIds.contains(canaan), "the Canaan ticket is listed: " + vendorIds);
        if (!model.equals("Avalon A1466")) {
            assertTrue(!vendorIds.contains(ticket), "the " + model + " ticket is not: " + vendorIds);
        }
        for (Map<String, Object> i : byVendor) {
            assertEquals("Avalon A1466", i.get("model"), "Canaan's only model");
        }
        as(Tokens.TECH_TX).queryParam("site", SiteIds.nd1()).get("/api/tickets").then().statusCode(403);
    }

    static final class SiteIds {
        static long nd1() {
            return app.rigtrail.fleet.SiteScopeTest.siteId("ND1");
        }
    }
}
