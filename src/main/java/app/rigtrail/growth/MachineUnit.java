package app.rigtrail.growth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import app.rigtrail.fleet.Miner;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A machine received from an order, and when it was commissioned. */
@Entity
@Table(name = "machine_unit")
public class MachineUnit extends PanacheEntityBase {
    @Id
    @Column(name = "miner_id")
    public Long minerId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "miner_id", insertable = false, updatable = false)
    public Miner miner;
    @Column(name = "order_id")
    public Long orderId;
    @Column(name = "delivery_id")
    public Long deliveryId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "received_by")
    public String receivedBy;
    @Column(name = "commissioned_at")
    public Instant commissionedAt;
    @Column(name = "commissioned_by")
    public String commissionedBy;
}
