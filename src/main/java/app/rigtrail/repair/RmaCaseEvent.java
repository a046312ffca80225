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

import app.rigtrail.repair.domain.RmaState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "rma_case_event")
public class RmaCaseEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public Long caseId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public RmaState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public RmaState toState;
    public String note;
}
