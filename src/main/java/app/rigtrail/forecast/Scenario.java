package app.rigtrail.forecast;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A named set of parameters that take effect on a date; three are built in and read-only. */
@Entity
@Table(name = "scenario")
public class Scenario extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String name;
    public String description;
    @Column(name = "built_in")
    public boolean builtIn;
    public String owner;
    @Column(name = "copied_from")
    public Long copiedFrom;
    /** {@link app.rigtrail.forecast.domain.ScenarioParameters} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String parameters;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    public static List<Scenario> listInOrder() {
        return list("order by builtIn desc, id");
    }

    public static Scenario findByCode(String code) {
        return find("code", code).firstResult();
    }
}
