package app.rigtrail.forecast;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A background forecast run as every replica sees it: its state, progress and heartbeat, written
 * by the replica executing it (ForecastJobs). Its state changes are kept in {@link ForecastRunEvent}.
 */
@Entity
@Table(name = "forecast_run")
public class ForecastRun extends PanacheEntityBase {
    @Id
    public UUID id;
    public String owner;
    @Enumerated(EnumType.STRING)
    public ForecastJobs.State state;
    @Column(name = "replications_total")
    public int replicationsTotal;
    @Column(name = "replications_done")
    public int replicationsDone;
    @Column(name = "forecast_id")
    public Long forecastId;
    public String error;
    /** The replica executing it. */
    public String instance;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "cancel_requested_at")
    public Instant cancelRequestedAt;
    @Column(name = "cancel_requested_by")
    public String cancelRequestedBy;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
