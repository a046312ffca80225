package app.rigtrail.platform.web;

/**
 * What text a client may send in any field, query parameter or form value: no NUL and no other
 * control characters (PostgreSQL refuses NUL in text, and the others only hide what a value says).
 * Tab, line feed and carriage return are allowed (notes and descriptions have lines).
 */
public final class TextRules {

    private TextRules() {
    }

    /** The index of the first character not allowed in text, or -1 when every character is allowed. */
    public static int firstForbidden(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (forbidden(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || (c >= 0x80 && c < 0xA0)
                || c == '\uFFFE' || c == '\uFFFF';
    }

    /** Why the text is refused, naming the character and where it is, or null when it is allowed. */
    public static String problem(CharSequence text) {
        int i = firstForbidden(text);
        return i < 0 ? null
                : String.format("must not contain control characters (U+%04X at position %d)", (int) text.charAt(i), i + 1);
    }

    /** Refuses text with a control character: 400 naming the field. */
    public static String require(String field, String text) {
        String problem = problem(text);
        if (problem != null) {
            throw ProblemException.invalid("Some text contains control characters",
                    java.util.List.of(new FieldViolation(field, problem)));
        }
        return text;
    }
}
