package app.rigtrail.fleet.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The stable asset code PREFIX-MODEL-SEQUENCE (e.g. RGT-S21PRO-000042). It is assigned once and
 * survives a control-board swap, unlike the MAC address.
 */
public record AssetCode(String prefix, String model, int sequence) {

    private static final Pattern FORMAT = Pattern.compile("([A-Z]{2,6})-([A-Z0-9]{1,12})-(\\d{6})");

    public AssetCode {
        if (prefix == null || !prefix.matches("[A-Z]{2,6}")) {
            throw new IllegalArgumentException("prefix must be 2 to 6 capital letters");
        }
        if (model == null || !model.matches("[A-Z0-9]{1,12}")) {
            throw new IllegalArgumentException("model part must be 1 to 12 capital letters or digits");
        }
        if (sequence < 0 || sequence > 999_999) {
            throw new IllegalArgumentException("sequence must be 0 to 999999");
        }
    }

    /** The model part of a code for a model name: "S21 Pro" -> "S21PRO", "Whatsminer M60S" -> "WHATSMINERM6" (cut to 12). */
    public static String modelPart(String modelName) {
        String cleaned = modelName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("model name has no letters or digits: " + modelName);
        }
        return cleaned.length() > 12 ? cleaned.substring(0, 12) : cleaned;
    }

    public static AssetCode parse(String text) {
        var m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("asset code must look like RGT-S21PRO-000042");
        }
        return new AssetCode(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text.trim()).matches();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s-%s-%06d", prefix, model, sequence);
    }
}
