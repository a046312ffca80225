package app.rigtrail.repair;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import app.rigtrail.platform.Tokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;

/** Finds untouched miners of the demo fleet and opens tickets on them through the API. */
final class RepairFixtures {

    private RepairFixtures() {
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json");
    }

    /** A hashing miner at the site with no ticket yet, whose model has a hashboard spare on the site's shelf. */
    static long freshMiner(String site) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            Number id = (Number) em.createNativeQuery("""
                    select m.id from miner m join site s on s.id = m.site_id
                    where s.code = ?1 and m.status = 'HASHING'
                      and not exists (select 1 from repair_ticket t where t.miner_id = m.id)
                      and exists (select 1 from component c join part_compatible_model pm on pm.part_id = c.part_id
                                  where c.location_ref = s.code || ' store' and c.kind = 'HASHBOARD'
                                    and pm.model_id = m.model_id)
                    order by m.id limit 1""").setParameter(1, site).getSingleResult();
            return id.longValue();
        });
    }

    static long componentOf(long minerId, String kind) {
        List<Map<String, Object>> components = as(Tokens.ADMIN).get("/api/miners/" + minerId).then().statusCode(200)
                .extract().jsonPath().getList("components");
        return components.stream().filter(c -> kind.equals(c.get("kind"))).map(c -> ((Number) c.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    static String body(long minerId, long componentId, String symptom) {
        return "{\"minerId\":" + minerId + ",\"symptom\":\"" + symptom + "\",\"errorCodes\":\"E-12\","
                + "\"failedComponentIds\":[" + componentId + "]}";
    }

    /** Opens a ticket on a fresh TX1 miner's first hashboard as tech-tx; returns {ticketId, minerId, componentId}. */
    static long[] openHashboardTicket(String symptom) {
        long miner = freshMiner("TX1");
        long component = componentOf(miner, "HASHBOARD");
        long ticket = as(Tokens.TECH_TX).body(body(miner, component, symptom)).post("/api/tickets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        return new long[] {ticket, miner, component};
    }

    /** A hashing miner of the vendor with no ticket yet, at the site if it has one. */
    static long freshMinerOf(long siteId, String vendor) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            Number id = (Number) em.createNativeQuery("""
                    select m.id from miner m join miner_model mm on mm.id = m.model_id
                    where mm.vendor = ?2 and m.status = 'HASHING'
                      and not exists (select 1 from repair_ticket t where t.miner_id = m.id)
                    order by m.site_id = ?1 desc, m.id limit 1""").setParameter(1, siteId).setParameter(2, vendor).getSingleResult();
            return id.longValue();
        });
    }

    /** Opens a ticket on the first fan of a fresh miner of the vendor (at the site if it has one), as the admin; returns its id. */
    static long openTicketOnVendor(long siteId, String vendor, String symptom) {
        long miner = freshMinerOf(siteId, vendor);
        long component = componentOf(miner, "FAN");
        return as(Tokens.ADMIN).body(body(miner, component, symptom)).post("/api/tickets").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /**
     * A ticket opened {@code days} days ago on a fresh miner at the site and cancelled the same hour, written
     * as the app writes one (the ticket and its two events); returns its id.
     */
    static long cancelledTicketOpenedDaysAgo(long siteId, int days, String symptom) {
        long miner = QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            return ((Number) em.createNativeQuery("""
                    select m.id from miner m where m.site_id = ?1 and m.status = 'HASHING'
                      and not exists (select 1 from repair_ticket t where t.miner_id = m.id)
                    order by m.id desc limit 1""").setParameter(1, siteId).getSingleResult()).longValue();
        });
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            long id = ((Number) em.createNativeQuery("""
                    insert into repair_ticket (miner_id, site_id, state, symptom, prior_miner_status, opened_by, opened_at,
                                               closed_at, version)
                    values (?1, ?2, 'CANCELLED', ?3, 'HASHING', 'tech-tx', now() - make_interval(days => ?4),
                            now() - make_interval(days => ?4) + interval '1 hour', 1) returning id""")
                    .setParameter(1, miner).setParameter(2, siteId).setParameter(3, symptom).setParameter(4, days)
                    .getSingleResult()).longValue();
            em.createNativeQuery("""
                    insert into repair_ticket_event (ticket_id, at, actor, from_state, to_state, note)
                    values (?1, now() - make_interval(days => ?2), 'tech-tx', null, 'OPEN', 'opened'),
                           (?1, now() - make_interval(days => ?2) + interval '1 hour', 'tech-tx', 'OPEN', 'CANCELLED',
                            'false alarm')""").setParameter(1, id).setParameter(2, days).executeUpdate();
            return id;
        });
    }

    static io.restassured.response.ValidatableResponse move(String user, long ticket, String json) {
        return as(user).body(json).post("/api/tickets/" + ticket + "/transitions").then();
    }

    static String minerStatus(long miner) {
        return as(Tokens.ADMIN).get("/api/miners/" + miner).then().extract().path("miner.status");
    }
}
