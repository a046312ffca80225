package app.rigtrail.logistics;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.rigtrail.logistics.domain.ShipmentState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "shipment_event")
public class ShipmentEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "shipment_id")
    public Long shipmentId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public ShipmentState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public ShipmentState toState;
    public String note;
}
