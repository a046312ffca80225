package app.rigtrail.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * One place that turns every failure into a response: problem+json (RFC 9457) under /api, a
 * readable page elsewhere. No stack trace leaves the server; unexpected failures are logged with
 * an id that the user sees.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    @Inject
    @Location("error.html")
    Template errorPage;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(uri, e.status(), e.title(), e.getMessage(), e.violations(), e.extensions());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return respond(uri, 400, "Invalid input", "Some fields are not valid: see violations", violations);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri) {
        FieldViolation v = JsonRefusals.violation(e);
        return respond(uri, 400, "Unreadable request", JsonRefusals.detail(e, v), List.of(v));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /** A number or a date in a query parameter or form that a handler could not read (the field is not known here). */
    @ServerExceptionMapper
    public Response unreadableNumber(NumberFormatException e, UriInfo uri) {
        return respond(uri, 400, "Unreadable request", "A value that must be a whole number is not one"
                + (e.getMessage() == null ? "" : ": " + e.getMessage().replace("For input string: ", "")), List.of());
    }

    @ServerExceptionMapper
    public Response unreadableDate(java.time.format.DateTimeParseException e, UriInfo uri) {
        return respond(uri, 400, "Unreadable request", "'" + e.getParsedString()
                + "' is not a date like 2026-01-31", List.of());
    }

    @ServerExceptionMapper
    public Response staleVersion(OptimisticLockException e, UriInfo uri) {
        return stale(uri);
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleObjectStateException e, UriInfo uri) {
        return stale(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(uri, 403, "Forbidden", "Your role does not allow this", List.of());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(uri, 401, "Unauthorized", "Sign in, or send a bearer token", List.of());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        if (!isApi(uri)) {
            // a page whose session was refused (ended by a logout, expired): this may run on the event loop before any
            // identity exists, so a plain page rather than the layout (which asks for the user); the session cookie has
            // been dropped, so the link signs in afresh
            String path = uri.getPath() == null || !uri.getPath().startsWith("/") ? "/" : uri.getPath();
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity("<!doctype html>"
                    + "<meta charset=\"utf-8\"><title>Signed out</title><h1>You are signed out</h1><p>This session has "
                    + "ended. <a href=\"" + path.replace("\"", "%22").replace("<", "%3C") + "\">Sign in again</a></p>").build();
        }
        return respond(uri, 401, "Unauthorized", "The credentials were not accepted", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri);
        }
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            // the JSON reader wraps parse errors (bad syntax, a number out of range) in a bare 400
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request refused";
        String detail = switch (status) {
            case 404 -> "No such resource: " + uri.getPath();
            case 405 -> "Method not allowed on " + uri.getPath();
            case 406 -> "Cannot produce the requested media type";
            case 415 -> "Unsupported media type";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        return respond(uri, status, title, detail, List.of());
    }

    @Inject
    DatabaseOutage outage;

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.isOutage(e)) {
            // logged once per outage (DatabaseOutage), not per request; nothing was written
            outage.refused(e);
            Response r = respond(uri, 503, "Service unavailable", "The database cannot be reached; nothing was "
                    + "saved. Try again in " + outage.retryAfterSeconds() + " s.", List.of());
            return Response.fromResponse(r).header("Retry-After", outage.retryAfterSeconds()).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", id, uri.getPath());
        return respond(uri, 500, "Internal error",
                "Something went wrong on our side; nothing was saved. Reference: " + id, List.of());
    }

    private Response stale(UriInfo uri) {
        return respond(uri, 409, "Changed by someone else",
                "This record was changed by someone else since you loaded it; reload it and try again", List.of());
    }

    private Response respond(UriInfo uri, int status, String title, String detail, List<FieldViolation> violations) {
        return respond(uri, status, title, detail, violations, java.util.Map.of());
    }

    private Response respond(UriInfo uri, int status, String title, String detail, List<FieldViolation> violations,
            java.util.Map<String, Object> extensions) {
        if (isApi(uri)) {
            Object requestId = org.jboss.logging.MDC.get(app.rigtrail.platform.runtime.RequestIds.MDC_KEY);
            if (requestId != null) {
                extensions = new java.util.LinkedHashMap<>(extensions);
                extensions.put("requestId", requestId);
            }
            Problem body = new Problem("about:blank", title, status, detail, uri.getPath(), violations, extensions);
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
        }
        String html = errorPage.data("status", status).data("title", title).data("detail", detail)
                .data("violations", violations).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "update.arg1.name" -> "name": the method and parameter names mean nothing to a client
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }
}
