package app.rigtrail.repair;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.rigtrail.fleet.domain.ComponentKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The faulty and the replacement part of one swap, on one record. Append-only. */
@Entity
@Table(name = "component_swap")
public class ComponentSwap extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "ticket_id")
    public Long ticketId;
    @Column(name = "miner_id")
    public Long minerId;
    @Enumerated(EnumType.STRING)
    public ComponentKind kind;
    @Column(name = "slot_index")
    public int slotIndex;
    @Column(name = "faulty_component_id")
    public Long faultyComponentId;
    @Column(name = "replacement_component_id")
    public Long replacementComponentId;
    public Instant at;
    public String actor;
}
