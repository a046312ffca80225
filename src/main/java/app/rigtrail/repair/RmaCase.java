package app.rigtrail.repair;

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

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.RepairHub;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.repair.domain.RmaState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One component sent for repair or replacement under a vendor's RMA process. */
@Entity
@Table(name = "rma_case")
public class RmaCase extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "component_id")
    public Component component;
    @Column(name = "ticket_id")
    public Long ticketId;
    @Column(name = "site_id")
    public Long siteId;
    @Enumerated(EnumType.STRING)
    public Vendor vendor;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "hub_id")
    public RepairHub hub;
    @Enumerated(EnumType.STRING)
    public RmaState state;
    /** The part the hub sent back instead of {@link #component}, once it replaced it. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "replacement_component_id")
    public Component replacement;
    @Column(name = "rma_number")
    public String rmaNumber;
    @Column(name = "claim_reason")
    public String claimReason;
    @Column(name = "fault_code")
    public String faultCode;
    @Column(name = "vendor_ticket_id")
    public String vendorTicketId;
    @Column(name = "fault_description")
    public String faultDescription;
    @Column(name = "in_warranty")
    public boolean inWarranty;
    @Column(name = "dead_on_arrival")
    public boolean deadOnArrival;
    @Column(name = "dispatched_on")
    public LocalDate dispatchedOn;
    @Column(name = "return_count")
    public int returnCount;
    @Column(name = "last_returned_at")
    public Instant lastReturnedAt;
    @Column(name = "opened_by")
    public String openedBy;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Version
    public int version;

    /** The part this case moves from now on: the replacement once the hub sent one, else the original. */
    public Component partInHand() {
        return replacement != null ? replacement : component;
    }
}
