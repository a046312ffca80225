package app.rigtrail.growth;

import java.math.BigDecimal;

import io.quarkus.qute.TemplateExtension;

/** Formatting for the machine order and capacity plan pages. */
@TemplateExtension
final class GrowthTemplateExtensions {

    private GrowthTemplateExtensions() {
    }

    /** Cents as a plain amount for a form field: 1950000 -> "19500.00". */
    static String usdPlain(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
