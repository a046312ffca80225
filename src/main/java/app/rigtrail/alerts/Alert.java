package app.rigtrail.alerts;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.rigtrail.alerts.domain.AlertKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An alert as raised: never changed afterwards (its acknowledgement is an {@link AlertEvent}). */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public AlertKind kind;
    @Column(name = "subject_key")
    public String subjectKey;
    @Column(name = "site_id")
    public Long siteId;
    public String title;
    public String detail;
    public String link;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "raised_by")
    public String raisedBy;
}
