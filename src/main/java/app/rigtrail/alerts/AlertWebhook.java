package app.rigtrail.alerts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import app.rigtrail.alerts.domain.AlertKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A receiver of signed alert webhooks (admins register them); kinds and site narrow what it gets. */
@Entity
@Table(name = "alert_webhook")
public class AlertWebhook extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String url;
    /** The HMAC key; shown to the admin once, when created or rotated. */
    public String secret;
    /** Comma-separated AlertKind names. */
    public String kinds;
    @Column(name = "site_id")
    public Long siteId;
    public boolean active;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public int version;

    public List<AlertKind> kindList() {
        return Arrays.stream(kinds.split(",")).filter(s -> !s.isBlank()).map(AlertKind::valueOf).toList();
    }
}
