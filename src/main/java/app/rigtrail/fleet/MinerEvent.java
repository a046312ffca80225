package app.rigtrail.fleet;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import app.rigtrail.fleet.domain.MinerStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An appended change of a miner's status. Never updated: the database refuses it. */
@Entity
@Table(name = "miner_event")
public class MinerEvent extends PanacheEntityBase {
    @Id
    // 50 ids per sequence call (V25): the inserts wait for the flush and go in one batch
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "miner_event_ids")
    @SequenceGenerator(name = "miner_event_ids", sequenceName = "miner_event_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "miner_id")
    public Long minerId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public MinerStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public MinerStatus toStatus;
    public String reason;
}
