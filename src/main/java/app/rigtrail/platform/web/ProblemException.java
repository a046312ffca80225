package app.rigtrail.platform.web;

import java.util.List;

/** A refusal with an HTTP status, rendered as problem+json on the API and as a message on pages. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldViolation> violations;
    private final java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();
    private String fixHref;
    private String fixText;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException invalid(String detail, List<FieldViolation> violations) {
        return new ProblemException(400, "Invalid input", detail, violations);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** Adds an extension member to the problem document. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /**
     * Names the page where the refusal can be fixed ("RMA case #12"): pages show it as a link, the
     * API carries it as the extension member {@code fixAt}.
     */
    public ProblemException fixAt(String href, String text) {
        fixHref = href;
        fixText = text;
        extensions.put("fixAt", href);
        return this;
    }

    public String fixHref() {
        return fixHref;
    }

    public String fixText() {
        return fixText;
    }

    /** The refusal in one line for a page: the detail, then each offending field and why. */
    public String readable() {
        return getMessage() + (violations.isEmpty() ? ""
                : ": " + String.join("; ", violations.stream().map(ProblemException::readable).toList()));
    }

    /** A message that is a sentence of its own ("Bitmain needs its RMA number") stands without the field's code. */
    private static String readable(FieldViolation v) {
        String m = v.message();
        return !m.isEmpty() && Character.isUpperCase(m.charAt(0)) ? m : v.field() + " " + m;
    }

    public java.util.Map<String, Object> extensions() {
        return extensions;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
