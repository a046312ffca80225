package app.rigtrail.growth;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.logistics.Shipment;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Some units of an order on one NEW_MACHINES shipment. */
@Entity
@Table(name = "machine_delivery")
public class MachineDelivery extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public MachineOrder order;
    /** 1, 2, ... within the order. */
    public int number;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shipment_id")
    public Shipment shipment;
    public int quantity;
    public int received;
    public int lost;
    @Column(name = "shipped_on")
    public LocalDate shippedOn;
    @Column(name = "expected_arrival_on")
    public LocalDate expectedArrivalOn;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public int version;

    /** Units of this delivery neither received nor lost yet. */
    public int outstanding() {
        return quantity - received - lost;
    }

    public String label() {
        return order.label() + "/D" + number;
    }

    public static MachineDelivery ofShipment(long shipmentId) {
        return find("shipment.id", shipmentId).firstResult();
    }
}
