package app.rigtrail.growth;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.fleet.MinerModel;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.growth.domain.MachineOrderState;
import app.rigtrail.growth.domain.OrderLedger;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A purchase order for machines, with the balances of its ledger. */
@Entity
@Table(name = "machine_order")
public class MachineOrder extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "model_id")
    public MinerModel model;
    @Enumerated(EnumType.STRING)
    public Vendor vendor;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    public Site site;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "port_id")
    public Port port;
    public int quantity;
    @Column(name = "unit_price_cents")
    public long unitPriceCents;
    @Column(name = "deposit_paid_cents")
    public long depositPaidCents;
    @Column(name = "quoted_lead_days")
    public int quotedLeadDays;
    @Column(name = "ordered_on")
    public LocalDate orderedOn;
    @Column(name = "expected_ship_on")
    public LocalDate expectedShipOn;
    @Column(name = "expected_arrival_on")
    public LocalDate expectedArrivalOn;
    @Column(name = "vendor_reference")
    public String vendorReference;
    public String note;
    @Enumerated(EnumType.STRING)
    public MachineOrderState state;
    @Column(name = "on_order")
    public int onOrder;
    @Column(name = "on_delivery")
    public int onDelivery;
    @Column(name = "awaiting_commissioning")
    public int awaitingCommissioning;
    public int commissioned;
    public int cancelled;
    public int lost;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public int version;

    public OrderLedger ledger() {
        return new OrderLedger(quantity, onOrder, onDelivery, awaitingCommissioning, commissioned, cancelled, lost);
    }

    void setLedger(OrderLedger l) {
        onOrder = l.onOrder();
        onDelivery = l.onDelivery();
        awaitingCommissioning = l.awaitingCommissioning();
        commissioned = l.commissioned();
        cancelled = l.cancelled();
        lost = l.lost();
    }

    public String label() {
        return "MO-" + id;
    }
}
