package app.rigtrail.growth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import app.rigtrail.growth.domain.MachineOrderState;
import app.rigtrail.growth.domain.MovementKind;
import app.rigtrail.growth.domain.OrderLedger;
import app.rigtrail.platform.Tokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Orders placed and moved through the API, and the checks that their ledgers hold together. */
final class MachineOrderFixtures {

    private MachineOrderFixtures() {
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    static long id(String path, String value, String field) {
        return as(Tokens.ADMIN).queryParam("q", value).queryParam("size", 500).get(path).then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it." + field + " == '" + value + "' }.id");
    }

    static long model(String name) {
        return id("/api/miner-models", name, "name");
    }

    static long site(String code) {
        return id("/api/sites", code, "code");
    }

    static long port(String code) {
        return id("/api/ports", code, "code");
    }

    /** Today where the site is (all demo sites are in North American time zones). */
    static LocalDate today(String zone) {
        return LocalDate.now(ZoneId.of(zone));
    }

    static long place(String user, String model, String site, int quantity, long unitPriceCents, String extra) {
        return as(user).body("{\"modelId\":" + model(model) + ",\"siteId\":" + site(site) + ",\"quantity\":" + quantity
                + ",\"unitPriceCents\":" + unitPriceCents + ",\"quotedLeadDays\":42" + (extra == null ? "" : "," + extra)
                + "}").post("/api/machine-orders").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse post(String user, String path, String body) {
        return as(user).body(body).post(path).then();
    }

    static ValidatableResponse ship(long shipment, String body) {
        return as(Tokens.LOGISTICS).body(body).post("/api/shipments/" + shipment + "/transitions").then();
    }

    /**
     * The order's ledger holds together: its balances add up to the quantity, they are what replaying
     * its movements gives, the deliveries account for every unit shipped, the machines received are in
     * the registry (waiting ones RECEIVED without a position, commissioned ones installed), and its
     * state changes follow one another along the transition table.
     */
    static OrderLedger assertLedgerConsistent(long orderId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            MachineOrder o = em.find(MachineOrder.class, orderId);
            OrderLedger balances = o.ledger(); // the constructor refuses balances that do not add up
            List<OrderLedger.Movement> movements = new ArrayList<>();
            for (MachineOrderMovement m : em.createQuery("from MachineOrderMovement where orderId = :o order by id",
                    MachineOrderMovement.class).setParameter("o", orderId).getResultList()) {
                assertEquals(m.kind.from(), m.fromBucket, "movement " + m.id);
                assertEquals(m.kind.to(), m.toBucket, "movement " + m.id);
                movements.add(new OrderLedger.Movement(m.kind, m.quantity));
            }
            assertEquals(balances, OrderLedger.replay(movements), "the balances are what the movements give");
            assertEquals(balances.state(), o.state);
            Object[] d = (Object[]) em.createNativeQuery("select coalesce(sum(quantity), 0), coalesce(sum(received), 0), "
                    + "coalesce(sum(lost), 0) from machine_delivery where order_id = ?1").setParameter(1, orderId)
                    .getSingleResult();
            assertEquals(balances.shipped(), ((Number) d[0]).intValue(), "every unit shipped is on a delivery");
            assertEquals(balances.received(), ((Number) d[1]).intValue(), "the deliveries' receipts");
            assertEquals(balances.lost(), ((Number) d[2]).intValue(), "the deliveries' losses");
            int shippedMoves = movements.stream().filter(m -> m.kind() == MovementKind.SHIPPED)
                    .mapToInt(OrderLedger.Movement::quantity).sum();
            assertEquals(balances.shipped(), shippedMoves);
            Object[] u = (Object[]) em.createNativeQuery("""
                    select count(*), count(*) filter (where u.commissioned_at is not null),
                           count(*) filter (where m.status = 'RECEIVED' and m.building is null and u.commissioned_at is null),
                           count(*) filter (where m.status <> 'RECEIVED' and m.building is not null
                                            and u.commissioned_at is not null)
                    from machine_unit u join miner m on m.id = u.miner_id where u.order_id = ?1""")
                    .setParameter(1, orderId).getSingleResult();
            assertEquals(balances.received(), ((Number) u[0]).intValue(), "machines in the registry");
            assertEquals(balances.commissioned(), ((Number) u[1]).intValue(), "machines commissioned");
            assertEquals(balances.awaitingCommissioning(), ((Number) u[2]).intValue(), "waiting, without a position");
            assertEquals(balances.commissioned(), ((Number) u[3]).intValue(), "installed at a position");
            MachineOrderState state = null;
            for (MachineOrderEvent e : em.createQuery("from MachineOrderEvent where orderId = :o order by id",
                    MachineOrderEvent.class).setParameter("o", orderId).getResultList()) {
                if (e.action == MachineOrderEvent.Action.PLACED) {
                    state = e.toState;
                } else if (e.action == MachineOrderEvent.Action.STATE) {
                    assertEquals(state, e.fromState, "event " + e.id + " starts where the last one ended");
                    assertTrue(e.fromState.canMoveTo(e.toState), e.fromState + " -> " + e.toState);
                    state = e.toState;
                }
                assertTrue(e.actor != null && e.at != null, "who and when");
            }
            assertEquals(o.state, state, "the events end in the order's state");
            return balances;
        });
    }

    /** The number of rows a query counts, in its own transaction. */
    static long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }
}
