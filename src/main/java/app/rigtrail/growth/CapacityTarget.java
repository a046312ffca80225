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
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The installed TH/s planned at the end of a month, for the fleet (no site) or one site. */
@Entity
@Table(name = "capacity_target")
public class CapacityTarget extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "site_id")
    public Long siteId;
    /** The first day of the month. */
    public LocalDate month;
    @Column(name = "target_ths")
    public BigDecimal targetThs;
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;
    @Version
    public int version;
}
