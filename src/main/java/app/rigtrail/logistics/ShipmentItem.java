package app.rigtrail.logistics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.Miner;
import app.rigtrail.fleet.Part;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of a shipment: a component, an RMA case (its component), a lot of parts, a miner, or a lot of new machines. */
@Entity
@Table(name = "shipment_item")
public class ShipmentItem extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shipment_id")
    public Shipment shipment;
    @Column(name = "item_kind")
    public String itemKind;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "component_id")
    public Component component;
    /** The RMA case this line carries (repair's), by id: logistics does not reach into repair. */
    @Column(name = "rma_case_id")
    public Long rmaCaseId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "part_id")
    public Part part;
    public int quantity;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "miner_id")
    public Miner miner;
    /** For a lot of new machines (MACHINE_LOT): their model; the quantity says how many. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "model_id")
    public app.rigtrail.fleet.MinerModel model;
}
