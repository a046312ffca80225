package app.rigtrail.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Raised or acknowledged: who, when, why. Append-only. */
@Entity
@Table(name = "alert_event")
public class AlertEvent extends PanacheEntityBase {
    public static final String RAISED = "RAISED";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "alert_id")
    public Long alertId;
    public Instant at;
    public String actor;
    public String action;
    public String note;
}
