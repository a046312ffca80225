package app.rigtrail.forecast;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One state change of a forecast run: who, when, from, to, why, on which replica. Append-only. */
@Entity
@Table(name = "forecast_run_event")
public class ForecastRunEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "run_id")
    public UUID runId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public ForecastJobs.State fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public ForecastJobs.State toState;
    public String reason;
    public String instance;
}
