package app.rigtrail.platform.web;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * A JSON body that is missing, empty or the literal {@code null} is refused with 400 naming "body",
 * for every endpoint at once (they used to fail with a NullPointerException), unless the parameter
 * is marked {@link OptionalBody}.
 */
@Provider
public class RequiredBody implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body == null && isJson(context.getMediaType()) && !optional(context.getAnnotations())) {
            throw ProblemException.invalid("This request needs a JSON body",
                    List.of(new FieldViolation("body", "is required: send a JSON object, not an empty body or null")));
        }
        return body;
    }

    private static boolean isJson(MediaType type) {
        return type == null || type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json");
    }

    private static boolean optional(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof OptionalBody) {
                    return true;
                }
            }
        }
        return false;
    }
}
