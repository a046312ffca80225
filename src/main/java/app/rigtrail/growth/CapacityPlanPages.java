package app.rigtrail.growth;

import java.math.BigDecimal;
import java.net.URI;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.fleet.Site;
import app.rigtrail.growth.CapacityPlanService.Progress;
import app.rigtrail.growth.CapacityPlanService.TargetChange;
import app.rigtrail.growth.CapacityPlanService.TargetEventView;
import app.rigtrail.growth.CapacityPlanService.TargetInput;
import app.rigtrail.growth.CapacityPlanService.TargetView;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The capacity plan for managers: a grid of installed-hashrate targets by month (PH/s), for the fleet and
 * each site, and the progress against it (also a section of the dashboard).
 */
@Path("/capacity-plan")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN, Roles.LOGISTICS})
@Produces(MediaType.TEXT_HTML)
public class CapacityPlanPages {

    /** The column key of the fleet's targets in the grid. */
    static final String FLEET = "FLEET";

    /** One cell of the grid: its field name, the PH/s shown and the version it was read at. */
    public record Cell(String name, String value, Integer version) {
    }

    public record Row(String month, boolean current, List<Cell> cells) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance plan(List<String> columns, List<Row> rows, List<TargetEventView> history,
                String site, boolean canEdit, String message, List<FieldViolation> violations, String notice,
                String formToken);

        static native TemplateInstance progress(Progress progress, String chartJson, String scope);
    }

    @Inject
    CapacityPlanService plan;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance page(@QueryParam("site") String site, @QueryParam("done") Integer done) {
        return render(site, null, List.of(), done == null ? null : done == 0 ? "Nothing changed."
                : done == 1 ? "1 target saved." : done + " targets saved.");
    }

    @POST
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form) {
        List<TargetInput> changes = new ArrayList<>();
        List<FieldViolation> bad = new ArrayList<>();
        for (var e : form.entrySet()) {
            if (!e.getKey().startsWith("t|") || e.getValue().isEmpty()) {
                continue;
            }
            String[] key = e.getKey().split("\\|");
            if (key.length != 3) {
                continue;
            }
            String typed = e.getValue().get(0) == null ? "" : e.getValue().get(0).replace(",", "").trim();
            String before = form.getFirst("o|" + key[1] + "|" + key[2]);
            if (typed.equals(before == null ? "" : before.trim())) {
                continue;
            }
            BigDecimal ths = null;
            if (!typed.isEmpty()) {
                try {
                    ths = new BigDecimal(typed).multiply(BigDecimal.valueOf(1000));
                } catch (NumberFormatException ex) {
                    bad.add(new FieldViolation(label(key[1]) + " " + key[2], "'" + typed + "' is not a number of PH/s"));
                    continue;
                }
            }
            String version = form.getFirst("v|" + key[1] + "|" + key[2]);
            changes.add(new TargetInput(FLEET.equals(key[1]) ? null : key[1], key[2], ths,
                    version == null || version.isBlank() ? null : Integer.valueOf(version)));
        }
        String site = form.getFirst("site");
        if (!bad.isEmpty()) {
            return Response.status(400).entity(render(site, "Nothing was saved", bad, null)).build();
        }
        try {
            TargetChange change = new TargetChange(changes, form.getFirst("reason"));
            idempotency.run(user.name() + ":page:capacity-plan", form.getFirst("formToken"), change, 200,
                    () -> plan.set(change));
        } catch (ProblemException e) {
            List<FieldViolation> named = e.violations().stream().map(v -> new FieldViolation(cellName(v.field(), changes),
                    v.message())).toList();
            return Response.status(e.status()).entity(render(site, e.getMessage(), named, null)).build();
        }
        return Response.seeOther(URI.create("/capacity-plan?" + (site == null || site.isBlank() ? "" : "site="
                + java.net.URLEncoder.encode(site, java.nio.charset.StandardCharsets.UTF_8) + "&") + "done="
                + changes.size())).build();
    }

    /** The progress section: installed and hashing against the plan, with the orders that close the gap. */
    @GET
    @Path("progress")
    public TemplateInstance progress(@QueryParam("site") String site) {
        Progress p = plan.progress(site);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("months", p.months().stream().map(m -> m.month().toString()).toList());
        chart.put("target", p.months().stream().map(m -> ph(m.targetThs())).toList());
        chart.put("installed", p.months().stream().map(m -> ph(m.installedThs())).toList());
        chart.put("hashing", p.months().stream().map(m -> ph(m.hashingThs())).toList());
        chart.put("projected", p.months().stream().map(m -> ph(m.projectedThs())).toList());
        try {
            return Templates.progress(p, json.writeValueAsString(chart), p.site() == null ? "the fleet" : p.site());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TemplateInstance render(String site, String message, List<FieldViolation> violations, String notice) {
        List<Site> sites = Site.<Site>listAll(Sort.by("code"));
        List<String> columns = new ArrayList<>();
        columns.add(FLEET);
        sites.forEach(s -> columns.add(s.code));
        Map<String, TargetView> byCell = new HashMap<>();
        YearMonth last = YearMonth.now(ZoneOffset.UTC).plusMonths(17);
        for (TargetView t : plan.targets(null).items()) {
            byCell.put((t.site() == null ? FLEET : t.site()) + "|" + t.month(), t);
            YearMonth m = YearMonth.parse(t.month());
            if (m.isAfter(last)) {
                last = m;
            }
        }
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        List<Row> rows = new ArrayList<>();
        for (YearMonth m = current.minusMonths(3); !m.isAfter(last); m = m.plusMonths(1)) {
            List<Cell> cells = new ArrayList<>();
            for (String c : columns) {
                TargetView t = byCell.get(c + "|" + m);
                cells.add(new Cell(c + "|" + m, t == null ? "" : t.targetThs().divide(BigDecimal.valueOf(1000))
                        .stripTrailingZeros().toPlainString(), t == null ? null : t.version()));
            }
            rows.add(new Row(m.toString(), m.equals(current), cells));
        }
        boolean canEdit = user.has(Roles.MANAGER) || user.has(Roles.ADMIN);
        return Templates.plan(columns, rows, plan.history(30).items(), site == null ? "" : site, canEdit, message,
                violations, message == null ? notice : null, java.util.UUID.randomUUID().toString());
    }

    /** A refusal's field (targets[3].month) in the grid's words (TX1 2027-03). */
    private static String cellName(String field, List<TargetInput> changes) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("targets\\[(\\d+)\\].*").matcher(field);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            if (i < changes.size()) {
                TargetInput t = changes.get(i);
                return label(t.site() == null ? FLEET : t.site()) + " " + t.month();
            }
        }
        return field;
    }

    private static String label(String column) {
        return FLEET.equals(column) ? "Fleet" : column.toUpperCase(Locale.ROOT);
    }

    private static Double ph(Double ths) {
        return ths == null ? null : Math.round(ths / 100.0) / 10.0;
    }
}
