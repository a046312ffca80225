package app.rigtrail.inventory;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Spares planning defaults (docs/inventory.md, RIGTRAIL_STOCK_*). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.stock")
public interface StockConfig {

    /** Lead days of a purchase of spares when none is quoted, and of the reorder policy. */
    @WithDefault("42")
    int defaultLeadDays();

    /** The share of demand the recommended stock meets from the shelf. */
    @WithDefault("0.95")
    double targetFillRate();

    /** Failures a year of one installed part, the demand the recommended stock is set for. */
    @WithDefault("0.05")
    double failuresPerUnitYear();
}
