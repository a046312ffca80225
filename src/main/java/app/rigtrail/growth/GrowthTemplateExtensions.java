package app.rigtrail.growth;

import java.math.BigDecimal;

import io.quarkus.qute.TemplateExtension;

/** Formatting for the machine order and capacity plan pages. */
@TemplateExtension
final class GrowthTemplateExtensions {

    private GrowthTemplateExtensions() {
    }

    /** A vendor as people write it: BITMAIN -> "Bitmain". */
    static String vendorName(app.rigtrail.fleet.domain.Vendor v) {
        return Words.vendor(v.name());
    }

    /** Cents as a plain amount for a form field: 1950000 -> "19500.00". */
    static String usdPlain(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
