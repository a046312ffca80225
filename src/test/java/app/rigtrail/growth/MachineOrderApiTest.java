package app.rigtrail.growth;

import static app.rigtrail.growth.MachineOrderFixtures.as;
import static app.rigtrail.growth.MachineOrderFixtures.assertLedgerConsistent;
import static app.rigtrail.growth.MachineOrderFixtures.count;
import static app.rigtrail.growth.MachineOrderFixtures.place;
import static app.rigtrail.growth.MachineOrderFixtures.post;
import static app.rigtrail.growth.MachineOrderFixtures.ship;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.growth.domain.OrderLedger;
import app.rigtrail.platform.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Logistics tracks machine orders from the purchase to hashing: deliveries through a port and
 * customs, the machines received into the registry and commissioned at rack positions; partial
 * deliveries, delays, cancellations and losses leave the order's ledger consistent.
 */
@QuarkusTest
class MachineOrderApiTest {

    /**
     * Issue #15, item 5: a hand-built order of 200 S21 held in customs for 10 days past its last free day
     * gives the exact fees; then it is released, delivered, received (150 from the vendor's list, 50 with
     * generated serials) and commissioned: 200 machines hashing at OK1.
     */
    @Test
    void a200UnitOrderGoesFromOrderThroughACustomsHoldToHashing() {
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);
        LocalDate today = MachineOrderFixtures.today("America/Chicago");
        long hou = MachineOrderFixtures.port("HOU");
        double installedBefore = as(Tokens.MANAGER).queryParam("site", "OK1").get("/api/availability").then()
                .statusCode(200).extract().jsonPath().getDouble("now.unitsInstalled");
        long order = place(Tokens.LOGISTICS, "S21", "OK1", 200, 1_950_000, "\"vendor\":\"BITMAIN\","
                + "\"depositPaidCents\":117000000,\"portId\":" + hou + ",\"vendorReference\":\"BM-PO-2026-118\",\"orderedOn\":\""
                + today.minusDays(70) + "\"");
        as(Tokens.LOGISTICS).get("/api/machine-orders/" + order).then().statusCode(200)
                .body("order.state", equalTo("PLACED")).body("order.stateLabel", equalTo("Placed"))
                .body("order.units.onOrder", equalTo(200)).body("order.totalCents", equalTo(390_000_000))
                .body("order.balanceCents", equalTo(273_000_000))
                .body("order.expectedShipOn", equalTo(today.minusDays(28).toString()))
                .body("order.expectedArrivalOn", equalTo(today.minusDays(14).toString()))
                .body("order.thsLeftToDeliver", equalTo(40_000.0f)).body("order.port", equalTo("HOU"))
                .body("events[0].action", equalTo("PLACED"));

        JsonPath delivery = post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/deliveries",
                "{\"quantity\":200,\"carrier\":\"Maersk\",\"trackingNumber\":\"MSKU7712\",\"shippedOn\":\""
                        + today.minusDays(20) + "\"}").statusCode(201).body("shipmentState", equalTo("IN_TRANSIT"))
                .body("port", equalTo("HOU")).body("number", equalTo(1)).extract().jsonPath();
        long deliveryId = delivery.getLong("id");
        long shipment = delivery.getLong("shipmentId");
        as(Tokens.LOGISTICS).get("/api/shipments/" + shipment).then().statusCode(200)
                .body("shipment.kind", equalTo("NEW_MACHINES")).body("shipment.items[0].kind", equalTo("MACHINE_LOT"))
                .body("shipment.items[0].quantity", equalTo(200)).body("shipment.items[0].model", equalTo("BITMAIN S21"));
        ship(shipment, "{\"to\":\"AT_PORT\"}").statusCode(200);
        // receiving before it is delivered to the site is refused
        post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/deliveries/" + deliveryId + "/receipts", "{}")
                .statusCode(409).body("shipmentState", equalTo("AT_PORT"));

        // held at Houston for another agency: presented 14 days ago, last free day 10 days ago, $3,300 a day
        long perDay = 330_000;
        LocalDate lastFree = utc.minusDays(10);
        ship(shipment, "{\"to\":\"HELD\",\"note\":\"FCC review\",\"hold\":{\"entryNumber\":\"HOU-88121\",\"kind\":"
                + "\"OTHER_AGENCY\",\"presentedOn\":\"" + utc.minusDays(14) + "\",\"lastFreeDay\":\"" + lastFree
                + "\",\"storageFeeCentsPerDay\":" + perDay + ",\"htsCode\":\"8471.50.0150\"}}").statusCode(200);
        // the fee, counted day by day: every day after the last free day up to today
        long feeDays = 0;
        for (LocalDate d = lastFree.plusDays(1); !d.isAfter(utc); d = d.plusDays(1)) {
            feeDays++;
        }
        assertEquals(10, feeDays);
        long fees = feeDays * perDay;
        assertEquals(3_300_000, fees, "$33,000 for 10 days at $3,300");
        JsonPath held = as(Tokens.LOGISTICS).get("/api/machine-orders/" + order).then().statusCode(200)
                .body("order.units.inCustoms", equalTo(200)).body("order.units.onTheWay", equalTo(200))
                .body("deliveries[0].shipmentState", equalTo("HELD"))
                .body("deliveries[0].hold.ageDays", equalTo(14))
                .body("deliveries[0].hold.pastLastFreeDay", equalTo(true)).extract().jsonPath();
        assertEquals(fees, held.getLong("deliveries[0].hold.feesSoFarCents"));
        assertEquals(fees / 200, held.getLong("deliveries[0].hold.feesPerUnitCents"), "$165 a machine");
        long hold = held.getLong("deliveries[0].hold.id");
        as(Tokens.LOGISTICS).get("/api/holds/" + hold).then().statusCode(200).body("units", equalTo(200))
                .body("hashrateThs", equalTo(40_000.0f)).body("vendor", equalTo("BITMAIN"))
                .body("feesSoFarCents", equalTo((int) fees));
        as(Tokens.LOGISTICS).body("{\"outcome\":\"RELEASED\",\"decidedOn\":\"" + utc + "\"}")
                .post("/api/holds/" + hold + "/decision").then().statusCode(200);
        as(Tokens.LOGISTICS).get("/api/machine-orders/" + order).then()
                .body("deliveries[0].hold.feesSoFarCents", equalTo((int) fees)).body("order.units.inCustoms", equalTo(0))
                .body("deliveries[0].shipmentState", equalTo("CLEARED"));
        ship(shipment, "{\"to\":\"DELIVERED\"}").statusCode(200);
        // closing the shipment with the machines not in the registry is refused, and nothing moves
        ship(shipment, "{\"to\":\"RECEIVED\"}").statusCode(409).body("detail", containsString("still has 200 machines"));
        as(Tokens.LOGISTICS).get("/api/shipments/" + shipment).then().body("shipment.state", equalTo("DELIVERED"));

        // the vendor's list: 150 machines; one bad line refuses the whole file
        StringBuilder list = new StringBuilder("serial,mac,psus\n");
        for (int i = 1; i <= 150; i++) {
            list.append(String.format("S21OK1%05d,02:15:00:00:%02x:%02x,APW-%05d\n", order * 1000 + i, i / 256, i % 256,
                    order * 1000 + i));
        }
        String bad = list.toString().replace("02:15:00:00:00:07", "02:15:zz");
        long miners = count("select count(*) from miner");
        as(Tokens.LOGISTICS).contentType("text/csv").body(bad)
                .post("/api/machine-orders/" + order + "/deliveries/" + deliveryId + "/receipts").then().statusCode(400)
                .body("detail", containsString("nothing was received"))
                .body("violations.field", hasItem("line 8: mac"));
        assertEquals(miners, count("select count(*) from miner"), "all or nothing");
        as(Tokens.LOGISTICS).contentType("text/csv").body(list.toString())
                .post("/api/machine-orders/" + order + "/deliveries/" + deliveryId + "/receipts").then().statusCode(201)
                .body("received", equalTo(150)).body("components", equalTo(150 * 9))
                .body("order.units.awaitingCommissioning", equalTo(150)).body("order.units.onTheWay", equalTo(50));
        post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/deliveries/" + deliveryId + "/receipts",
                "{\"quantity\":51}").statusCode(400).body("violations[0].field", equalTo("quantity"));
        post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/deliveries/" + deliveryId + "/receipts", "{}")
                .statusCode(201).body("received", equalTo(50))
                .body("serials[0]", equalTo("MO" + order + "-D1-0151"))
                .body("order.state", equalTo("DELIVERED"));
        as(Tokens.LOGISTICS).get("/api/shipments/" + shipment).then().body("shipment.state", equalTo("RECEIVED"));
        long waiting = as(Tokens.ADMIN).queryParam("q", "S21OK1" + String.format("%05d", order * 1000 + 1))
                .get("/api/miners").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        as(Tokens.ADMIN).get("/api/miners/" + waiting).then().body("miner.status", equalTo("RECEIVED"))
                .body("miner.position", nullValue()).body("components.kind", hasItems("HASHBOARD", "FAN", "PSU",
                        "CONTROL_BOARD")).body("components.size()", equalTo(9))
                .body("components.find { it.kind == 'PSU' }.serial", equalTo("APW-" + String.format("%05d", order * 1000 + 1)));
        // a machine waiting to be commissioned is not installed: availability has not moved
        assertEquals(installedBefore, as(Tokens.MANAGER).queryParam("site", "OK1").get("/api/availability").then()
                .extract().jsonPath().getDouble("now.unitsInstalled"), 1e-9);
        long board = as(Tokens.ADMIN).get("/api/miners/" + waiting).then().extract().jsonPath().getLong("components[0].id");
        as(Tokens.ADMIN).body("{\"minerId\":" + waiting + ",\"symptom\":\"dead on arrival\",\"failedComponentIds\":["
                + board + "]}")
                .post("/api/tickets").then().statusCode(409).body("detail", containsString("not commissioned yet"));

        JsonPath done = post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/commissions",
                "{\"count\":200,\"startAt\":\"1/5/1/1\"}").statusCode(200).body("commissioned", equalTo(200))
                .body("placed[0].position", equalTo("B1-R05-K01-S01"))
                .body("order.state", equalTo("COMPLETE")).body("order.units.commissioned", equalTo(200))
                .extract().jsonPath();
        assertEquals("B1-R05-K17-S08", done.getString("placed[199].position"), "12 slots a rack: 16 racks and 8");
        as(Tokens.ADMIN).get("/api/miners/" + waiting).then().body("miner.status", equalTo("HASHING"))
                .body("miner.position", equalTo("B1-R05-K01-S01"));
        JsonPath now = as(Tokens.MANAGER).queryParam("site", "OK1").get("/api/availability").then().extract().jsonPath();
        assertEquals(installedBefore + 200, now.getDouble("now.unitsInstalled"), 1e-9);
        post(Tokens.LOGISTICS, "/api/machine-orders/" + order + "/commissions", "{\"count\":1,\"startAt\":\"1/9/1/1\"}")
                .statusCode(400).body("violations[0].field", equalTo("count"));
        OrderLedger l = assertLedgerConsistent(order);
        assertEquals(new OrderLedger(200, 0, 0, 0, 200, 0, 0), l);
        JsonPath detail = as(Tokens.LOGISTICS).get("/api/machine-orders/" + order).then().extract().jsonPath();
        assertEquals(List.of("Placed", "State", "Delivery", "Received", "State", "Received", "State", "Commissioned"),
                detail.getList("events.actionLabel"));
        assertEquals(List.of("PLACED", "IN_DELIVERY", "DELIVERED"), detail.getList("events.findAll { it.action == 'STATE' }.fromState"));
    }

    /**
     * Issue #15, item 5: a partial delivery, a delay, a cancellation, a seized delivery and a short one
     * leave the order's ledger consistent at every step.
     */
    @Test
    void partialDeliveriesADelayACancellationAndLossesKeepTheLedgerConsistent() {
        LocalDate today = MachineOrderFixtures.today("America/Chicago");
        long lax = MachineOrderFixtures.port("LAX");
        long order = place(Tokens.LOGISTICS, "T21", "AR1", 100, 1_600_000, "\"depositPaidCents\":0,\"portId\":" + lax);
        String base = "/api/machine-orders/" + order;
        long d1 = post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":60,\"carrier\":\"ONE\",\"shippedOn\":\""
                + today + "\"}").statusCode(201).extract().jsonPath().getLong("id");
        assertLedgerConsistent(order);
        // the 40 left are delayed by the vendor
        JsonPath before = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath();
        int version = before.getInt("order.version");
        LocalDate ship = LocalDate.parse(before.getString("order.expectedShipOn"));
        LocalDate arrival = LocalDate.parse(before.getString("order.expectedArrivalOn"));
        post(Tokens.LOGISTICS, base + "/delays", "{\"expectedShipOn\":\"" + ship.plusDays(48) + "\",\"reason\":"
                + "\"Vendor: export licence review\",\"version\":" + version + "}").statusCode(200)
                .body("expectedShipOn", equalTo(ship.plusDays(48).toString()))
                .body("expectedArrivalOn", equalTo(arrival.plusDays(48).toString())).body("delayedDays", equalTo(48));
        post(Tokens.LOGISTICS, base + "/delays", "{\"expectedShipOn\":\"" + ship + "\",\"reason\":\"again\",\"version\":"
                + version + "}").statusCode(409);
        JsonPath delayed = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath();
        Map<String, Object> delay = delayed.getMap("events.find { it.action == 'DELAYED' }");
        assertEquals(arrival.toString(), delay.get("fromDate"));
        assertEquals(arrival.plusDays(48).toString(), delay.get("toDate"));
        assertEquals("Vendor: export licence review", delay.get("reason"));
        assertEquals("logi", delay.get("actor"));

        post(Tokens.LOGISTICS, base + "/cancellations", "{\"quantity\":41,\"reason\":\"too many\"}").statusCode(400)
                .body("violations[0].field", equalTo("quantity")).body("detail", containsString("only 40 units are on order"));
        post(Tokens.LOGISTICS, base + "/cancellations", "{\"quantity\":25}").statusCode(400)
                .body("violations.field", hasItem("reason"));
        post(Tokens.LOGISTICS, base + "/cancellations", "{\"quantity\":25,\"reason\":\"budget cut\"}").statusCode(200)
                .body("units.onOrder", equalTo(15)).body("units.cancelled", equalTo(25)).body("state", equalTo("IN_DELIVERY"))
                .body("totalCents", equalTo(75 * 1_600_000));
        assertLedgerConsistent(order);
        post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":20,\"carrier\":\"ONE\"}").statusCode(400)
                .body("violations[0].field", equalTo("quantity"));
        assertEquals(1, count("select count(*) from machine_delivery where order_id = ?1", order),
                "a refused delivery leaves no shipment behind");
        JsonPath second = post(Tokens.LOGISTICS, base + "/deliveries", "{\"quantity\":15,\"carrier\":\"ONE\"}")
                .statusCode(201).body("shipmentState", equalTo("CREATED")).extract().jsonPath();
        long s2 = second.getLong("shipmentId");
        // the second delivery is seized at the port: its 15 units are lost
        for (String to : List.of("READY", "IN_TRANSIT", "AT_PORT")) {
            ship(s2, "{\"to\":\"" + to + "\"}").statusCode(200);
        }
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);
        ship(s2, "{\"to\":\"HELD\",\"hold\":{\"entryNumber\":\"LAX-1\",\"kind\":\"ENTITY_LIST_REVIEW\",\"presentedOn\":\""
                + utc + "\"}}").statusCode(200);
        as(Tokens.LOGISTICS).get(base).then().body("order.units.inCustoms", equalTo(15));
        long hold = as(Tokens.LOGISTICS).get("/api/shipments/" + s2).then().extract().jsonPath().getLong("holds[0].id");
        as(Tokens.LOGISTICS).body("{\"outcome\":\"SEIZED\",\"decidedOn\":\"" + utc + "\"}")
                .post("/api/holds/" + hold + "/decision").then().statusCode(200);
        as(Tokens.LOGISTICS).get(base).then().body("order.units.lost", equalTo(15)).body("order.units.inCustoms", equalTo(0))
                .body("order.state", equalTo("IN_DELIVERY"));
        assertLedgerConsistent(order);

        // the first one arrives two machines short
        long s1 = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath().getLong("deliveries.find { it.id == " + d1
                + " }.shipmentId");
        ship(s1, "{\"to\":\"DELIVERED\"}").statusCode(200);
        post(Tokens.LOGISTICS, base + "/deliveries/" + d1 + "/receipts", "{\"quantity\":58}").statusCode(201);
        post(Tokens.LOGISTICS, base + "/deliveries/" + d1 + "/shortages", "{\"quantity\":3,\"reason\":\"x\"}")
                .statusCode(400);
        post(Tokens.LOGISTICS, base + "/deliveries/" + d1 + "/shortages", "{\"quantity\":2,\"reason\":\"crushed in "
                + "the truck\"}").statusCode(200).body("lost", equalTo(2)).body("shipmentState", equalTo("RECEIVED"));
        // 30 commissioned by name and position
        List<Map<String, Object>> units = as(Tokens.LOGISTICS).get(base).then().extract().jsonPath()
                .getList("awaitingCommissioning");
        assertEquals(58, units.size());
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            items.append(i == 0 ? "" : ",").append("{\"serial\":\"").append(units.get(i).get("serial"))
                    .append("\",\"position\":\"1/7/").append(1 + i / 12).append('/').append(1 + i % 12).append("\"}");
        }
        String body = "{\"items\":[" + items + "]}";
        post(Tokens.LOGISTICS, base + "/commissions", body).statusCode(200).body("commissioned", equalTo(30))
                .body("order.state", equalTo("DELIVERED"));
        OrderLedger l = assertLedgerConsistent(order);
        assertEquals(new OrderLedger(100, 0, 0, 28, 30, 25, 17), l);
        // nothing is left to cancel or to delay on the order itself
        post(Tokens.LOGISTICS, base + "/cancellations", "{\"reason\":\"all of it\"}").statusCode(409);
        post(Tokens.LOGISTICS, base + "/delays", "{\"expectedShipOn\":\"" + today.plusDays(90) + "\",\"reason\":\"r\"}")
                .statusCode(409);
    }

    @Test
    void techniciansSeeAndCommissionTheirOwnSitesOnlyAndManagersOnlyRead() {
        long nd = place(Tokens.ADMIN, "Whatsminer M60S", "ND1", 4, 1_400_000, null);
        long ok = place(Tokens.LOGISTICS, "Avalon A1466", "OK1", 3, 900_000, null);
        String nd1 = "/api/machine-orders/" + nd;
        long d = post(Tokens.LOGISTICS, nd1 + "/deliveries", "{\"quantity\":4,\"carrier\":\"DHL\",\"shippedOn\":\""
                + MachineOrderFixtures.today("America/Chicago") + "\"}").statusCode(201).extract().jsonPath().getLong("id");
        long s = as(Tokens.LOGISTICS).get(nd1).then().extract().jsonPath().getLong("deliveries[0].shipmentId");
        ship(s, "{\"to\":\"DELIVERED\"}").statusCode(200);

        as(Tokens.TECH_ND).get(nd1).then().statusCode(200);
        as(Tokens.TECH_ND).get("/api/machine-orders/" + ok).then().statusCode(403);
        as(Tokens.TECH_ND).queryParam("size", 500).get("/api/machine-orders").then().statusCode(200)
                .body("items.site", everyItem(equalTo("ND1"))).body("items.id", hasItem((int) nd))
                .body("items.id", not(hasItem((int) ok)));
        as(Tokens.TECH_ND).queryParam("site", "OK1").get("/api/machine-orders").then().statusCode(403);
        as(Tokens.TECH_TX).get(nd1).then().statusCode(403);
        post(Tokens.TECH_TX, nd1 + "/deliveries/" + d + "/receipts", "{}").statusCode(403);
        post(Tokens.TECH_ND, nd1 + "/deliveries", "{\"quantity\":1,\"carrier\":\"x\"}").statusCode(403);
        post(Tokens.TECH_ND, "/api/machine-orders", "{}").statusCode(403);
        post(Tokens.TECH_ND, nd1 + "/cancellations", "{\"reason\":\"x\"}").statusCode(403);
        post(Tokens.MANAGER, "/api/machine-orders", "{}").statusCode(403);
        post(Tokens.MANAGER, nd1 + "/delays", "{\"reason\":\"x\"}").statusCode(403);
        as(Tokens.MANAGER).get(nd1).then().statusCode(200);
        io.restassured.RestAssured.given().get("/api/machine-orders").then().statusCode(401);

        // the site's technician receives and commissions at their site
        post(Tokens.TECH_ND, nd1 + "/deliveries/" + d + "/receipts", "{}").statusCode(201).body("received", equalTo(4));
        post(Tokens.TECH_TX, nd1 + "/commissions", "{\"count\":4,\"startAt\":\"1/6/1/1\"}").statusCode(403);
        post(Tokens.TECH_ND, nd1 + "/commissions", "{\"count\":4,\"startAt\":\"1/6/1/1\"}").statusCode(200)
                .body("order.state", equalTo("COMPLETE"))
                .body("placed.position", equalTo(List.of("B1-R06-K01-S01", "B1-R06-K01-S02", "B1-R06-K01-S03",
                        "B1-R06-K01-S04")));
        assertLedgerConsistent(nd);
        as(Tokens.TECH_ND).get(nd1).then().body("events.find { it.action == 'COMMISSIONING' }.actor", equalTo("tech-nd"));
    }
}
