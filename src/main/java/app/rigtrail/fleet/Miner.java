package app.rigtrail.fleet;

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

import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.fleet.domain.RackPosition;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "miner")
public class Miner extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String serial;
    @Column(name = "asset_code")
    public String assetCode;
    public String mac;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "model_id")
    public MinerModel model;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    public Site site;
    /** The rack position; all four are null while a received machine waits to be commissioned. */
    public Integer building;
    @Column(name = "row_no")
    public Integer row;
    public Integer rack;
    public Integer slot;
    @Enumerated(EnumType.STRING)
    public MinerStatus status;
    @Column(name = "warranty_end")
    public LocalDate warrantyEnd;
    @Column(name = "installed_at")
    public Instant installedAt;
    @Version
    public int version;

    /** Where it is installed, or null while it has no position yet (received, not commissioned). */
    public RackPosition position() {
        return building == null ? null : new RackPosition(building, row, rack, slot);
    }

    public void placeAt(RackPosition p) {
        building = p.building();
        row = p.row();
        rack = p.rack();
        slot = p.slot();
    }

    public static Miner findBySerial(String serial) {
        return find("serial", serial).firstResult();
    }
}
