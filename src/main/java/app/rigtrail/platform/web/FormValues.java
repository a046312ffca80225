package app.rigtrail.platform.web;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a form sent, read into typed values. A value that cannot be read (a number, date, id, choice
 * or version that is not one) is refused at once with 400 naming its field (ProblemException), so no
 * handler acts on a 0 or a null in its place; a required field left empty is collected in
 * {@link #errors()}.
 * The same object re-renders a refused form with what the user typed and why it was refused.
 */
public final class FormValues {

    private final Map<String, List<String>> values;
    private final List<FieldViolation> errors = new ArrayList<>();
    private String message;

    private FormValues(Map<String, List<String>> values) {
        this.values = values;
    }

    /** What a form sent; a value with a NUL or another control character is refused with 400 naming its field. */
    public static FormValues of(Map<String, ? extends List<String>> form) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            TextRules.require(k, k);
            v.forEach(value -> TextRules.require(k, value));
            copy.put(k, new ArrayList<>(v));
        });
        return new FormValues(copy);
    }

    public static FormValues ofSingle(Map<String, String> single) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        single.forEach((k, v) -> copy.put(k, List.of(v)));
        return new FormValues(copy);
    }

    /** Prefills a form from a view record: each component becomes a field of the same name. */
    public static FormValues ofRecord(Record view) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (RecordComponent c : view.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(view);
                if (v instanceof Collection<?> items) {
                    map.put(c.getName(), items.stream().map(String::valueOf).toList());
                } else if (v instanceof Boolean b) {
                    map.put(c.getName(), b ? List.of("on") : List.of());
                } else if (v != null) {
                    map.put(c.getName(), List.of(String.valueOf(v)));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return new FormValues(map);
    }

    public FormValues with(String name, String value) {
        values.put(name, value == null ? List.of() : List.of(value));
        return this;
    }

    // ---- reading ----

    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).trim();
    }

    /** The trimmed value, "" when the field was sent blank (to clear it), null when it was not sent at all. */
    public String getOrEmpty(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0).trim();
    }

    public String upper(String name) {
        String v = get(name);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    public boolean checked(String name) {
        String v = get(name);
        return v != null && !v.equals("false");
    }

    public int integer(String name) {
        String v = get(name);
        if (v == null) {
            errors.add(new FieldViolation(name, "is required"));
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // refused at once: a caller that went on would act on 0 (issue #16)
            throw refused(name, "must be a whole number");
        }
    }

    public Integer optionalInteger(String name) {
        return get(name) == null ? null : integer(name);
    }

    public BigDecimal decimal(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw refused(name, "must be a number");
        }
    }

    /** The largest amount a form takes: ten billion dollars, in cents. */
    public static final long MAX_CENTS = 1_000_000_000_000L;

    /** Dollars typed as 123.45, returned in cents; an amount that is not one, negative or above {@link #MAX_CENTS}, is refused at once. */
    public long cents(String name) {
        String v = get(name);
        if (v == null) {
            return 0;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v.replace(",", "").replace("$", "").trim());
        } catch (NumberFormatException e) {
            throw refused(name, "must be an amount in dollars, like 19500.00");
        }
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX_CENTS).movePointLeft(2)) > 0) {
            throw refused(name, "must be an amount between 0 and " + BigDecimal.valueOf(MAX_CENTS).movePointLeft(2)
                    .toPlainString() + " dollars");
        }
        return d.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw refused(name, "'" + v + "' is not a valid choice");
        }
    }

    public <E extends Enum<E>> List<E> enums(String name, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            try {
                result.add(Enum.valueOf(type, v));
            } catch (IllegalArgumentException e) {
                throw refused(name, "'" + v + "' is not a valid choice");
            }
        }
        return result;
    }

    /**
     * The ids ticked or listed in a field. An id that is not a number is never what a page sent, and
     * skipping it would change what the form means (an assignment without the site would remove it):
     * it is refused at once with 400 naming the field.
     */
    public List<Long> longs(String name) {
        List<Long> result = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            if (v.isBlank()) {
                continue;
            }
            try {
                result.add(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                throw refused(name, "'" + v + "' is not a valid choice");
            }
        }
        return result;
    }

    /** An id chosen in the form (a select or a hidden field), or null when none was sent; refused at once if it is not a number. */
    public Long id(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            long id = Long.parseLong(v);
            if (id < 1) {
                throw refused(name, "'" + v + "' is not a valid choice");
            }
            return id;
        } catch (NumberFormatException e) {
            throw refused(name, "'" + v + "' is not a valid choice");
        }
    }

    /**
     * The version of the record the form was loaded with (a hidden field), or null when not sent.
     * Refused at once when it is not a whole number: reading it as 0 would act on an old version.
     */
    public Integer version() {
        String v = get("version");
        if (v == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(v);
            if (version < 0) {
                throw refused("version", "must be a whole number >= 0");
            }
            return version;
        } catch (NumberFormatException e) {
            throw refused("version", "must be the whole number of the version you loaded");
        }
    }

    /** A date typed as 2026-01-31, or null when blank; refused at once with 400 naming the field otherwise. */
    public java.time.LocalDate date(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw refused(name, "'" + v + "' is not a date like 2026-01-31");
        }
    }

    private static ProblemException refused(String name, String message) {
        return ProblemException.invalid("Some fields are not valid", List.of(new FieldViolation(name, message)));
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    public FormValues withErrors(String message, List<FieldViolation> violations) {
        this.message = message;
        for (FieldViolation v : violations) {
            if (!errors.contains(v)) {
                errors.add(v);
            }
        }
        return this;
    }

    // ---- for templates ----

    public String value(String name) {
        String v = get(name);
        return v == null ? "" : v;
    }

    public boolean has(String name, Object option) {
        return values.getOrDefault(name, List.of()).contains(String.valueOf(option));
    }

    public boolean isChecked(String name) {
        return checked(name);
    }

    /** The messages for one field, joined, or null. */
    public String error(String name) {
        List<String> messages = errors.stream().filter(e -> e.field().equals(name)).map(FieldViolation::message)
                .toList();
        return messages.isEmpty() ? null : String.join("; ", messages);
    }

    public String getMessage() {
        return message;
    }

    public List<FieldViolation> getViolations() {
        return errors;
    }
}
