package app.rigtrail.repair;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import app.rigtrail.fleet.FleetPages.MinerTickets;
import app.rigtrail.fleet.FleetPages.OpenTicketLine;
import app.rigtrail.repair.domain.TicketState;

/** A miner's open tickets for its page in fleet (#13 item 2: fleet asks through {@link MinerTickets}). */
@ApplicationScoped
public class OpenTicketsOfMiners implements MinerTickets {

    @Inject
    EntityManager em;

    @Override
    public List<OpenTicketLine> openOf(long minerId) {
        return em.createQuery("""
                select t.id, t.state, t.symptom, t.openedAt, t.openedBy from RepairTicket t
                where t.miner.id = :m and t.closedAt is null order by t.openedAt desc""", Object[].class)
                .setParameter("m", minerId).getResultList().stream()
                .map(r -> new OpenTicketLine((Long) r[0], ((TicketState) r[1]).name(), ((TicketState) r[1]).label(),
                        (String) r[2], (java.time.Instant) r[3], (String) r[4])).toList();
    }
}
