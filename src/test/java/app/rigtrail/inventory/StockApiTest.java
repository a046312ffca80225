package app.rigtrail.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import app.rigtrail.repair.RepairFixturesAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class StockApiTest {

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    static long location(String code) {
        return as(Tokens.ADMIN).get("/api/stock/locations").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.code == '" + code + "' }.id");
    }

    /** A new part of our own, so that its counts are this test's alone. */
    static long newPart() {
        return as(Tokens.ADMIN).body("{\"partNumber\":\"T-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"FAN\",\"description\":\"test fan\",\"vendor\":\"OTHER\",\"unitCostCents\":1000,"
                + "\"serialized\":false}").post("/api/parts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static int onHand(long location, long part) {
        return as(Tokens.ADMIN).queryParam("location", location).queryParam("part", part).get("/api/stock/ledger")
                .then().statusCode(200).extract().path("onHand");
    }

    static ValidatableResponse adjust(String user, long location, long part, int delta) {
        return as(user).body("{\"locationId\":" + location + ",\"partId\":" + part + ",\"delta\":" + delta
                + ",\"reason\":\"count\"}").post("/api/stock/adjustments").then();
    }

    @Test
    void everyLevelIsExplainedByItsLedger() {
        List<Map<String, Object>> levels = as(Tokens.LOGISTICS).get("/api/stock").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertTrue(levels.size() > 20);
        int checked = 0;
        for (Map<String, Object> l : levels) {
            if (((Number) l.get("onHand")).intValue() == 0 && checked > 5) {
                continue;
            }
            as(Tokens.LOGISTICS).queryParam("location", l.get("locationId")).queryParam("part", l.get("partId"))
                    .get("/api/stock/ledger").then().statusCode(200)
                    .body("ledgerBalance", equalTo(((Number) l.get("onHand")).intValue()));
            checked++;
        }
    }

    @Test
    void transfersMoveStockAndNegativeStockIsRefused() {
        long store = location("AR1-STORE");
        long lab = location("AR1-LAB");
        long part = newPart();
        as(Tokens.LOGISTICS).body("{\"locationId\":" + store + ",\"partId\":" + part + ",\"quantity\":5}")
                .post("/api/stock/receipts").then().statusCode(201).body("balanceAfter", equalTo(5));
        as(Tokens.LOGISTICS).body("{\"fromLocationId\":" + store + ",\"toLocationId\":" + lab + ",\"partId\":" + part
                + ",\"quantity\":2,\"reason\":\"to the bench\"}").post("/api/stock/transfers").then().statusCode(201);
        assertEquals(3, onHand(store, part));
        assertEquals(2, onHand(lab, part));
        as(Tokens.LOGISTICS).body("{\"fromLocationId\":" + store + ",\"toLocationId\":" + lab + ",\"partId\":" + part
                + ",\"quantity\":4}").post("/api/stock/transfers").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("3 on hand")).body("onHand", equalTo(3));
        adjust(Tokens.LOGISTICS, store, part, -10).statusCode(409);
        adjust(Tokens.LOGISTICS, store, part, -1).statusCode(201);
        as(Tokens.LOGISTICS).body("{\"locationId\":" + store + ",\"partId\":" + part + ",\"delta\":-1}")
                .post("/api/stock/adjustments").then().statusCode(400).body("violations[0].field", equalTo("reason"));
        assertEquals(2, onHand(store, part));
        as(Tokens.LOGISTICS).queryParam("location", store).queryParam("part", part).get("/api/stock/ledger").then()
                .body("movements.kind", equalTo(List.of("RECEIPT", "TRANSFER", "ADJUSTMENT")))
                .body("ledgerBalance", equalTo(2));
    }

    @Test
    void concurrentIssuesOfTheLastUnitExactlyOneWins() throws Exception {
        long store = location("NY1-STORE");
        long part = newPart();
        for (int round = 0; round < 3; round++) {
            adjust(Tokens.LOGISTICS, store, part, 1).statusCode(201);
            String token = Tokens.bearer(Tokens.LOGISTICS);
            List<Integer> statuses = app.rigtrail.repair.RepairConcurrencyTestAccess.together(4, () -> given()
                    .header("Authorization", token).contentType("application/json")
                    .body("{\"locationId\":" + store + ",\"partId\":" + part + ",\"delta\":-1,\"reason\":\"issue\"}")
                    .post("/api/stock/adjustments").statusCode());
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(0, onHand(store, part));
        }
    }

    @Test
    void aSwapIssuesTheSpareFromTheStoreLedger() {
        long miner = RepairFixturesAccess.freshMiner("TX2");
        long component = RepairFixturesAccess.componentOf(miner, "HASHBOARD");
        long ticket = as(Tokens.TECH_TX).body("{\"minerId\":" + miner + ",\"symptom\":\"dead\",\"failedComponentIds\":["
                + component + "]}").post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        as(Tokens.TECH_TX).body("{\"to\":\"DIAGNOSING\"}").post("/api/tickets/" + ticket + "/transitions").then().statusCode(200);
        String spare = as(Tokens.TECH_TX).get("/api/tickets/" + ticket + "/spares").then().extract().path("[0].serial");
        long part = as(Tokens.ADMIN).queryParam("q", spare).get("/api/components").then().extract().jsonPath()
                .getLong("items[0].id");
        String partNumber = as(Tokens.ADMIN).get("/api/components/" + part).then().extract().path("component.partNumber");
        long partId = as(Tokens.ADMIN).queryParam("q", partNumber).get("/api/parts").then().extract().jsonPath()
                .getLong("items[0].id");
        long store = location("TX2-STORE");
        int before = onHand(store, partId);
        as(Tokens.TECH_TX).body("{\"to\":\"RESOLVED\",\"route\":\"SWAP\",\"diagnosis\":\"dead\",\"spareSerial\":\"" + spare + "\"}")
                .post("/api/tickets/" + ticket + "/transitions").then().statusCode(200);
        assertEquals(before - 1, onHand(store, partId));
        as(Tokens.TECH_TX).queryParam("location", store).queryParam("part", partId).get("/api/stock/ledger").then()
                .statusCode(200).body("movements.ticketId", hasItem((int) ticket))
                .body("ledgerBalance", equalTo(before - 1));
    }

    @Test
    void aPurchaseOrderIsOnOrderUntilItsShipmentIsReceived() {
        long store = location("OK1-STORE");
        long part = newPart();
        var po = as(Tokens.LOGISTICS).body("{\"partId\":" + part + ",\"locationId\":" + store + ",\"quantity\":12,"
                + "\"quotedLeadDays\":30}").post("/api/purchase-orders").then().statusCode(201)
                .body("state", equalTo("OPEN")).extract().jsonPath();
        long shipment = po.getLong("shipmentId");
        List<Map<String, Object>> levels = as(Tokens.LOGISTICS).queryParam("location", store).get("/api/stock").then()
                .extract().jsonPath().getList("findAll { it.partId == " + part + " }");
        assertEquals(12, ((Number) levels.get(0).get("onOrder")).intValue());
        for (String to : new String[] {"READY", "IN_TRANSIT", "DELIVERED", "RECEIVED"}) {
            as(Tokens.LOGISTICS).body("{\"to\":\"" + to + "\"}").post("/api/shipments/" + shipment + "/transitions")
                    .then().statusCode(200);
            if (to.equals("IN_TRANSIT")) {
                as(Tokens.LOGISTICS).queryParam("location", store).get("/api/stock").then()
                        .body("find { it.partId == " + part + " }.onOrder", equalTo(0))
                        .body("find { it.partId == " + part + " }.inTransit", equalTo(12))
                        .body("find { it.partId == " + part + " }.position", equalTo(12));
            }
        }
        assertEquals(12, onHand(store, part));
        as(Tokens.LOGISTICS).queryParam("location", store).get("/api/stock").then()
                .body("find { it.partId == " + part + " }.onOrder", equalTo(0))
                .body("find { it.partId == " + part + " }.inTransit", equalTo(0));
        as(Tokens.LOGISTICS).get("/api/purchase-orders").then().body("find { it.id == " + po.getLong("id") + " }.state",
                equalTo("RECEIVED"));
    }

    @Test
    void reorderLevelsRiseWhenCustomsDwellGrows() {
        long store = location("TX1-STORE");
        long part = as(Tokens.ADMIN).queryParam("q", "BM-APW17").get("/api/parts").then().extract().jsonPath()
                .getLong("items[0].id");
        Map<String, Object> before = level(store, part);
        long hou = as(Tokens.ADMIN).queryParam("q", "HOU").get("/api/ports").then().extract().jsonPath().getLong("items[0].id");
        long site = app.rigtrail.fleet.SiteScopeTest.siteId("TX1");
        for (int i = 0; i < 25; i++) {
            long s = as(Tokens.LOGISTICS).body("{\"kind\":\"SPARES_PURCHASE\",\"carrier\":\"sea\",\"siteId\":" + site
                    + ",\"portId\":" + hou + ",\"items\":[{\"partId\":" + part + ",\"quantity\":10}]}")
                    .post("/api/shipments").then().statusCode(201).extract().jsonPath().getLong("id");
            for (String to : new String[] {"READY", "IN_TRANSIT", "AT_PORT"}) {
                as(Tokens.LOGISTICS).body("{\"to\":\"" + to + "\"}").post("/api/shipments/" + s + "/transitions")
                        .then().statusCode(200);
            }
            as(Tokens.LOGISTICS).body("{\"to\":\"HELD\",\"hold\":{\"entryNumber\":\"E-LONG-" + i + "\",\"kind\":"
                    + "\"OTHER_AGENCY\",\"presentedOn\":\"" + java.time.LocalDate.now().minusDays(200 + i) + "\"}}")
                    .post("/api/shipments/" + s + "/transitions").then().statusCode(200);
        }
        Map<String, Object> after = level(store, part);
        double leadBefore = ((Number) before.get("leadTimeDays")).doubleValue();
        double leadAfter = ((Number) after.get("leadTimeDays")).doubleValue();
        assertTrue(leadAfter > leadBefore + 5, leadBefore + " -> " + leadAfter);
        assertTrue(((Number) after.get("orderUpTo")).intValue() >= ((Number) before.get("orderUpTo")).intValue(), before + " -> " + after);
        assertTrue(((Number) after.get("orderUpTo")).intValue() > 0, before + " -> " + after);
    }

    /** Installs {@code n} components of the part into the site's newest hashing miner, straight in the database. */
    static void installDirectly(String site, long part, int n, int firstSlot) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            jakarta.persistence.EntityManager em = io.quarkus.arc.Arc.container()
                    .instance(jakarta.persistence.EntityManager.class).get();
            Number miner = (Number) em.createNativeQuery("select m.id from miner m join site s on s.id = m.site_id "
                    + "where s.code = ?1 and m.status = 'HASHING' order by m.id desc limit 1").setParameter(1, site)
                    .getSingleResult();
            for (int i = 0; i < n; i++) {
                em.createNativeQuery("insert into component (serial, part_id, kind, location_kind, miner_id, slot_index, "
                        + "site_id) select ?1, ?2, 'FAN', 'INSTALLED', m.id, ?3, m.site_id from miner m where m.id = ?4")
                        .setParameter(1, "T-IB-" + UUID.randomUUID()).setParameter(2, part).setParameter(3, firstSlot + i)
                        .setParameter(4, miner.longValue()).executeUpdate();
            }
        });
    }

    @Test
    void theInstalledBaseIsCountedAgainWhenComponentsArrive() {
        // a part nobody issues: its demand is the installed base times the failure rate (5% a year)
        long store = location("ND1-STORE");
        long part = newPart();
        assertEquals(null, level(store, part), "no stock and nothing installed: no level");
        installDirectly("ND1", part, 10, 100);
        assertEquals(0.5, ((Number) level(store, part).get("demandPerYear")).doubleValue(), 1e-9);
        // the count is remembered, but not past a change of the components
        installDirectly("ND1", part, 10, 110);
        assertEquals(1.0, ((Number) level(store, part).get("demandPerYear")).doubleValue(), 1e-9);
    }

    static Map<String, Object> level(long location, long part) {
        return as(Tokens.LOGISTICS).queryParam("location", location).get("/api/stock").then().statusCode(200).extract()
                .jsonPath().getMap("find { it.partId == " + part + " }");
    }

    @Test
    void theDatabaseRefusesToRewriteTheLedger() {
        for (String sql : new String[] {"update stock_movement set quantity = 99", "delete from stock_movement"}) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () ->
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> io.quarkus.arc.Arc.container()
                            .instance(jakarta.persistence.EntityManager.class).get().createNativeQuery(sql).executeUpdate()));
            assertTrue(app.rigtrail.fleet.MasterDataApiTest.refusedAsHistory(e), sql);
        }
    }

    @Test
    void rolesOnStock() {
        long store = location("TX1-STORE");
        long nd = location("ND1-STORE");
        long part = newPart();
        adjust(Tokens.TECH_TX, store, part, 1).statusCode(403);
        adjust(Tokens.MANAGER, store, part, 1).statusCode(403);
        as(Tokens.TECH_TX).get("/api/stock").then().statusCode(200)
                .body("siteId", everyItem(org.hamcrest.Matchers.in(List.of(
                        (int) app.rigtrail.fleet.SiteScopeTest.siteId("TX1"), (int) app.rigtrail.fleet.SiteScopeTest.siteId("TX2")))));
        as(Tokens.TECH_TX).queryParam("location", nd).get("/api/stock").then().statusCode(403);
        as(Tokens.TECH_TX).queryParam("location", nd).queryParam("part", part).get("/api/stock/ledger").then().statusCode(403);
        as(Tokens.TECH_TX).body("{\"partId\":" + part + ",\"locationId\":" + store + ",\"quantity\":1}")
                .post("/api/purchase-orders").then().statusCode(403);
    }
}
