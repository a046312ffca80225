package app.rigtrail.repair;

import static app.rigtrail.repair.RepairFixtures.as;
import static app.rigtrail.repair.RepairFixtures.move;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #16 item 8: an error message never describes another site's objects. A technician of TX1 and TX2 who
 * types the serial of a part installed in an ND1 miner learns nothing about it: the answer is the one an unknown
 * serial gets, and nothing is written.
 */
@QuarkusTest
class OutOfScopeMessagesTest {

    @Test
    void aSwapWithAnotherSitesPartIsAnsweredAsIfTheSerialWereUnknown() {
        Object[] other = QuarkusTransaction.requiringNew().call(() -> (Object[]) Arc.container()
                .instance(EntityManager.class).get().createNativeQuery("""
                        select c.serial, m.asset_code from component c join miner m on m.id = c.miner_id
                        join site s on s.id = m.site_id
                        where s.code = 'ND1' and c.location_kind = 'INSTALLED' and c.kind = 'HASHBOARD'
                        order by c.id limit 1""").getSingleResult());
        String serial = (String) other[0];
        String assetCode = (String) other[1];

        long[] t = RepairFixtures.openHashboardTicket("Hashboard not detected");
        long ticket = t[0];
        move(Tokens.TECH_TX, ticket, "{\"to\":\"DIAGNOSING\",\"note\":\"bench\"}").statusCode(200);
        move(Tokens.TECH_TX, ticket, "{\"to\":\"AWAITING_PART\",\"route\":\"SWAP\",\"diagnosis\":\"dead chips\"}")
                .statusCode(200);

        String refused = move(Tokens.TECH_TX, ticket, "{\"to\":\"RESOLVED\",\"spareSerial\":\"" + serial
                + "\",\"note\":\"swapped\"}").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("spareSerial")).extract().asString();
        assertThat(refused, not(containsString(assetCode)));
        assertThat(refused, not(containsString("ND1")));
        assertThat(refused, not(containsString("installed")));
        assertThat(refused, not(containsString("slot")));
        String unknown = move(Tokens.TECH_TX, ticket, "{\"to\":\"RESOLVED\",\"spareSerial\":\"NO-SUCH-" + System.nanoTime()
                + "\",\"note\":\"swapped\"}").statusCode(400).extract().path("violations[0].message");
        String told = io.restassured.path.json.JsonPath.from(refused).getString("violations[0].message");
        assertThat(told.replace(serial, "S"), equalTo(unknown.replaceAll("NO-SUCH-\\d+", "S")));

        as(Tokens.TECH_TX).get("/api/tickets/" + ticket).then().statusCode(200).body("ticket.state", equalTo("AWAITING_PART"));
        // an admin sees every site and still gets the reason
        move(Tokens.ADMIN, ticket, "{\"to\":\"RESOLVED\",\"spareSerial\":\"" + serial + "\",\"note\":\"swapped\"}")
                .statusCode(400).body("violations[0].message", containsString("installed in " + assetCode));
    }
}
