package app.rigtrail.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;

/**
 * The CSRF token of this request for templates ({inject:pageCsrf.token}): the hidden field of every
 * posting form and the header htmx sends. Unlike the extension's provider it answers "" when the
 * request has no token (an error page rendered for a refused post), instead of failing the page.
 */
@RequestScoped
@Named("pageCsrf")
public class PageCsrf {

    @Inject
    CsrfTokenParameterProvider csrf;

    public String getToken() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException noToken) {
            return "";
        }
    }

    public String getParameterName() {
        return csrf.getParameterName();
    }

    public String getHeaderName() {
        return csrf.getHeaderName();
    }
}
