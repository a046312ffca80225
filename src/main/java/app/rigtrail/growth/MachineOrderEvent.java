package app.rigtrail.growth;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.rigtrail.growth.domain.MachineOrderState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What happened to an order: placed, a state change, a delay, an edit. Never updated. */
@Entity
@Table(name = "machine_order_event")
public class MachineOrderEvent extends PanacheEntityBase {

    /** The kinds of events, in users' words. */
    public enum Action {
        PLACED("Placed"), STATE("State"), DELAYED("Delayed"), EDITED("Edited"), DELIVERY("Delivery"),
        RECEIPT("Received"), COMMISSIONING("Commissioned"), CANCELLATION("Cancelled"), LOSS("Lost");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "order_id")
    public Long orderId;
    public Instant at;
    public String actor;
    @Enumerated(EnumType.STRING)
    public Action action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public MachineOrderState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public MachineOrderState toState;
    @Column(name = "from_date")
    public LocalDate fromDate;
    @Column(name = "to_date")
    public LocalDate toDate;
    @Column(name = "delivery_id")
    public Long deliveryId;
    public String change;
    public String reason;
}
