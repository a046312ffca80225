package app.rigtrail.logistics;

import java.math.BigDecimal;
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

import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.logistics.domain.CustomsClocks;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.logistics.domain.HoldOutcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customs entry held at a port, with its dates, fees and outcome. */
@Entity
@Table(name = "customs_hold")
public class CustomsHold extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shipment_id")
    public Shipment shipment;
    @Column(name = "entry_number")
    public String entryNumber;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "port_id")
    public Port port;
    public String filer;
    @Column(name = "hts_code")
    public String htsCode;
    @Column(name = "declared_value_cents")
    public long declaredValueCents;
    @Enumerated(EnumType.STRING)
    public Vendor vendor;
    @Enumerated(EnumType.STRING)
    public HoldKind kind;
    @Column(name = "presented_on")
    public LocalDate presentedOn;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "detention_notice_on")
    public LocalDate detentionNoticeOn;
    @Column(name = "decided_on")
    public LocalDate decidedOn;
    @Enumerated(EnumType.STRING)
    public HoldOutcome outcome;
    @Column(name = "storage_fee_cents_per_day")
    public long storageFeeCentsPerDay;
    @Column(name = "last_free_day")
    public LocalDate lastFreeDay;
    public int units;
    @Column(name = "hashrate_ths")
    public BigDecimal hashrateThs;
    @Version
    public int version;

    public CustomsClocks clocks() {
        return new CustomsClocks(presentedOn, kind, detentionNoticeOn, decidedOn, lastFreeDay);
    }

    public String label() {
        return "H-" + id;
    }
}
