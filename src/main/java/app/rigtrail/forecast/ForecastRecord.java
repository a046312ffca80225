package app.rigtrail.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A forecast as it was run: inputs (with the seed) and result, never changed afterwards. */
@Entity
@Table(name = "forecast")
public class ForecastRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "start_date")
    public LocalDate startDate;
    public long seed;
    @Column(name = "horizon_days")
    public int horizonDays;
    public int replications;
    @Column(name = "scenario_names")
    public String scenarioNames;
    @JdbcTypeCode(SqlTypes.JSON)
    public String inputs;
    @JdbcTypeCode(SqlTypes.JSON)
    public String result;
    @Column(name = "elapsed_ms")
    public long elapsedMs;

    public static List<ForecastRecord> latest(int n) {
        return find("order by createdAt desc").page(0, n).list();
    }
}
