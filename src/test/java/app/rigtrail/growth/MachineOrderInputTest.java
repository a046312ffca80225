package app.rigtrail.growth;

import static app.rigtrail.growth.MachineOrderFixtures.as;
import static app.rigtrail.growth.MachineOrderFixtures.assertLedgerConsistent;
import static app.rigtrail.growth.MachineOrderFixtures.count;
import static app.rigtrail.growth.MachineOrderFixtures.model;
import static app.rigtrail.growth.MachineOrderFixtures.place;
import static app.rigtrail.growth.MachineOrderFixtures.post;
import static app.rigtrail.growth.MachineOrderFixtures.ship;
import static app.rigtrail.growth.MachineOrderFixtures.site;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.rigtrail.growth.domain.OrderLedger;
import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** What a clumsy client sends, retries, stale versions and two tablets at once. */
@QuarkusTest
class MachineOrderInputTest {

    @Test
    void badInputGetsProblemJsonNamingTheFieldsAndWritesNothing() {
        long before = count("select count(*) from machine_order");
        post(Tokens.LOGISTICS, "/api/machine-orders", "{}").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("modelId", "siteId", "quantity", "unitPriceCents", "quotedLeadDays"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "").statusCode(400).contentType("application/problem+json");
        post(Tokens.LOGISTICS, "/api/machine-orders", "{\"quantity\":\"two hundred\"}").statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("quantity"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "[1,2]").statusCode(400).contentType("application/problem+json");
        String good = "\"modelId\":" + model("S21") + ",\"siteId\":" + site("NY1") + ",\"unitPriceCents\":1000000,"
                + "\"quotedLeadDays\":42";
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":-5}").statusCode(400)
                .body("violations[0].field", equalTo("quantity"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"vendor\":\"MICROBT\"}")
                .statusCode(400).body("violations[0].field", equalTo("vendor"))
                .body("violations[0].message", containsString("made by BITMAIN"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"vendor\":\"ACME\"}")
                .statusCode(400).body("detail", containsString("ACME"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good.replace("\"modelId\":" + model("S21"),
                "\"modelId\":999999") + ",\"quantity\":10,\"siteId\":888888}").statusCode(400)
                .body("violations.field", hasItems("modelId"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"depositPaidCents\":10000001}")
                .statusCode(400).body("violations[0].field", equalTo("depositPaidCents"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"expectedShipOn\":\"2027-03-01\","
                + "\"expectedArrivalOn\":\"2027-02-01\"}").statusCode(400)
                .body("violations[0].field", equalTo("expectedArrivalOn"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"orderedOn\":\"01/12/2026\"}")
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("orderedOn"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"orderedOn\":\"2999-01-01\"}")
                .statusCode(400).body("violations[0].field", equalTo("orderedOn"));
        post(Tokens.LOGISTICS, "/api/machine-orders", "{" + good + ",\"quantity\":10,\"quotedLeadDays\":100000}")
                .statusCode(400).body("violations[0].field", equalTo("quotedLeadDays"));
        assertEquals(before, count("select count(*) from machine_order"), "nothing half-written");

        as(Tokens.LOGISTICS).get("/api/machine-orders/987654").then().statusCode(404).contentType("application/problem+json");
        as(Tokens.LOGISTICS).queryParam("state", "SHIPPING").get("/api/machine-orders").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("PLACED"));
        as(Tokens.LOGISTICS).queryParam("vendor", "ACME").queryParam("site", "NOPE").get("/api/machine-orders").then()
                .statusCode(400).body("violations.field", hasItems("vendor", "site"));
        as(Tokens.LOGISTICS).queryParam("size", 0).get("/api/machine-orders").then().statusCode(400);

        long order = place(Tokens.LOGISTICS, "S21", "NY1", 10, 1_000_000, null);
        String base = "/api/machine-orders/" + order;
        post(Tokens.LOGISTICS, base + "/delays", "{\"reason\":\"\"}").statusCode(400).body("violations.field", hasItem("reason"));
        post(Tokens.LOGISTICS, base + "/delays", "{\"reason\":\"late\"}").statusCode(400)
                .body("violations[0].field", equalTo("expectedShipOn"));
        post(Tokens.LOGISTICS, base + "/delays", "{\"reason\":\"late\",\"expectedShipOn\":\"2001-01-01\"}").statusCode(400);
        post(Tokens.LOGISTICS, base + "/delays", "{\"reason\":\"late\",\"deliveryId\":424242,\"expectedArrivalOn\":"
                + "\"2027-06-01\"}").statusCode(404);
        post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":0,\"carrier\":\"\"}").statusCode(400)
                .body("violations.field", hasItems("quantity", "carrier"));
        post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":2,\"carrier\":\"DHL\",\"shippedOn\":\"2999-01-01\"}")
                .statusCode(400).body("violations[0].field", equalTo("shippedOn"));
        long d = post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":2,\"carrier\":\"DHL\",\"shippedOn\":\""
                + MachineOrderFixtures.today("America/New_York") + "\"}").statusCode(201).extract().jsonPath().getLong("id");
        long s = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath().getLong("deliveries[0].shipmentId");
        ship(s, "{\"to\":\"DELIVERED\"}").statusCode(200);
        as(Tokens.LOGISTICS).contentType("text/csv").body("not,a,list\n1,2,3\n")
                .post(base + "/deliveries/" + d + "/receipts").then().statusCode(400)
                .body("violations[0].message", containsString("serial"));
        as(Tokens.LOGISTICS).contentType("text/csv").body("serial\nA-0001\nA-0002\nA-0003\n")
                .post(base + "/deliveries/" + d + "/receipts").then().statusCode(400)
                .body("violations[0].message", containsString("has 2 to receive"));
        as(Tokens.LOGISTICS).contentType("text/csv").body("serial,hashboards\nNY-0001,B1;B2\nNY-0002,\n")
                .post(base + "/deliveries/" + d + "/receipts").then().statusCode(400)
                .body("violations[0].field", equalTo("line 2: hashboards"));
        String existing = as(Tokens.ADMIN).get("/api/miners").then().extract().path("items[0].serial");
        as(Tokens.LOGISTICS).contentType("text/csv").body("serial\n" + existing + "\nNY-0003\n")
                .post(base + "/deliveries/" + d + "/receipts").then().statusCode(400)
                .body("violations[0].message", containsString("already exists"));
        as(Tokens.LOGISTICS).contentType("application/xml").body("<x/>").post(base + "/deliveries/" + d + "/receipts")
                .then().statusCode(415).contentType("application/problem+json");
        post(Tokens.LOGISTICS, base + "/deliveries/" + d + "/receipts", "{\"quantity\":-1}").statusCode(400);
        // one receipt is one transaction: a thousand machines at most (a bigger delivery is received in parts)
        long big = place(Tokens.LOGISTICS, "S19", "NY1", 1001, 100_000, null);
        long bd = post(Tokens.LOGISTICS, "/api/machine-orders/" + big + "/deliveries", "{\"quantity\":1001,\"carrier\":"
                + "\"x\",\"shippedOn\":\"" + MachineOrderFixtures.today("America/New_York") + "\"}").statusCode(201)
                .extract().jsonPath().getLong("shipmentId");
        ship(bd, "{\"to\":\"DELIVERED\"}").statusCode(200);
        long bdId = as(Tokens.LOGISTICS).get("/api/machine-orders/" + big).then().extract().jsonPath()
                .getLong("deliveries[0].id");
        post(Tokens.LOGISTICS, "/api/machine-orders/" + big + "/deliveries/" + bdId + "/receipts", "{\"quantity\":1001}")
                .statusCode(400).body("violations[0].message", containsString("at most 1000"));
        post(Tokens.LOGISTICS, base + "/deliveries/" + d + "/receipts", "{}").statusCode(201);
        List<String> serials = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath()
                .getList("awaitingCommissioning.serial");
        post(Tokens.LOGISTICS, base + "/commissions", "{}").statusCode(400).body("violations[0].field", equalTo("items"));
        post(Tokens.LOGISTICS, base + "/commissions", "{\"count\":1,\"items\":[{\"serial\":\"x\",\"position\":\"1/1/1/1\"}]}")
                .statusCode(400).body("violations[0].field", equalTo("count"));
        post(Tokens.LOGISTICS, base + "/commissions", "{\"count\":2}").statusCode(400)
                .body("violations[0].field", equalTo("startAt"));
        post(Tokens.LOGISTICS, base + "/commissions", "{\"count\":2,\"startAt\":\"up there\"}").statusCode(400)
                .body("violations[0].field", equalTo("startAt"));
        post(Tokens.LOGISTICS, base + "/commissions", "{\"count\":2,\"startAt\":\"9/1/1/1\"}").statusCode(400)
                .body("violations[0].message", containsString("outside"));
        // the first demo machine's position is taken; a position outside the racks; a machine of another order
        String taken = "1/1/1/1";
        post(Tokens.LOGISTICS, base + "/commissions", "{\"items\":[{\"serial\":\"" + serials.get(0) + "\",\"position\":\""
                + taken + "\"},{\"serial\":\"" + serials.get(1) + "\",\"position\":\"1/99/1/1\"},{\"serial\":\"" + existing
                + "\",\"position\":\"1/8/1/1\"},{\"position\":\"1/8/1/2\"},{\"serial\":\"" + serials.get(0)
                + "\",\"position\":\"abc\"}]}").statusCode(400)
                .body("violations.field", hasItems("items[0].position", "items[1].position", "items[2]", "items[3]",
                        "items[4]", "items[4].position"));
        assertEquals(2, count("select count(*) from miner m join machine_unit u on u.miner_id = m.id where "
                + "u.order_id = ?1 and m.status = 'RECEIVED'", order), "nothing commissioned");
        post(Tokens.LOGISTICS, base + "/commissions", "{\"items\":[{\"serial\":\"" + serials.get(0) + "\",\"position\":\""
                + "1/8/1/1\"}]}").statusCode(200);
        post(Tokens.LOGISTICS, base + "/commissions", "{\"items\":[{\"serial\":\"" + serials.get(0) + "\",\"position\":\""
                + "1/8/1/2\"}]}").statusCode(400).body("violations[0].message", containsString("already commissioned"));
        post(Tokens.LOGISTICS, base + "/commissions", "{\"items\":[{\"serial\":\"" + serials.get(1) + "\",\"position\":\""
                + "B1-R08-K01-S01\"}]}").statusCode(400).body("violations[0].message", containsString("taken"));
        assertLedgerConsistent(order);
    }

    @Test
    void theOpenApiDescriptionHasTheListContractFiltersAndCsv() {
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/machine-orders'.get.parameters.name", hasItems("vendor", "site", "state", "page",
                        "size", "format"))
                .body("paths.'/api/machine-orders'.get.responses.'200'.content.keySet()", hasItems("application/json",
                        "text/csv"))
                .body("components.schemas.OrderPage.properties.keySet()", hasItems("items", "total"))
                .body("paths.'/api/machine-orders/{id}/deliveries/{deliveryId}/receipts'.post.requestBody.content"
                        + ".keySet()", hasItems("application/json", "text/csv"))
                .body("paths.'/api/machine-orders/{id}/commissions'.post.summary", containsString("rack positions"))
                .body("paths.'/api/capacity-plan/progress'.get.summary", containsString("against the plan"));
    }

    @Test
    void aRetriedRequestWithTheSameKeyPlacesOneOrderAndAStaleVersionIsRefused() {
        String body = "{\"modelId\":" + model("S21 Pro") + ",\"siteId\":" + site("NY1") + ",\"quantity\":12,"
                + "\"unitPriceCents\":2300000,\"quotedLeadDays\":60}";
        String key = "order-" + System.nanoTime();
        long before = count("select count(*) from machine_order");
        long id = as(Tokens.LOGISTICS).header("Idempotency-Key", key).body(body).post("/api/machine-orders").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        as(Tokens.LOGISTICS).header("Idempotency-Key", key).body(body).post("/api/machine-orders").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) id));
        as(Tokens.LOGISTICS).header("Idempotency-Key", key).body(body.replace("12", "13")).post("/api/machine-orders")
                .then().statusCode(422);
        assertEquals(before + 1, count("select count(*) from machine_order"));
        // a retried cancellation cancels once
        String cancel = "{\"quantity\":2,\"reason\":\"fewer racks\"}";
        String ckey = "cancel-" + System.nanoTime();
        for (int i = 0; i < 2; i++) {
            as(Tokens.LOGISTICS).header("Idempotency-Key", ckey).body(cancel).post("/api/machine-orders/" + id
                    + "/cancellations").then().statusCode(200).body("units.cancelled", equalTo(2));
        }
        // an edit names the version it was based on
        int version = as(Tokens.LOGISTICS).get("/api/machine-orders/" + id).then().extract().path("order.version");
        as(Tokens.LOGISTICS).body("{\"version\":" + version + ",\"depositPaidCents\":690000,\"reason\":\"wire sent\"}")
                .put("/api/machine-orders/" + id).then().statusCode(200).body("depositPaidCents", equalTo(690000));
        as(Tokens.LOGISTICS).body("{\"version\":" + version + ",\"depositPaidCents\":1}").put("/api/machine-orders/" + id)
                .then().statusCode(409).contentType("application/problem+json");
        as(Tokens.LOGISTICS).body("{\"depositPaidCents\":1}").put("/api/machine-orders/" + id).then().statusCode(400)
                .body("violations[0].field", equalTo("version"));
        as(Tokens.LOGISTICS).get("/api/machine-orders/" + id).then()
                .body("events.find { it.action == 'EDITED' }.change", equalTo("deposit paid $0.00 → $6,900.00"))
                .body("events.find { it.action == 'EDITED' }.reason", equalTo("wire sent"));
        assertLedgerConsistent(id);
    }

    /** Two tablets receive the same delivery at once: one wins, the other is told, and nothing is doubled. */
    @Test
    void twoConcurrentReceiptsOfOneDeliveryReceiveItOnce() throws Exception {
        long order = place(Tokens.LOGISTICS, "S19 XP", "NY1", 8, 500_000, null);
        String base = "/api/machine-orders/" + order;
        long d = post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":8,\"carrier\":\"UPS\",\"shippedOn\":\""
                + MachineOrderFixtures.today("America/New_York") + "\"}").statusCode(201).extract().jsonPath().getLong("id");
        long s = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath().getLong("deliveries[0].shipmentId");
        ship(s, "{\"to\":\"DELIVERED\"}").statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<Integer> receive = () -> {
                start.await();
                return as(Tokens.LOGISTICS).body("{}").post(base + "/deliveries/" + d + "/receipts").then().extract()
                        .statusCode();
            };
            answers.add(pool.submit(receive));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        codes.sort(null);
        assertEquals(List.of(201, 409), codes, "one receives, the other learns there is nothing left");
        OrderLedger l = assertLedgerConsistent(order);
        assertEquals(8, l.awaitingCommissioning());
        assertEquals(8, count("select count(*) from machine_unit where order_id = ?1", order));
    }

    @Test
    void listsFilterByVendorSiteAndStateAndExportAsCsv() {
        long microbt = place(Tokens.LOGISTICS, "Whatsminer M60S", "AB1", 30, 1_300_000, null);
        long canaan = place(Tokens.LOGISTICS, "Avalon A1466", "AB1", 20, 800_000, null);
        as(Tokens.LOGISTICS).body("{\"reason\":\"switched vendor\"}").post("/api/machine-orders/" + canaan
                + "/cancellations").then().statusCode(200).body("state", equalTo("CANCELLED"));
        as(Tokens.MANAGER).queryParam("vendor", "microbt").queryParam("size", 500).get("/api/machine-orders").then()
                .statusCode(200).body("items.vendor", everyItem(equalTo("MICROBT"))).body("items.id", hasItem((int) microbt));
        as(Tokens.MANAGER).queryParam("site", "AB1").queryParam("state", "PLACED").queryParam("state", "IN_DELIVERY")
                .queryParam("size", 500).get("/api/machine-orders").then().statusCode(200)
                .body("items.site", everyItem(equalTo("AB1"))).body("items.state", everyItem(in(List.of("PLACED",
                        "IN_DELIVERY")))).body("items.id", hasItem((int) microbt)).body("items.id", not(hasItem((int) canaan)));
        as(Tokens.MANAGER).queryParam("site", String.valueOf(site("AB1"))).queryParam("state", "cancelled")
                .get("/api/machine-orders").then().statusCode(200).body("items.id", hasItem((int) canaan))
                .body("items.stateLabel", everyItem(equalTo("Cancelled")));
        int total = as(Tokens.MANAGER).queryParam("site", "AB1").get("/api/machine-orders").then().extract().path("total");
        String csv = as(Tokens.MANAGER).queryParam("site", "AB1").queryParam("format", "csv").get("/api/machine-orders")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("machine-orders.csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("Order,Vendor,Model,Site,State,Ordered,Cancelled,On order,On the way,"
                + "In customs,Awaiting commissioning,Commissioned,Lost,Unit price (USD)"), lines.get(0));
        assertEquals(total + 1, lines.size());
        assertTrue(csv.contains("MO-" + canaan + ",CANAAN,Avalon A1466,AB1,Cancelled,20,20,0,0,0,0,0,0,8000.00,0.00,"),
                csv);
        assertTrue(csv.contains("MO-" + microbt + ",MICROBT,Whatsminer M60S,AB1,Placed,30,0,30,"), csv);
        String viaAccept = as(Tokens.MANAGER).header("Accept", "text/csv").queryParam("site", "AB1")
                .get("/api/machine-orders").then().statusCode(200).extract().asString();
        assertEquals(csv, viaAccept);
        LocalDate.parse(as(Tokens.MANAGER).get("/api/machine-orders/" + microbt).then().extract()
                .path("order.expectedArrivalOn"));
    }
}
