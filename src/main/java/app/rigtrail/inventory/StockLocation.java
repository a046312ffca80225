package app.rigtrail.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A place that holds spares: a site's store or lab, a warehouse, a hub. */
@Entity
@Table(name = "stock_location")
public class StockLocation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    public String name;
    public String kind;
    @Column(name = "site_id")
    public Long siteId;
    @Column(name = "hub_id")
    public Long hubId;

    public static StockLocation storeOf(Long siteId) {
        return find("siteId = ?1 and kind = 'SITE_STORE'", siteId).firstResult();
    }
}
