package app.rigtrail.growth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.rigtrail.growth.domain.Bucket;
import app.rigtrail.growth.domain.MovementKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One movement of an order's ledger. Never updated: the database refuses it. */
@Entity
@Table(name = "machine_order_movement")
public class MachineOrderMovement extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "order_id")
    public Long orderId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    public MovementKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_bucket")
    public Bucket fromBucket;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_bucket")
    public Bucket toBucket;
    public int quantity;
    @Column(name = "delivery_id")
    public Long deliveryId;
    public String reason;
}
