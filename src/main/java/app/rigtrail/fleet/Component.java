package app.rigtrail.fleet;

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

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A serialized hashboard, fan, PSU or control board, and where it is now. */
@Entity
@Table(name = "component")
public class Component extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String serial;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "part_id")
    public Part part;
    @Enumerated(EnumType.STRING)
    public ComponentKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "location_kind")
    public LocationKind locationKind;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "miner_id")
    public Miner miner;
    @Column(name = "slot_index")
    public Integer slotIndex;
    @Column(name = "location_ref")
    public String locationRef;
    @Column(name = "site_id")
    public Long siteId;
    /** The hashboard's bin as the vendor labels it (null when unknown or not a hashboard). */
    public String bin;
    @Version
    public int version;

    /** Where it is, in words, as the genealogy records it. */
    public String describeLocation() {
        return switch (locationKind) {
            case INSTALLED -> "installed in " + (miner == null ? "?" : miner.assetCode) + " " + kind.name().toLowerCase()
                    + " slot " + slotIndex;
            case STOCK -> "in stock at " + locationRef;
            case SHIPMENT -> "in transit on shipment " + locationRef;
            case CUSTOMS_HOLD -> "in customs hold " + locationRef;
            case HUB -> "at repair hub " + locationRef;
            case SCRAPPED -> "scrapped";
        };
    }

    public static Component findBySerial(String serial) {
        return find("serial", serial).firstResult();
    }
}
