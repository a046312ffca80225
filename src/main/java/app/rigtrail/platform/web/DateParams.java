package app.rigtrail.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/** Reads date query parameters as ISO dates; anything else is 400 naming the parameter (JAX-RS would answer 404). */
@Provider
public class DateParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != LocalDate.class) {
            return null;
        }
        String name = NumberParams.name(annotations);
        if (name == null) {
            return null;
        }
        return new ParamConverter<T>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return (T) LocalDate.parse(value.trim());
                } catch (DateTimeParseException e) {
                    throw new BadRequestException(ProblemException.invalid("'" + value + "' is not a date",
                            List.of(new FieldViolation(name, "must be a date like 2026-01-31"))));
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
