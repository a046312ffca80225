package app.rigtrail.repair;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.repair.domain.TicketState;

/** Appends to a ticket's timeline: who, when, from, to, why. Nothing here edits an event. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TicketTimeline {

    @Inject
    CurrentUser user;

    void append(RepairTicket t, TicketState from, TicketState to, String note, Instant at) {
        RepairTicketEvent e = new RepairTicketEvent();
        e.ticketId = t.id;
        e.at = at;
        e.actor = user.name();
        e.fromState = from;
        e.toState = to;
        e.note = note;
        e.persist();
    }

    /** Something happened to the ticket that did not move it (a spare reserved, released). */
    void note(RepairTicket t, String note) {
        append(t, t.state, t.state, note, Instant.now());
    }
}
