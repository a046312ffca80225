package app.rigtrail.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import app.rigtrail.alerts.AlertService.AlertView;
import app.rigtrail.alerts.AlertService.Choice;
import app.rigtrail.alerts.AlertService.Choices;
import app.rigtrail.alerts.AlertService.WebhookInput;
import app.rigtrail.alerts.AlertService.WebhookView;
import app.rigtrail.alerts.domain.AlertKind;
import app.rigtrail.fleet.Site;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Alert pages: the list with acknowledgement, my mail choices per site and kind, and admins' webhooks. */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertPages {

    /** A site a user may choose, with the kinds they chose for it. */
    public record SiteChoice(Long siteId, String label, Set<AlertKind> chosen) {
        public boolean has(AlertKind kind) {
            return chosen.contains(kind);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(List<AlertView> alerts, List<AlertKind> kinds, AlertKind kind, boolean open,
                String message);

        static native TemplateInstance choices(String email, List<AlertKind> kinds, List<SiteChoice> sites,
                boolean mailEnabled, String message, String refusal);

        static native TemplateInstance webhooks(List<WebhookView> webhooks, List<AlertKind> kinds, List<Site> sites,
                WebhookView created, String refusal);
    }

    @Inject
    AlertService alerts;

    @Inject
    CurrentUser user;

    @GET
    public TemplateInstance list(@QueryParam("kind") AlertKind kind, @QueryParam("open") String open) {
        boolean openOnly = !"false".equals(open);
        return Templates.alerts(alerts.list(user, kind, null, openOnly, 200, 0), List.of(AlertKind.values()), kind,
                openOnly, null);
    }

    @POST
    @Path("{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        alerts.acknowledge(id, user, FormValues.of(form).get("note"));
        return Response.seeOther(java.net.URI.create("/alerts")).build();
    }

    @GET
    @Path("choices")
    public TemplateInstance choices() {
        return choicesPage(alerts.choices(user.name()), null, null);
    }

    @POST
    @Path("choices")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance choose(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        List<Choice> wanted = new ArrayList<>();
        for (String v : form.getOrDefault("choice", List.of())) {
            String[] p = v.split(":", 2);
            try {
                wanted.add(new Choice(AlertKind.valueOf(p[0]), p.length < 2 || p[1].equals("all") ? null : Long.valueOf(p[1])));
            } catch (IllegalArgumentException e) {
                return choicesPage(alerts.choices(user.name()), null, "One of the boxes is not a choice this page offers.");
            }
        }
        try {
            return choicesPage(alerts.choose(user, f.get("email"), wanted), "Saved: you are mailed "
                    + (wanted.isEmpty() ? "no alerts." : wanted.size() + (wanted.size() == 1 ? " kind of alert." : " choices.")),
                    null);
        } catch (ProblemException e) {
            return choicesPage(new Choices(f.get("email"), wanted), null, e.readable());
        }
    }

    private TemplateInstance choicesPage(Choices c, String message, String refusal) {
        List<SiteChoice> sites = new ArrayList<>();
        sites.add(new SiteChoice(null, user.siteRestricted() ? "All my sites" : "Every site", chosen(c, null)));
        for (Site s : Site.<Site>list("order by code")) {
            if (user.canSeeSite(s.id)) {
                sites.add(new SiteChoice(s.id, s.code + " · " + s.name, chosen(c, s.id)));
            }
        }
        return Templates.choices(c.email(), List.of(AlertKind.values()), sites, alerts.mailEnabled(), message, refusal);
    }

    private static Set<AlertKind> chosen(Choices c, Long siteId) {
        Set<AlertKind> out = java.util.EnumSet.noneOf(AlertKind.class);
        c.choices().stream().filter(x -> java.util.Objects.equals(x.siteId(), siteId)).forEach(x -> out.add(x.kind()));
        return out;
    }

    @GET
    @Path("webhooks")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance webhooks() {
        return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"), null, null);
    }

    @POST
    @Path("webhooks")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance createWebhook(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        List<AlertKind> kinds = new ArrayList<>();
        for (String k : form.getOrDefault("kind", List.of())) {
            try {
                kinds.add(AlertKind.valueOf(k));
            } catch (IllegalArgumentException e) {
                return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"), null,
                        "One of the kinds is not a kind of alert.");
            }
        }
        Long site = null;
        try {
            site = f.id("siteId");
            WebhookView created = alerts.createWebhook(new WebhookInput(f.get("name"), f.get("url"), kinds, site, true),
                    user.name());
            return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"), created,
                    null);
        } catch (NumberFormatException e) {
            return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"), null,
                    "Choose a site from the list.");
        } catch (ProblemException e) {
            return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"), null,
                    e.readable());
        }
    }

    @POST
    @Path("webhooks/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance changeWebhook(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        String action = FormValues.of(form).getOrEmpty("action");
        WebhookView changed = alerts.changeWebhook(id, action.equals("enable") ? Boolean.TRUE
                : action.equals("disable") ? Boolean.FALSE : null, action.equals("rotate"), user.name());
        return Templates.webhooks(alerts.webhooks(), List.of(AlertKind.values()), Site.list("order by code"),
                changed.secret() == null ? null : changed, null);
    }
}
