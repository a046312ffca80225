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
