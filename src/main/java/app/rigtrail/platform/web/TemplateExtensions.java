package app.rigtrail.platform.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Small formatting helpers for templates. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /**
     * A code kept as text (a hub's kind, a vendor or part kind in a list, a ledger movement) in the
     * users' words: a vendor or part kind by its own label, anything else with its underscores as
     * spaces and only its first letter capital ("VENDOR_AUTHORIZED" -> "Vendor authorized").
     */
    static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        for (app.rigtrail.fleet.domain.Vendor v : app.rigtrail.fleet.domain.Vendor.values()) {
            if (v.name().equals(code)) {
                return v.label();
            }
        }
        for (app.rigtrail.fleet.domain.ComponentKind k : app.rigtrail.fleet.domain.ComponentKind.values()) {
            if (k.name().equals(code)) {
                return k.label();
            }
        }
        String spaced = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        // acronyms stay capitals ("RMA_CASE" -> "RMA case")
        spaced = (" " + spaced + " ").replace(" rma ", " RMA ").replace(" psu ", " PSU ").trim();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Cents as dollars: 1234567 -> "$12,345.67". */
    static String dollars(long cents) {
        return NumberFormat.getCurrencyInstance(Locale.US).format(BigDecimal.valueOf(cents, 2));
    }

    /** TH/s as PH/s with one decimal: 512345.6 -> "512.3". */
    static String formatPh(double ths) {
        return String.format(Locale.US, "%,.1f", ths / 1000);
    }

    /** A fraction as a percentage with two decimals. */
    static String formatPct(double fraction) {
        return String.format(Locale.US, "%.2f%%", 100 * fraction);
    }

    /** A number rounded to a whole one, with thousands separators. */
    static String formatInt(double x) {
        return String.format(Locale.US, "%,.0f", x);
    }

    /** Dollars with cents, or a dash when unknown. */
    static String formatUsd(Double x) {
        return x == null ? "–" : String.format(Locale.US, "$%,.2f", x);
    }
}
