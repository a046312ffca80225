package app.rigtrail.inventory;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.inventory.domain.PurchaseOrderState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "purchase_order")
public class PurchaseOrder extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "part_id")
    public Long partId;
    @Column(name = "location_id")
    public Long locationId;
    public int quantity;
    @Column(name = "quoted_lead_days")
    public int quotedLeadDays;
    @Column(name = "expected_on")
    public LocalDate expectedOn;
    @Enumerated(EnumType.STRING)
    public PurchaseOrderState state;
    @Column(name = "shipment_id")
    public Long shipmentId;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public int version;
}
