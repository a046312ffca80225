package app.rigtrail.fleet;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One step of a component's genealogy: from where, to where, in which miner, who and why. Append-only. */
@Entity
@Table(name = "component_event")
public class ComponentEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "component_id")
    public Long componentId;
    public Instant at;
    public String actor;
    @Column(name = "from_location")
    public String fromLocation;
    @Column(name = "to_location")
    public String toLocation;
    @Column(name = "miner_id")
    public Long minerId;
    public String reason;
}
