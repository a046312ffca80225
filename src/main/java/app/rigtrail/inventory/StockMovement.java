package app.rigtrail.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of the ledger. The database refuses to change or delete it. */
@Entity
@Table(name = "stock_movement")
public class StockMovement extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    public String actor;
    @Column(name = "part_id")
    public Long partId;
    public String kind;
    @Column(name = "from_location_id")
    public Long fromLocationId;
    @Column(name = "to_location_id")
    public Long toLocationId;
    public int quantity;
    @Column(name = "component_id")
    public Long componentId;
    @Column(name = "ticket_id")
    public Long ticketId;
    @Column(name = "purchase_order_id")
    public Long purchaseOrderId;
    public String reason;
}
