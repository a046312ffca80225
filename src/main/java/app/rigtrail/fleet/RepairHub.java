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
@Table(name = "repair_hub")
public class RepairHub extends PanacheEntityBase {
    public static final java.util.List<String> KINDS = java.util.List.of("VENDOR_AUTHORIZED", "ONSHORE_PARTNER",
            "IN_HOUSE_BENCH");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String name;
    public String kind;
    public String country;
    public String region;
    /** Comma-separated vendor codes. */
    public String vendors;
    /** Comma-separated part kinds. */
    @Column(name = "part_kinds")
    public String partKinds;
    @Column(name = "capacity_per_week")
    public int capacityPerWeek;
    @Column(name = "turnaround_days")
    public int turnaroundDays;
    /** Benches working in parallel (each repair taking the turnaround); null: the weekly capacity holds. */
    public Integer servers;
    @Version
    public int version;
}
