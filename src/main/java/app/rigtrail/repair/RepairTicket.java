package app.rigtrail.repair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.Miner;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.repair.domain.RepairRoute;
import app.rigtrail.repair.domain.TicketState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A failure seen on a miner, and what is being done about it. State changes only through RepairService. */
@Entity
@Table(name = "repair_ticket")
public class RepairTicket extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "miner_id")
    public Miner miner;
    @Column(name = "site_id")
    public Long siteId;
    @Enumerated(EnumType.STRING)
    public TicketState state;
    @Enumerated(EnumType.STRING)
    public RepairRoute route;
    public String symptom;
    @Column(name = "error_codes")
    public String errorCodes;
    public String notes;
    public String diagnosis;
    @Enumerated(EnumType.STRING)
    @Column(name = "prior_miner_status")
    public MinerStatus priorMinerStatus;
    @Column(name = "opened_by")
    public String openedBy;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @ManyToMany
    @JoinTable(name = "ticket_failed_component", joinColumns = @JoinColumn(name = "ticket_id"),
            inverseJoinColumns = @JoinColumn(name = "component_id"))
    public List<Component> failedComponents = new ArrayList<>();
    @Version
    public int version;
}
