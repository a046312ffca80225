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

    private static volatile java.util.List<CodeWords> codeWords;

    /** The features' {@link CodeWords}, looked up once. */
    private static java.util.List<CodeWords> codeWords() {
        java.util.List<CodeWords> known = codeWords;
        if (known == null) {
            known = io.quarkus.arc.Arc.container().select(CodeWords.class).stream().toList();
            codeWords = known;
        }
        return known;
    }

    /**
     * A code kept as text (a hub's kind, a vendor or part kind in a list, a ledger movement) in the
     * users' words: a code a feature knows by its words ({@link CodeWords}: a vendor or part kind by its
     * own label), anything else with its underscores as
     * spaces and only its first letter capital ("VENDOR_AUTHORIZED" -> "Vendor authorized").
     */
    static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        for (CodeWords known : codeWords()) {
            java.util.Optional<String> words = known.words(code);
            if (words.isPresent()) {
                return words.get();
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
