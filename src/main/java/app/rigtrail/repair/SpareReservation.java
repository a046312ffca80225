package app.rigtrail.repair;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A spare on a site's shelf held for one ticket that waits for it; history is in the ticket's events. */
@Entity
@Table(name = "spare_reservation")
public class SpareReservation extends PanacheEntityBase {
    @Id
    @Column(name = "component_id")
    public Long componentId;
    @Column(name = "ticket_id")
    public Long ticketId;
    @Column(name = "reserved_at")
    public Instant reservedAt;
}
