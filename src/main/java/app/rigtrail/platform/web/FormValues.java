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
 * What a form sent, read into typed values, with a message per field that could not be read.
 * The same object re-renders a refused form with what the user typed and why it was refused.
 */
public final class FormValues {

    private final Map<String, List<String>> values;
    private final List<FieldViolation> errors = new ArrayList<>();
    private String message;

    private FormValues(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormValues of(Map<String, ? extends List<String>> form) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        form.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
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
            errors.add(new FieldViolation(name, "must be a whole number"));
            return 0;
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
            errors.add(new FieldViolation(name, "must be a number"));
            return null;
        }
    }

    /** Dollars typed as 123.45, returned in cents. */
    public long cents(String name) {
        BigDecimal d = decimal(name);
        return d == null ? 0 : d.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldViolation(name, "'" + v + "' is not a valid choice"));
            return null;
        }
    }

    public <E extends Enum<E>> List<E> enums(String name, Class<E> type) {
        List<E> result = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            try {
                result.add(Enum.valueOf(type, v));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldViolation(name, "'" + v + "' is not a valid choice"));
            }
        }
        return result;
    }

    public List<Long> longs(String name) {
        List<Long> result = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            try {
                result.add(Long.parseLong(v));
            } catch (NumberFormatException e) {
                errors.add(new FieldViolation(name, "'" + v + "' is not a valid choice"));
            }
        }
        return result;
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
