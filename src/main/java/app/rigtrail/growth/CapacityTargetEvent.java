package app.rigtrail.growth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A change of a capacity target (from null: set; to null: removed). Never updated. */
@Entity
@Table(name = "capacity_target_event")
public class CapacityTargetEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "site_id")
    public Long siteId;
    public LocalDate month;
    @Column(name = "from_ths")
    public BigDecimal fromThs;
    @Column(name = "to_ths")
    public BigDecimal toThs;
    public String actor;
    public Instant at;
    public String reason;
}
