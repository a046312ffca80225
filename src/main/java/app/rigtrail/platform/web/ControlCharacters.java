package app.rigtrail.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters with a NUL or another control character are refused with 400 naming
 * the parameter before any handler runs (JSON bodies: {@link StrictJson}; forms: {@link FormValues}).
 */
public class ControlCharacters {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getPathParameters());
        check(uri.getQueryParameters());
    }

    private static void check(Map<String, List<String>> params) {
        for (var e : params.entrySet()) {
            TextRules.require(e.getKey(), e.getKey());
            for (String v : e.getValue()) {
                TextRules.require(e.getKey(), v);
            }
        }
    }
}
