package app.rigtrail.platform.web;

/** One offending field (or CSV row and column) and why. */
public record FieldViolation(String field, String message) {
}
