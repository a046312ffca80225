package app.rigtrail.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads enum query parameters case-insensitively, and answers a value that is not one of them with
 * 400 and the allowed values (JAX-RS would otherwise answer 404 for an unreadable query parameter).
 */
@Provider
public class EnumParams implements ParamConverterProvider {

    /**
     * A choice sent as text (a query parameter read as a string), case-insensitively, or null when
     * blank; any other value is refused with 400 naming {@code field} and the allowed values.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'" + value + "' is not a valid " + field, java.util.List.of(
                    new FieldViolation(field, "must be one of " + Arrays.toString(type.getEnumConstants()))));
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (!rawType.isEnum()) {
            return null;
        }
        Class<? extends Enum> type = (Class<? extends Enum>) rawType;
        String name = NumberParams.name(annotations);
        return new ParamConverter<T>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return (T) Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    String allowed = Arrays.toString(type.getEnumConstants());
                    throw new BadRequestException(ProblemException.invalid("'" + value + "' is not one of " + allowed,
                            List.of(new FieldViolation(name == null ? "parameter" : name, "must be one of " + allowed))));
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : ((Enum<?>) value).name();
            }
        };
    }
}
