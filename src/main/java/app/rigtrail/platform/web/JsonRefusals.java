package app.rigtrail.platform.web;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** A JSON body that could not be read, in words: the field at fault (its path) and what it must be. */
final class JsonRefusals {

    private JsonRefusals() {
    }

    static FieldViolation violation(JsonProcessingException e) {
        String field = field(e);
        return new FieldViolation(field, message(e, field));
    }

    static String detail(JsonProcessingException e, FieldViolation v) {
        if (!(e instanceof JsonMappingException) || v.field().equals("body")) {
            return "The body is not valid JSON: " + v.message();
        }
        return "Cannot read " + v.field() + ": it " + v.message();
    }

    /** "items[0].quantity", or "body" when the fault is not in a field. */
    static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    b.append('[').append(r.getIndex()).append(']');
                }
            }
            if (!b.isEmpty()) {
                return b.charAt(0) == '[' ? "body" + b : b.toString();
            }
        }
        return "body";
    }

    private static String message(JsonProcessingException e, String field) {
        Throwable cause = e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException c ? c : e;
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        String said = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (said.contains("must not contain control characters")) {
            return said.substring(said.indexOf("must not contain control characters"));
        }
        if (cause instanceof InputCoercionException || cause.getMessage() != null
                && cause.getMessage().contains("out of range")) {
            return "is out of range: " + bounds(e);
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null && v.getCause().getMessage() != null) {
            return "is not valid: " + v.getCause().getMessage();
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String what = expected(m.getTargetType());
            if (what != null) {
                Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
                return (value == null ? "" : "'" + value + "' ") + "must be " + what;
            }
        }
        String original = e.getOriginalMessage() == null ? "cannot be read" : e.getOriginalMessage().split("\n")[0];
        if (original.startsWith("Trailing token")) {
            return "has more after the JSON value; send one JSON value";
        }
        if (original.startsWith("Cannot coerce")) {
            return original.replaceAll("\\(\\w+\\.[\\w.$]+\\)", "").replaceAll("`[\\w.$]+`", "this field");
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return original.replaceAll("`[\\w.$]+`", "value").replaceAll("\\(class [\\w.$]+\\)", "") + where;
    }

    private static String expected(Class<?> type) {
        if (List.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class).contains(type)) {
            return "a whole number";
        }
        if (List.of(Double.class, double.class, Float.class, float.class, java.math.BigDecimal.class).contains(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "a date like \"2026-01-31\"";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "a time like \"2026-01-31T08:00:00Z\"";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (List.class.isAssignableFrom(type) || java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return null;
    }

    private static String bounds(JsonProcessingException e) {
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            if (t == Integer.class || t == int.class) {
                return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
            }
        }
        String text = e.getOriginalMessage();
        return text != null && text.contains("int") && !text.contains("long") ? "too large for a whole number"
                : "too large";
    }
}
