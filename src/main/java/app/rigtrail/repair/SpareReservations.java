package app.rigtrail.repair;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.alerts.domain.AlertRequest;
import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.SpareShelved;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.repair.domain.TicketState;

/**
 * Spares held for tickets that wait for one. A ticket that starts waiting takes a fitting spare
 * already on its site's shelf; otherwise the first fitting spare put on the shelf later goes to the
 * ticket that has waited longest. The technician sees it on the ticket and as a badge in the
 * navigation. One spare per ticket; a reservation ends when the spare is used, or is passed on to the
 * next waiting ticket when its ticket stops waiting. Every step is appended to the ticket's timeline.
 */
@ApplicationScoped
@Named("spares")
@Transactional
public class SpareReservations {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    TicketTimeline timeline;

    /** The operations alerts (#17): the technicians who chose "part arrived" for the site are told. */
    @Inject
    Event<AlertRequest> alerts;

    /** A spare reached a shelf: the longest-waiting ticket it fits reserves it. */
    void onShelved(@Observes SpareShelved e) {
        Component spare = Component.findById(e.componentId());
        if (spare == null || SpareReservation.findById(spare.id) != null) {
            return;
        }
        offer(spare, "received onto the shelf");
    }

    /** The ticket starts waiting: it takes a fitting spare that is already on the shelf and free. */
    void ticketWaits(RepairTicket t) {
        List<Component> free = em.createQuery("""
                select c from Component c join fetch c.part p
                where c.locationKind = :stock and c.siteId = :site and c.locationRef = :shelf
                  and c.kind in (select f.kind from RepairTicket rt join rt.failedComponents f where rt.id = :ticket)
                  and :model member of p.compatibleModels
                  and not exists (select r from SpareReservation r where r.componentId = c.id)
                order by c.id""", Component.class)
                .setParameter("stock", LocationKind.STOCK).setParameter("site", t.siteId)
                .setParameter("shelf", t.miner.site.code + " store").setParameter("ticket", t.id)
                .setParameter("model", t.miner.model).setMaxResults(5).getResultList();
        for (Component c : free) {
            if (claim(c, t.id)) {
                timeline.note(t, "spare " + c.serial + " reserved: it was on the shelf");
                return;
            }
        }
    }

    /** The ticket no longer waits (resolved with another spare, cancelled, back to diagnosing). */
    void ticketStopsWaiting(RepairTicket t, String why) {
        SpareReservation r = SpareReservation.find("ticketId", t.id).firstResult();
        if (r == null) {
            return;
        }
        Component spare = Component.findById(r.componentId);
        r.delete();
        em.flush();
        timeline.note(t, "reservation of spare " + spare.serial + " released: " + why);
        if (spare.locationKind == LocationKind.STOCK) {
            offer(spare, "released by ticket #" + t.id);
        }
    }

    /** The reserved spare went into the miner: the reservation is done. */
    void used(RepairTicket t, Component spare) {
        SpareReservation r = SpareReservation.findById(spare.id);
        if (r != null && r.ticketId.equals(t.id)) {
            // the move's own note names the spare fitted
            r.delete();
        } else if (!SpareReservation.find("ticketId", t.id).page(0, 1).list().isEmpty()) {
            ticketStopsWaiting(t, "another spare (" + spare.serial + ") was fitted");
        }
    }

    /** The ticket a spare is held for, or null. */
    public Long holderOf(long componentId) {
        SpareReservation r = SpareReservation.findById(componentId);
        return r == null ? null : r.ticketId;
    }

    /** The spare held for a ticket, or null. */
    public Component reservedFor(long ticketId) {
        SpareReservation r = SpareReservation.find("ticketId", ticketId).firstResult();
        return r == null ? null : Component.findById(r.componentId);
    }

    /** For the navigation badge: tickets of this user's sites whose spare has arrived. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long getReadyCount() {
        // an error page for a refused request is drawn on the I/O thread, where the database cannot be asked
        if (!user.getCanRepair() || !io.quarkus.runtime.BlockingOperationControl.isBlockingAllowed()) {
            return 0;
        }
        var scope = user.siteScope();
        if (scope != null && scope.isEmpty()) {
            return 0;
        }
        var q = em.createQuery("select count(r) from SpareReservation r, RepairTicket t where t.id = r.ticketId "
                + "and t.state = :waiting" + (scope == null ? "" : " and t.siteId in :scope"), Long.class)
                .setParameter("waiting", TicketState.AWAITING_PART);
        if (scope != null) {
            q.setParameter("scope", scope);
        }
        return q.getSingleResult();
    }

    private void offer(Component spare, String how) {
        List<RepairTicket> waiting = em.createQuery("""
                select t from RepairTicket t
                where t.state = :waiting and t.siteId = :site
                  and exists (select f from RepairTicket rt join rt.failedComponents f where rt.id = t.id and f.kind = :kind)
                  and exists (select p from Part p join p.compatibleModels m where p.id = :part and m = t.miner.model)
                  and not exists (select r from SpareReservation r where r.ticketId = t.id)
                order by t.openedAt, t.id""", RepairTicket.class)
                .setParameter("waiting", TicketState.AWAITING_PART).setParameter("site", spare.siteId)
                .setParameter("kind", spare.kind).setParameter("part", spare.part.id).setMaxResults(5)
                .getResultList();
        for (RepairTicket t : waiting) {
            if (claim(spare, t.id)) {
                timeline.note(t, "spare " + spare.serial + " reserved: " + how);
                // raised in this transaction: no alert for a reservation that is rolled back, one per ticket and spare
                alerts.fire(new AlertRequest(AlertKind.PART_ARRIVED, "ticket:" + t.id + ":component:" + spare.id,
                        t.siteId, "Spare " + spare.serial + " reserved for ticket #" + t.id + " (" + t.miner.assetCode + ")",
                        "Ticket #" + t.id + " on " + t.miner.assetCode + " was waiting for a "
                                + spare.kind.label().toLowerCase() + ": spare " + spare.serial + " (" + spare.part.partNumber
                                + ") was " + how + " at " + t.miner.site.code + " and is held for it. Fit it and resolve"
                                + " the ticket.", "/tickets/" + t.id));
                return;
            }
        }
    }

    /** Takes the spare for the ticket unless another ticket got it (or the ticket got another) first. */
    private boolean claim(Component spare, long ticketId) {
        return em.createNativeQuery("insert into spare_reservation (component_id, ticket_id, reserved_at) "
                + "values (?1, ?2, ?3) on conflict do nothing").setParameter(1, spare.id).setParameter(2, ticketId)
                .setParameter(3, Instant.now()).executeUpdate() == 1;
    }
}
