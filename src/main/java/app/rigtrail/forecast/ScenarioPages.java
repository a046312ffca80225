package app.rigtrail.forecast;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import app.rigtrail.fleet.RepairHub;
import app.rigtrail.forecast.ScenarioService.ScenarioInput;
import app.rigtrail.forecast.domain.ScenarioParameters;
import app.rigtrail.forecast.domain.ScenarioParameters.HubRule;
import app.rigtrail.forecast.domain.ScenarioParameters.Rule;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Scenarios for managers: the list, one scenario's parameters, sliders for one vendor's rule, copy. */
@Path("/scenarios")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN})
@Produces(MediaType.TEXT_HTML)
public class ScenarioPages {

    /** The slider values of one vendor's rule (all part kinds), defaults where the rule says nothing. */
    public record Quick(String vendor, double failureRateScale, double heldShareScale, double holdScale,
            int sparesLeadDays, double tariffPercent, Double benchShare, Double vendorHubShare, Double onshoreShare,
            Double scrapShare, boolean ordersAllowed, boolean vendorHubsOpen, boolean firmwareSupport) {
    }

    /** A hub's setting in the scenario, next to its master data. */
    public record HubRow(String code, String name, String kind, int masterCapacity, int masterTurnaround, boolean open,
            int capacityPerWeek, int turnaroundDays) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance scenarios(List<Scenario> scenarios);

        static native TemplateInstance scenario(Scenario scenario, boolean editable, String parametersJson, Quick quick,
                List<String> vendors, List<HubRow> hubs, String effectiveDate, String message, String effectiveAfterDays,
                List<String> phases, List<String> targeted);
    }

    @Inject
    ScenarioService scenarios;

    @Inject
    CurrentUser user;

    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance list() {
        return Templates.scenarios(scenarios.list());
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") long id, @QueryParam("vendor") String vendor) {
        return page(scenarios.get(id), vendor, null);
    }

    private TemplateInstance page(Scenario s, String vendor, String message) {
        ScenarioParameters p = scenarios.parameters(s);
        String v = vendor == null || !ScenarioService.VENDORS.contains(vendor) ? "BITMAIN" : vendor;
        // the vendor's rule for every site and kind (the one the sliders save), not one for a site or model
        Rule r = p.rules().stream().filter(x -> v.equals(x.vendor()) && x.partKind() == null && !x.targeted())
                .reduce((a, b) -> b)
                .orElse(Rule.forVendor(v));
        Quick quick = new Quick(v, or(r.failureRateScale(), 1), or(r.heldShareScale(), 1), or(r.holdScale(), 1),
                r.sparesLeadDays() == null ? 21 : r.sparesLeadDays(), or(r.tariffPercent(), 0), r.benchShare(),
                r.vendorHubShare(), r.onshoreShare(), r.scrapShare(), !Boolean.FALSE.equals(r.ordersAllowed()),
                !Boolean.FALSE.equals(r.vendorHubsOpen()), !Boolean.FALSE.equals(r.firmwareSupport()));
        List<HubRow> hubs = new ArrayList<>();
        for (RepairHub h : RepairHub.<RepairHub>list("kind <> 'IN_HOUSE_BENCH' order by code")) {
            HubRule hr = p.hubs().stream().filter(x -> h.code.equals(x.hub())).reduce((a, b) -> b).orElse(null);
            hubs.add(new HubRow(h.code, h.name, h.kind, h.capacityPerWeek, h.turnaroundDays,
                    hr == null || !Boolean.FALSE.equals(hr.open()),
                    hr != null && hr.capacityPerWeek() != null ? hr.capacityPerWeek() : h.capacityPerWeek,
                    hr != null && hr.turnaroundDays() != null ? hr.turnaroundDays() : h.turnaroundDays));
        }
        boolean editable = !s.builtIn && (s.owner.equals(user.name()) || user.isAdmin());
        return Templates.scenario(s, editable, pretty(p), quick, ScenarioService.VENDORS, hubs,
                p.effectiveDate() == null ? "" : p.effectiveDate().toString(), message,
                p.effectiveAfterDays() == null ? "" : p.effectiveAfterDays().toString(), phases(p), targeted(p));
    }

    @POST
    @Path("{id}/copy")
    public Response copy(@PathParam("id") long id) {
        Scenario copy = scenarios.create(new ScenarioInput(null, null, id, null, null, "copied in the studio"));
        return Response.seeOther(URI.create("/scenarios/" + copy.id)).build();
    }

    /** Each later phase in words. */
    static List<String> phases(ScenarioParameters p) {
        List<String> out = new ArrayList<>();
        for (ScenarioParameters.Phase ph : p.phases()) {
            if (ph == null) {
                continue;
            }
            String when = ph.effectiveAfterDays() != null ? "From day " + ph.effectiveAfterDays() + " after the start"
                    : "From " + ph.effectiveDate();
            List<String> what = new ArrayList<>();
            for (Rule r : ph.rules()) {
                if (r != null) {
                    what.add(ruleWords(r));
                }
            }
            for (HubRule h : ph.hubs()) {
                if (h != null) {
                    what.add(hubWords(h));
                }
            }
            if (ph.machineOrders() != null && !ph.machineOrders().isEmpty()) {
                what.add(ph.machineOrders().size() + (ph.machineOrders().size() == 1 ? " rule" : " rules")
                        + " for new machine orders");
            }
            if (ph.fallback() != null) {
                what.add("parts no open hub takes go to " + switch (ph.fallback()) {
                    case "BENCH" -> "the bench";
                    case "SCRAP" -> "scrap (a replacement is bought)";
                    case "BUY_NEW" -> "a new part bought at once";
                    default -> ph.fallback().toLowerCase().replace('_', ' ');
                });
            }
            out.add(when + ": " + (what.isEmpty() ? "no change" : String.join("; ", what)));
        }
        return out;
    }

    private static String vendorWords(String code) {
        for (app.rigtrail.fleet.domain.Vendor v : app.rigtrail.fleet.domain.Vendor.values()) {
            if (v.name().equals(code)) {
                return v.label();
            }
        }
        return code;
    }

    /** A rule in words: who it is for and what it changes. */
    static String ruleWords(Rule r) {
        String who = (r.vendor() == null ? "All vendors" : vendorWords(r.vendor()))
                + (r.partKind() != null ? " " + kindWords(r.partKind()) + "s" : "")
                + (r.model() != null ? " " + r.model() : "")
                + (r.site() != null ? " at " + r.site() : Boolean.TRUE.equals(r.sensitiveSites())
                        ? " at the sites flagged sensitive" : "");
        List<String> changes = new ArrayList<>();
        if (Boolean.TRUE.equals(r.stopRunning())) {
            changes.add("ordered to stop running");
        } else if (Boolean.FALSE.equals(r.stopRunning())) {
            changes.add("may run again");
        }
        if (r.failureRateScale() != null) {
            changes.add("failure rate x " + r.failureRateScale());
        }
        if (r.failuresPerUnitYear() != null) {
            changes.add(String.format(java.util.Locale.ROOT, "%.1f%% failures a year", r.failuresPerUnitYear() * 100));
        }
        if (Boolean.FALSE.equals(r.vendorHubsOpen())) {
            changes.add("vendor repair centres closed");
        } else if (Boolean.TRUE.equals(r.vendorHubsOpen())) {
            changes.add("vendor repair centres open");
        }
        if (Boolean.FALSE.equals(r.ordersAllowed())) {
            changes.add("no new orders");
        } else if (Boolean.TRUE.equals(r.ordersAllowed())) {
            changes.add("orders allowed");
        }
        if (r.heldShareScale() != null) {
            changes.add("shipments held x " + r.heldShareScale());
        }
        if (r.heldShare() != null) {
            changes.add(Math.round(r.heldShare() * 100) + "% of shipments held");
        }
        if (r.holdScale() != null) {
            changes.add("holds last x " + r.holdScale());
        }
        if (r.sparesLeadDays() != null) {
            changes.add("spares take " + r.sparesLeadDays() + " days");
        }
        if (r.tariffPercent() != null) {
            changes.add(r.tariffPercent() + "% tariff");
        }
        if (Boolean.FALSE.equals(r.firmwareSupport())) {
            changes.add("firmware support frozen");
        }
        return who + ": " + (changes.isEmpty() ? "its own parameters (see the JSON below)" : String.join(", ", changes));
    }

    private static String kindWords(String code) {
        for (app.rigtrail.fleet.domain.ComponentKind k : app.rigtrail.fleet.domain.ComponentKind.values()) {
            if (k.name().equals(code)) {
                return k.label().equals(k.label().toUpperCase()) ? k.label() : k.label().toLowerCase();
            }
        }
        return code.toLowerCase().replace('_', ' ');
    }

    /** A hub rule in words. */
    static String hubWords(HubRule h) {
        List<String> changes = new ArrayList<>();
        if (Boolean.FALSE.equals(h.open())) {
            changes.add("closed");
        } else if (Boolean.TRUE.equals(h.open())) {
            changes.add("open");
        }
        if (h.capacityPerWeek() != null) {
            changes.add(h.capacityPerWeek() + " parts a week");
        }
        if (h.servers() != null) {
            changes.add(h.servers() + " benches in parallel");
        }
        if (h.turnaroundDays() != null) {
            changes.add(h.turnaroundDays() + " days' turnaround");
        }
        return "hub " + h.hub() + ": " + (changes.isEmpty() ? "no change" : String.join(", ", changes));
    }

    /** Rules for one site, the sensitive sites or a model, in words. */
    static List<String> targeted(ScenarioParameters p) {
        List<String> out = new ArrayList<>();
        for (Rule r : p.rules()) {
            if (r == null || !r.targeted()) {
                continue;
            }
            out.add(ruleWords(r));
        }
        return out;
    }

    /** The sliders: replaces this vendor's all-kinds rule and the hub settings, keeping every other rule. */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Scenario s = scenarios.get(id);
        FormValues f = FormValues.of(form);
        String vendor = f.upper("vendor");
        try {
            ScenarioParameters p = scenarios.parameters(s);
            List<Rule> rules = new ArrayList<>();
            Integer machineLead = null;
            for (Rule r : p.rules()) {
                if (!(vendor.equals(r.vendor()) && r.partKind() == null && !r.targeted())) {
                    rules.add(r);
                } else if (r.newMachineLeadDays() != null) {
                    machineLead = r.newMachineLeadDays(); // the sliders do not show it: kept as it was
                }
            }
            rules.add(new Rule(vendor, null, null, number(f, "failureRateScale"), optional(f, "benchShare"),
                    optional(f, "vendorHubShare"), optional(f, "onshoreShare"), optional(f, "scrapShare"), null,
                    number(f, "heldShareScale"), number(f, "holdScale"), null, null, null,
                    (int) Math.round(number(f, "sparesLeadDays")), f.checked("ordersAllowed"), machineLead,
                    number(f, "tariffPercent"), null, f.checked("vendorHubsOpen"), f.checked("firmwareSupport")));
            List<HubRule> hubs = new ArrayList<>();
            for (String code : form.getOrDefault("hub", List.of())) {
                Integer servers = p.hubs().stream().filter(h -> code.equals(h.hub()) && h.servers() != null)
                        .map(HubRule::servers).reduce((a, b) -> b).orElse(null);
                hubs.add(new HubRule(code, f.checked("open-" + code), (int) Math.round(number(f, "capacity-" + code)),
                        (int) Math.round(number(f, "turnaround-" + code)), servers));
            }
            String date = f.get("effectiveDate");
            boolean dated = date != null && !date.isBlank();
            Integer afterDays = f.get("effectiveAfterDays") != null ? f.optionalInteger("effectiveAfterDays")
                    : p.effectiveAfterDays();
            // the page edits the first change; its fallback and later phases are kept as they are
            ScenarioParameters next = new ScenarioParameters(dated ? LocalDate.parse(date) : null,
                    p.firmwareOffFailureFactor(), rules, hubs, dated ? null : afterDays, p.fallback(), p.phases(),
                    p.machineOrders());
            scenarios.update(id, new ScenarioInput(f.get("name"), f.get("description"), null, next,
                    f.version(), f.get("reason")));
            return Response.seeOther(URI.create("/scenarios/" + id + "?vendor=" + vendor)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(page(s, vendor, e.readable())).build();
        } catch (RuntimeException e) {
            return Response.status(400).entity(page(s, vendor, "Check the values: " + e.getMessage())).build();
        }
    }

    /** The whole parameter set as JSON, for what the sliders do not reach (per part kind, hold distributions). */
    @POST
    @Path("{id}/parameters")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveJson(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Scenario s = scenarios.get(id);
        FormValues f = FormValues.of(form);
        try {
            ScenarioParameters next = json.readValue(f.get("parameters"), ScenarioParameters.class);
            scenarios.update(id, new ScenarioInput(null, null, null, next, f.version(), f.get("reason")));
            return Response.seeOther(URI.create("/scenarios/" + id)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(page(s, null, e.readable())).build();
        } catch (JsonProcessingException e) {
            return Response.status(400).entity(page(s, null, "The parameters are not valid JSON for a scenario: "
                    + e.getOriginalMessage())).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(page(s, null, "The parameters are not valid: " + e.getMessage())).build();
        }
    }

    private static double number(FormValues f, String name) {
        String v = f.get(name);
        if (v == null || v.isBlank()) {
            throw new ProblemException(400, "Invalid input", name + " is required");
        }
        return Double.parseDouble(v.trim());
    }

    private static Double optional(FormValues f, String name) {
        String v = f.get(name);
        return v == null || v.isBlank() ? null : Double.parseDouble(v.trim());
    }

    private static double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    private String pretty(ScenarioParameters p) {
        try {
            return json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
