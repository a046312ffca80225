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

/** A user's choice to be mailed alerts of one kind at one site (or every site they see). */
@Entity
@Table(name = "alert_subscription")
public class AlertSubscription extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    public String email;
    @Enumerated(EnumType.STRING)
    public AlertKind kind;
    @Column(name = "site_id")
    public Long siteId;
    @Column(name = "created_at")
    public Instant createdAt;
}
