package app.rigtrail.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String name;
    public String region;
    public String country;
    @Column(name = "time_zone")
    public String timeZone;
    public int buildings;
    @Column(name = "rows_per_building")
    public int rowsPerBuilding;
    @Column(name = "racks_per_row")
    public int racksPerRow;
    @Column(name = "slots_per_rack")
    public int slotsPerRack;
    public boolean sensitive;
    @Column(name = "sensitive_note")
    public String sensitiveNote;
    @Version
    public int version;

    public static Site findByCode(String code) {
        return find("code", code).firstResult();
    }
}
