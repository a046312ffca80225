package app.rigtrail.inventory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.ConstraintViolationException;
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

import app.rigtrail.fleet.Part;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.inventory.InventoryViews.Adjustment;
import app.rigtrail.inventory.InventoryViews.Ledger;
import app.rigtrail.inventory.InventoryViews.LevelView;
import app.rigtrail.inventory.InventoryViews.Transfer;
import app.rigtrail.inventory.domain.SparesModels;
import app.rigtrail.inventory.domain.SparesModels.CurvePoint;
import app.rigtrail.inventory.domain.SparesModels.PlanPart;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** Stock pages: levels with low-stock flags, a part's ledger, transfers and adjustments, spares planning. */
@Path("/stock")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class InventoryPages {

    /** One row of the recommendation at the chosen point of the curve. */
    public record Recommendation(String partNumber, String kind, int stock, long unitCostCents, double demandPerYear,
            double turnaroundDays) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance levels(List<LevelView> levels, app.rigtrail.platform.web.ListView list,
                List<StockLocation> locations, Long location, boolean low, boolean canMove, List<Part> parts,
                String message, String formToken);

        static native TemplateInstance ledger(Ledger ledger);

        static native TemplateInstance planning(long budgetDollars, int machines, String curveJson,
                List<Recommendation> recommendation, double availability, long spendCents);
    }

    @Inject
    StockService stock;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @GET
    public TemplateInstance levels(@QueryParam("location") Long location, @QueryParam("low") boolean low,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("dir") String dir,
            @QueryParam("page") Integer page) {
        return page(location, low, q, sort, dir, page, null);
    }

    /** The sort columns of the stock levels (the list is a few hundred rows: sorted and paged here). */
    static final Map<String, java.util.Comparator<LevelView>> SORTS = new java.util.LinkedHashMap<>();

    static {
        SORTS.put("location", java.util.Comparator.comparing(LevelView::location));
        SORTS.put("part", java.util.Comparator.comparing(LevelView::partNumber));
        SORTS.put("onHand", java.util.Comparator.comparingInt(LevelView::onHand));
        SORTS.put("order", java.util.Comparator.comparingInt(LevelView::suggestedOrder));
    }

    private TemplateInstance page(Long location, boolean low, String q, String sort, String dir, Integer page,
            String message) {
        var list = app.rigtrail.platform.web.ListView.of("/stock", Map.of("location",
                location == null ? "" : location.toString(), "low", low ? "true" : "", "q", q == null ? "" : q), sort,
                dir, page, List.copyOf(SORTS.keySet()), false);
        String text = q == null ? "" : q.trim().toUpperCase();
        var comparator = SORTS.get(list.sort());
        List<LevelView> all = stock.levels(location, low).stream()
                .filter(v -> text.isEmpty() || v.partNumber().toUpperCase().contains(text)
                        || v.location().toUpperCase().contains(text))
                .sorted((list.descending() ? comparator.reversed() : comparator)
                        .thenComparing(LevelView::location).thenComparing(LevelView::partNumber))
                .toList();
        list.counted(all.size(), false);
        var paging = list.paging();
        List<LevelView> shown = all.subList(Math.min(paging.offset(), all.size()),
                Math.min(paging.offset() + paging.size(), all.size()));
        return Templates.levels(shown, list, stock.visibleLocations(), location, low, canMove(),
                Part.listAll(Sort.by("partNumber")), message, UUID.randomUUID().toString());
    }

    @GET
    @Path("ledger")
    public TemplateInstance ledger(@QueryParam("location") long location, @QueryParam("part") long part) {
        return Templates.ledger(stock.ledger(location, part));
    }

    @POST
    @Path("moves")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Long from = f.id("fromLocationId");
        try {
            Long part = f.id("partId");
            int qty = f.integer("quantity");
            if ("transfer".equals(f.get("action"))) {
                Transfer in = new Transfer(from, f.id("toLocationId"),
                        part, qty, f.get("reason"));
                idempotency.run(user.name() + ":page:stock-move", f.get("formToken"), in, 201, () -> stock.transfer(in));
            } else {
                Adjustment in = new Adjustment(from, part, qty, f.get("reason"));
                idempotency.run(user.name() + ":page:stock-move", f.get("formToken"), in, 201, () -> stock.adjust(in));
            }
            return Response.seeOther(URI.create("/stock" + (from == null ? "" : "?location=" + from))).build();
        } catch (ProblemException | ConstraintViolationException | NumberFormatException e) {
            String message = e instanceof ProblemException p ? p.readable()
                    : "Choose the locations and the part, and give a quantity and a reason";
            return Response.status(e instanceof ProblemException p ? p.status() : 400).entity(page(from, false, null, null, null, null, message))
                    .build();
        }
    }

    @GET
    @Path("planning")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    @SuppressWarnings("unchecked")
    public TemplateInstance planning(@QueryParam("budget") Long budgetDollars) {
        long budget = budgetDollars == null ? 250_000 : Math.max(0, Math.min(budgetDollars, 100_000_000));
        String[] installedStatuses = MinerStatus.installedNames().toArray(String[]::new);
        long machines = ((Number) em.createNativeQuery("select count(*) from miner where status = any(?1)")
                .setParameter(1, installedStatuses).getSingleResult()).longValue();
        List<PlanPart> parts = new ArrayList<>();
        List<Part> catalog = new ArrayList<>();
        java.util.Map<Long, double[]> leadByPart = new java.util.HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                select s.code, c.part_id, count(*),
                       (select count(*) from miner m where m.site_id = s.id and m.status = any(?1)),
                       (select count(distinct c2.miner_id) from component c2
                        where c2.site_id = s.id and c2.part_id = c.part_id and c2.location_kind = 'INSTALLED')
                from component c join site s on s.id = c.site_id
                where c.location_kind = 'INSTALLED' group by s.id, s.code, c.part_id order by s.code, c.part_id""")
                .setParameter(1, installedStatuses).getResultList()) {
            Part p = Part.findById(((Number) r[1]).longValue());
            long installed = ((Number) r[2]).longValue();
            int siteMachines = ((Number) r[3]).intValue();
            long carriers = Math.max(1, ((Number) r[4]).longValue());
            double[] lead = leadByPart.computeIfAbsent(p.id, k -> stock.dwellMoments(p.vendor.name()));
            double leadDays = stock.config().defaultLeadDays() + lead[0] * lead[1];
            parts.add(new PlanPart(r[0] + " · " + p.partNumber, (String) r[0], siteMachines,
                    (int) Math.max(1, Math.round((double) installed / carriers)), installed * stock.config().failuresPerUnitYear(),
                    leadDays / 365.0, Math.max(1, p.unitCostCents)));
            catalog.add(p);
        }
        List<CurvePoint> curve = parts.isEmpty() ? List.of() : SparesModels.marginalAnalysis(parts, budget * 100);
        List<double[]> points = new ArrayList<>();
        for (CurvePoint c : curve) {
            points.add(new double[] {c.spendCents() / 100.0, c.availability()});
        }
        CurvePoint chosen = curve.isEmpty() ? null : curve.get(curve.size() - 1);
        List<Recommendation> rec = new ArrayList<>();
        for (int i = 0; i < parts.size() && chosen != null; i++) {
            PlanPart p = parts.get(i);
            rec.add(new Recommendation(p.name(), catalog.get(i).kind.name(), chosen.stock()[i], p.unitCostCents(),
                    Math.round(p.demandPerYear() * 10) / 10.0, Math.round(p.turnaroundYears() * 3650) / 10.0));
        }
        try {
            return Templates.planning(budget, (int) machines, json.writeValueAsString(points), rec,
                    chosen == null ? 0 : chosen.availability(), chosen == null ? 0 : chosen.spendCents());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean canMove() {
        return user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }
}
