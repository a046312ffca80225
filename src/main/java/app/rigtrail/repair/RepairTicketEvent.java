package app.rigtrail.repair;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import app.rigtrail.repair.domain.TicketState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One appended step of a ticket: who, when, from, to, why. The database refuses to change it. */
@Entity
@Table(name = "repair_ticket_event")
public class RepairTicketEvent extends PanacheEntityBase {
    @Id
    // 50 ids per sequence call (V25): the inserts wait for the flush and go in one batch
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "repair_ticket_event_ids")
    @SequenceGenerator(name = "repair_ticket_event_ids", sequenceName = "repair_ticket_event_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "ticket_id")
    public Long ticketId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public TicketState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public TicketState toState;
    public String note;
}
