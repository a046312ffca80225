package app.rigtrail.logistics;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Raised once per hold and clock by the scheduled check; kept as a record. */
@Entity
@Table(name = "hold_alert")
public class HoldAlert extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "hold_id")
    public Long holdId;
    public String kind;
    @Column(name = "raised_at")
    public Instant raisedAt;
    public String message;
}
