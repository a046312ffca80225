package app.rigtrail.fleet;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "part")
public class Part extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "part_number")
    public String partNumber;
    @Enumerated(EnumType.STRING)
    public ComponentKind kind;
    public String description;
    @Enumerated(EnumType.STRING)
    public Vendor vendor;
    @Column(name = "unit_cost_cents")
    public long unitCostCents;
    public boolean serialized;
    @ManyToMany
    @JoinTable(name = "part_compatible_model", joinColumns = @JoinColumn(name = "part_id"),
            inverseJoinColumns = @JoinColumn(name = "model_id"))
    @OrderBy("name")
    public List<MinerModel> compatibleModels = new ArrayList<>();
    @Version
    public int version;

    public static Part findByPartNumber(String partNumber) {
        return find("partNumber", partNumber).firstResult();
    }
}
