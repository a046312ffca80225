package app.rigtrail.platform.domain;

/** Small rules for text typed by users, once for every feature (#13 item 3). */
public final class Text {

    private Text() {
    }

    /** The text trimmed, or null when it is missing or only blanks (an optional field left empty). */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
