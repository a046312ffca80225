package app.rigtrail.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads whole-number query, form and header parameters (Integer, Long), answering a value that is
 * not one ({@code siteId=abc}, {@code page=1.5}, a number beyond the type) with 400 naming the
 * parameter; JAX-RS would answer 404 as if the resource did not exist.
 */
@Provider
public class NumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Integer.class && rawType != Long.class) {
            return null;
        }
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        boolean integer = rawType == Integer.class;
        return new ParamConverter<T>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    return null;
                }
                try {
                    return (T) (integer ? (Object) Integer.valueOf(value.trim()) : (Object) Long.valueOf(value.trim()));
                } catch (NumberFormatException e) {
                    // wrapped: JAX-RS lets a WebApplicationException through, ErrorResponses unwraps the problem
                    throw new jakarta.ws.rs.BadRequestException(ProblemException.invalid("'" + value
                            + "' is not a whole number", List.of(new FieldViolation(name, "must be a whole number"
                                    + (integer ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : "")))));
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    /** The name of a query, form or header parameter from its annotations, or null. */
    static String name(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof jakarta.ws.rs.PathParam p) {
                return p.value();
            }
        }
        return null;
    }
}
