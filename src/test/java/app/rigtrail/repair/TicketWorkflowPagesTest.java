package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static app.rigtrail.repair.RepairFixtures.move;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The ticket and miner pages of #14: reservations, the bin rule, the route chosen once, continuing a ticket. */
@QuarkusTest
class TicketWorkflowPagesTest {

    @Inject
    EntityManager em;

    static final String FORM = "application/x-www-form-urlencoded";

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aMinerInRepairOffersToContinueItsTicketAndTheDuplicateRefusalNamesIt() {
        long[] t = RepairFixtures.openHashboardTicket("continue me");
        given().get("/miners/" + t[1]).then().statusCode(200)
                .body(containsString("id=\"open-tickets\"")).body(containsString("Continue ticket #" + t[0]))
                .body(not(containsString(">Open a ticket</a>")));
        String refused = given().contentType(FORM).formParam("minerId", t[1]).formParam("failedComponentIds", t[2])
                .formParam("symptom", "again").formParam("formToken", UUID.randomUUID().toString())
                .post("/tickets").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("ticket #" + t[0] + " is already open for hashboard"), refused);
        assertTrue(refused.contains("href=\"/tickets/" + t[0] + "\""), "the refusal links to the ticket");
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void theRouteIsChosenOnceByTheButtonThatMovesTheTicket() {
        long ticket = RepairFixtures.openHashboardTicket("route once")[0];
        post(ticket, "move", "DIAGNOSING").statusCode(303);
        String page = given().get("/tickets/" + ticket).then().statusCode(200).extract().asString();
        assertTrue(!page.contains("type=\"radio\""), "no separate route radio");
        assertTrue(page.contains("value=\"IN_BENCH_REPAIR/BENCH\"") && page.contains("value=\"AWAITING_RMA_SHIPMENT/RMA\""),
                "each route is one button");
        given().contentType(FORM).formParam("move", "IN_BENCH_REPAIR/BENCH").formParam("diagnosis", "cold joint")
                .formParam("formToken", UUID.randomUUID().toString()).redirects().follow(false)
                .post("/tickets/" + ticket + "/transitions").then().statusCode(303);
        given().get("/tickets/" + ticket).then().body(containsString("id=\"ticket-route\">Repair on the site&#39;s bench"))
                .body(not(containsString("id=\"f-spare\"")))
                .body(containsString("Bench could not fix it: send under RMA"));
        // once on the bench, the route changes only to RMA when the bench gives up
        given().contentType(FORM).formParam("move", "AWAITING_RMA_SHIPMENT/RMA")
                .formParam("formToken", UUID.randomUUID().toString()).redirects().follow(false)
                .post("/tickets/" + ticket + "/transitions").then().statusCode(303);
        String rmaPage = given().get("/tickets/" + ticket).then().statusCode(200).extract().asString();
        assertTrue(rmaPage.contains("RMA case #"), "the RMA case is linked");
        assertTrue(!rmaPage.contains("name=\"failedPartTo\""), "no 'the part goes to stock' on the RMA route");
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aWaitingTicketHoldsItsSpareAndAnotherTicketIsToldWhose() {
        long[] a = RepairFixtures.openHashboardTicket("waits for a spare A");
        long[] b = RepairFixtures.openHashboardTicket("wants the same spare B");
        move(Tokens.TECH_TX, a[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, a[0], "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\",\"diagnosis\":\"dead chain\"}")
                .statusCode(200);
        String held = reservedSerial(a[0]);
        assertNotNull(held, "the shelf had a fitting spare: the waiting ticket holds it");
        given().get("/tickets/" + a[0]).then().statusCode(200).body(containsString("id=\"ticket-reserved\""))
                .body(containsString(held)).body(containsString("id=\"spares-ready\""))
                .body(containsString("reserved: it was on the shelf"));

        move(Tokens.TECH_TX, b[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        as(Tokens.TECH_TX).get("/api/tickets/" + b[0] + "/spares").then().statusCode(200)
                .body("serial", not(hasItem(held)));
        move(Tokens.TECH_TX, b[0], "{\"to\":\"RESOLVED\",\"route\":\"SWAP\",\"diagnosis\":\"dead\",\"spareSerial\":\""
                + held + "\"}").statusCode(409).body("detail", containsString("reserved for ticket #" + a[0]))
                .body("fixAt", equalTo("/tickets/" + a[0]));

        // A goes back to diagnosing: its spare is released and passed to the longest-waiting ticket, if any
        move(Tokens.TECH_TX, b[0], "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\",\"diagnosis\":\"dead\"}").statusCode(200);
        String bBefore = reservedSerial(b[0]);
        move(Tokens.TECH_TX, a[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        assertNull(reservedSerial(a[0]));
        as(Tokens.TECH_TX).get("/api/tickets/" + a[0]).then()
                .body("events.note", hasItem(containsString("reservation of spare " + held + " released")));
        if (bBefore == null) {
            assertEquals(held, reservedSerial(b[0]), "B had none: it takes the released spare");
        } else {
            assertEquals(bBefore, reservedSerial(b[0]), "B keeps the one it had; one spare per ticket");
            assertNull(holder(held), "the released spare is free again");
        }
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aSpareReceivedLaterIsReservedForTheTicketThatWaitedAndItsTechnicianSeesIt() {
        // a fresh TX1 miner's control board; the control boards on the shelf that would fit it are put aside in the lab first (a
        // fixture step: the demo shelves hold a few spares of every part, and this test needs an empty one)
        Object[] pick = QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                    select m.id, c.id, p.id from miner m join site s on s.id = m.site_id
                      join component c on c.miner_id = m.id and c.kind = 'CONTROL_BOARD'
                      join part p on p.id = c.part_id and p.serialized
                    where s.code = 'TX1' and m.status = 'HASHING'
                      and not exists (select 1 from repair_ticket t where t.miner_id = m.id)
                    order by m.id desc, c.id limit 1""").getSingleResult();
            em.createNativeQuery("""
                    update component f set location_ref = 'TX1 lab'
                    where f.location_ref = 'TX1 store' and f.kind = 'CONTROL_BOARD'
                      and exists (select 1 from part_compatible_model fm join miner m on m.model_id = fm.model_id
                                  where fm.part_id = f.part_id and m.id = ?1)
                      and not exists (select 1 from spare_reservation r where r.component_id = f.id)""")
                    .setParameter(1, ((Number) row[0]).longValue()).executeUpdate();
            return row;
        });
        long miner = ((Number) pick[0]).longValue(), component = ((Number) pick[1]).longValue();
        long part = ((Number) pick[2]).longValue();
        long ticket = as(Tokens.TECH_TX).body(RepairFixtures.body(miner, component, "nothing on the shelf"))
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        move(Tokens.TECH_TX, ticket, "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\",\"diagnosis\":\"needs a new one\"}")
                .statusCode(200);
        assertNull(reservedSerial(ticket), "nothing to reserve yet");
        given().get("/tickets/" + ticket).then().body(containsString("id=\"no-spare\""));

        // logistics orders one for TX1's store and receives it
        long store = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from stock_location where code = 'TX1-STORE'").getSingleResult()).longValue());
        long shipment = as(Tokens.LOGISTICS).body("{\"partId\":" + part + ",\"locationId\":" + store
                + ",\"quantity\":1,\"quotedLeadDays\":3}").post("/api/purchase-orders").then().statusCode(201)
                .extract().jsonPath().getLong("shipmentId");
        for (String to : List.of("READY", "IN_TRANSIT", "DELIVERED", "RECEIVED")) {
            as(Tokens.LOGISTICS).body("{\"to\":\"" + to + "\"}").post("/api/shipments/" + shipment + "/transitions")
                    .then().statusCode(200);
        }
        String arrived = reservedSerial(ticket);
        assertNotNull(arrived, "the received spare is held for the waiting ticket");
        given().get("/tickets/" + ticket).then().body(containsString("id=\"ticket-reserved\"")).body(containsString(arrived))
                .body(containsString("reserved: received onto the shelf")).body(containsString("(reserved for this ticket)"));
        given().get("/tickets").then().body(containsString("id=\"spares-ready\""));
        // and the operations alert is raised once, for the ticket's site, linking to the ticket
        List<Object[]> alerts = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select a.title, a.link, a.site_id = t.site_id from alert a, repair_ticket t
                where t.id = ?1 and a.kind = 'PART_ARRIVED' and a.subject_key like ?2""")
                .setParameter(1, ticket).setParameter(2, "ticket:" + ticket + ":component:%").getResultList());
        assertEquals(1, alerts.size(), "one part-arrived alert for the ticket");
        assertEquals("Spare " + arrived + " reserved for ticket #" + ticket, String.valueOf(alerts.get(0)[0])
                .replaceFirst(" \\(.*\\)$", ""));
        assertEquals("/tickets/" + ticket, alerts.get(0)[1]);
        assertEquals(Boolean.TRUE, alerts.get(0)[2]);
        // the technician swaps it in: the reservation ends with the swap
        post(ticket, "move", "RESOLVED", "spareSerial", arrived).statusCode(303);
        assertNull(holder(arrived));
    }

    @Test
    @TestSecurity(user = "tech-tx", roles = "technician")
    void aHashboardOfAnotherBinIsRefusedWithBitmainsReason() {
        long[] t = bitmainTicket();
        String spare = setBinsAndPickSpare(t);
        move(Tokens.TECH_TX, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        String page = post(t[0], "move", "RESOLVED/SWAP", "diagnosis", "dead", "spareSerial", spare, "binOverride",
                "tech cannot override").statusCode(409).extract().asString();
        assertTrue(page.contains("Bitmain voids the warranty of a chassis whose hashboards come from different bins"), page);
        assertTrue(page.contains("ask an admin to override"), page);
        as(Tokens.TECH_TX).get("/api/tickets/" + t[0]).then().body("ticket.state", equalTo("DIAGNOSING"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdminOverridesTheBinRuleWithANoteKeptOnTheTimeline() {
        long[] t = bitmainTicket();
        String spare = setBinsAndPickSpare(t);
        move(Tokens.ADMIN, t[0], "{\"to\":\"DIAGNOSING\"}").statusCode(200);
        post(t[0], "move", "RESOLVED/SWAP", "diagnosis", "dead", "spareSerial", spare).statusCode(409);
        post(t[0], "move", "RESOLVED/SWAP", "diagnosis", "dead", "spareSerial", spare, "binOverride",
                "vendor approved the mix in writing").statusCode(303);
        as(Tokens.ADMIN).get("/api/tickets/" + t[0]).then().body("ticket.state", equalTo("RESOLVED"))
                .body("events.note", hasItem(containsString("bin mix allowed by admin (admin)")))
                .body("events.note", hasItem(containsString("vendor approved the mix in writing")));
    }

    // ---- helpers ----

    io.restassured.response.ValidatableResponse post(long ticket, String... fields) {
        var r = given().contentType(FORM).formParam("formToken", UUID.randomUUID().toString()).redirects().follow(false);
        for (int i = 0; i < fields.length; i += 2) {
            r = r.formParam(fields[i], fields[i + 1]);
        }
        return r.post("/tickets/" + ticket + "/transitions").then();
    }

    String reservedSerial(long ticket) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("""
                select c.serial from spare_reservation r join component c on c.id = r.component_id
                where r.ticket_id = ?1""").setParameter(1, ticket).getResultStream().findFirst().orElse(null));
    }

    Long holder(String serial) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) em.createNativeQuery("""
                select r.ticket_id from spare_reservation r join component c on c.id = r.component_id
                where c.serial = ?1""", Long.class).setParameter(1, serial).getResultStream().findFirst().orElse(null));
    }

    /** A hashboard ticket on a fresh Bitmain miner at TX1 with a fitting hashboard on the shelf. */
    long[] bitmainTicket() {
        long miner = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select m.id from miner m join site s on s.id = m.site_id join miner_model mm on mm.id = m.model_id
                where s.code = 'TX1' and m.status = 'HASHING' and mm.vendor = 'BITMAIN' and mm.hashboards >= 2
                  and not exists (select 1 from repair_ticket t where t.miner_id = m.id)
                  and exists (select 1 from component c join part_compatible_model pm on pm.part_id = c.part_id
                              where c.location_ref = 'TX1 store' and c.kind = 'HASHBOARD' and pm.model_id = m.model_id
                                and not exists (select 1 from spare_reservation r where r.component_id = c.id))
                order by m.id limit 1""").getSingleResult()).longValue());
        long board = RepairFixtures.componentOf(miner, "HASHBOARD");
        long ticket = as(Tokens.TECH_TX).body(RepairFixtures.body(miner, board, "bin check"))
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        return new long[] {ticket, miner, board};
    }

    /** The chassis's boards are recorded as bin B1 through the component page; the spare as bin B2. */
    String setBinsAndPickSpare(long[] t) {
        List<Number> boards = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id from component where miner_id = ?1 and kind = 'HASHBOARD' order by id")
                .setParameter(1, t[1]).getResultList());
        for (Number b : boards) {
            given().contentType(FORM).formParam("bin", "b1").redirects().follow(false)
                    .post("/components/" + b + "/bin").then().statusCode(303);
        }
        String spare = as(Tokens.TECH_TX).get("/api/tickets/" + t[0] + "/spares").then().statusCode(200)
                .extract().path("find { it.kind == 'HASHBOARD' }.serial");
        long spareId = as(Tokens.ADMIN).get("/api/components?q=" + spare).then().extract().jsonPath().getLong("items[0].id");
        given().contentType(FORM).formParam("bin", "B2").redirects().follow(false)
                .post("/components/" + spareId + "/bin").then().statusCode(303);
        given().get("/components/" + spareId).then().body(containsString("id=\"component-bin\">B2"));
        return spare;
    }
}
