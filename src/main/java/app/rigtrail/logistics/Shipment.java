package app.rigtrail.logistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.RepairHub;
import app.rigtrail.fleet.Site;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.logistics.domain.ShipmentState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "shipment")
public class Shipment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public ShipmentKind kind;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    public String origin;
    public String destination;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    public Site site;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "hub_id")
    public RepairHub hub;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "port_id")
    public Port port;
    @Enumerated(EnumType.STRING)
    public ShipmentState state;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @OneToMany(mappedBy = "shipment", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    public List<ShipmentItem> items = new ArrayList<>();
    @Version
    public int version;

    public String label() {
        return "S-" + id;
    }
}
