package app.rigtrail.fleet;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "miner_model")
public class MinerModel extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public Vendor vendor;
    public String name;
    @Column(name = "hashrate_ths")
    public BigDecimal hashrateThs;
    @Column(name = "power_watts")
    public int powerWatts;
    public int hashboards;
    public int fans;
    public int psus;
    @Column(name = "control_boards")
    public int controlBoards;
    @Column(name = "hashboard_degrades")
    public boolean hashboardDegrades;
    @Column(name = "warranty_days")
    public int warrantyDays;
    @Version
    public int version;

    public int slots(ComponentKind kind) {
        return switch (kind) {
            case HASHBOARD -> hashboards;
            case FAN -> fans;
            case PSU -> psus;
            case CONTROL_BOARD -> controlBoards;
        };
    }

    public static MinerModel findByName(String name) {
        return find("lower(name) = ?1", name.toLowerCase()).firstResult();
    }
}
