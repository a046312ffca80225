package app.rigtrail.inventory;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.inventory.domain.SparesModels;
import app.rigtrail.inventory.domain.SparesModels.Backorders;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.security.Authenticated;

/** The spares models on any data: Palm, finite fleet, METRIC, VARI-METRIC. */
@Path("/api/models/spares")
@Tag(name = "Spares models")
@Authenticated
public class SparesModelResource {

    public record DepotInput(Double turnaroundYears, Integer stock) {
    }

    public record SiteInput(Double demandPerYear, Double repairedOnSiteShare, Double siteRepairYears, Double shipYears,
            Integer stock) {
    }

    public record PartInput(String name, Integer unitsPerMachine, Double demandPerYear, Double turnaroundYears,
            Integer stock, Double unitCost, DepotInput depot, List<SiteInput> sites) {
    }

    public record SparesRequest(String method, Integer machines, List<PartInput> parts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String name, double pipelineMean, double pipelineVariance, double expectedBackorders,
            double backorderVariance, double fillRate, Result depot, Double depotDelayYears, List<Result> sites) {
        static Result of(String name, Backorders b) {
            return new Result(name, b.pipelineMean(), b.pipelineVariance(), b.expectedBackorders(),
                    b.backorderVariance(), b.fillRate(), null, null, null);
        }
    }

    public record SparesResponse(String method, int machines, List<Result> parts, double availability,
            double totalExpectedBackorders) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Expected backorders and availability. method: palm (one echelon; demandPerYear is the part "
            + "type's total demand, pipeline Poisson(demand x turnaround)), finite (demandPerYear per machine, spread "
            + "over its unitsPerMachine sockets; only working sockets fail), metric and vari-metric (per part a depot "
            + "{turnaroundYears, stock} and sites [{demandPerYear, repairedOnSiteShare, siteRepairYears, shipYears, "
            + "stock}], results per site; part figures are sums over sites, fillRate demand-weighted). Availability "
            + "= product over parts of (1 - EBO / (machines x unitsPerMachine))^unitsPerMachine. Times in years")
    public SparesResponse calculate(SparesRequest in) {
        List<FieldViolation> bad = new ArrayList<>();
        String method = in == null || in.method() == null ? "palm" : in.method();
        if (!List.of("palm", "finite", "metric", "vari-metric").contains(method)) {
            bad.add(new FieldViolation("method", "must be palm, finite, metric or vari-metric"));
        }
        int machines = in == null || in.machines() == null ? 0 : in.machines();
        if (machines < 1 || machines > SparesModels.MAX_MACHINES) {
            bad.add(new FieldViolation("machines", "must be between 1 and " + SparesModels.MAX_MACHINES));
        }
        if (in == null || in.parts() == null || in.parts().isEmpty()) {
            bad.add(new FieldViolation("parts", "must not be empty"));
        } else if (in.parts().size() > SparesModels.MAX_PARTS) {
            bad.add(new FieldViolation("parts", "at most " + SparesModels.MAX_PARTS + " parts"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("The request is not complete", bad);
        }
        List<Result> results = new ArrayList<>();
        List<double[]> eboAndZ = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < in.parts().size(); i++) {
            PartInput p = in.parts().get(i);
            String f = "parts[" + i + "]";
            int z = p.unitsPerMachine() == null ? 1 : p.unitsPerMachine();
            if (z < 0 || z > SparesModels.MAX_UNITS_PER_MACHINE) {
                bad.add(new FieldViolation(f + ".unitsPerMachine", "must be between 0 and "
                        + SparesModels.MAX_UNITS_PER_MACHINE));
                continue;
            }
            Result r;
            if (method.equals("metric") || method.equals("vari-metric")) {
                r = twoEchelon(p, f, method.equals("vari-metric"), bad);
            } else {
                double demand = positive(p.demandPerYear(), f + ".demandPerYear", bad);
                double turnaround = positive(p.turnaroundYears(), f + ".turnaroundYears", bad);
                int stock = stock(p.stock(), f + ".stock", bad);
                if (!bad.isEmpty()) {
                    continue;
                }
                Backorders b = method.equals("palm") ? SparesModels.palm(demand, turnaround, stock)
                        : SparesModels.finite(machines, Math.max(z, 1), demand / Math.max(z, 1), turnaround, stock);
                r = Result.of(p.name(), b);
            }
            if (r == null) {
                continue;
            }
            results.add(r);
            eboAndZ.add(new double[] {r.expectedBackorders(), z});
            total += r.expectedBackorders();
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some parts are not valid", bad);
        }
        return new SparesResponse(method, machines, results, SparesModels.availability(machines, eboAndZ), total);
    }

    private static Result twoEchelon(PartInput p, String f, boolean vari, List<FieldViolation> bad) {
        if (p.depot() == null || p.sites() == null || p.sites().isEmpty()) {
            bad.add(new FieldViolation(f, "metric and vari-metric need a depot and at least one site"));
            return null;
        }
        if (p.sites().size() > SparesModels.MAX_SITES) {
            bad.add(new FieldViolation(f + ".sites", "at most " + SparesModels.MAX_SITES + " sites"));
            return null;
        }
        double t0 = positive(p.depot().turnaroundYears(), f + ".depot.turnaroundYears", bad);
        int s0 = stock(p.depot().stock(), f + ".depot.stock", bad);
        List<SparesModels.Site> sites = new ArrayList<>();
        for (int j = 0; j < p.sites().size(); j++) {
            SiteInput s = p.sites().get(j);
            String g = f + ".sites[" + j + "]";
            double share = s.repairedOnSiteShare() == null ? 0 : s.repairedOnSiteShare();
            if (share < 0 || share > 1) {
                bad.add(new FieldViolation(g + ".repairedOnSiteShare", "must be between 0 and 1"));
            }
            sites.add(new SparesModels.Site(positive(s.demandPerYear(), g + ".demandPerYear", bad), share,
                    nonNegative(s.siteRepairYears(), g + ".siteRepairYears", bad),
                    nonNegative(s.shipYears(), g + ".shipYears", bad), stock(s.stock(), g + ".stock", bad)));
        }
        if (!bad.isEmpty()) {
            return null;
        }
        SparesModels.TwoEchelon te = SparesModels.metric(t0, s0, sites, vari);
        List<Result> siteResults = te.sites().stream().map(b -> Result.of(null, b)).toList();
        double mean = 0;
        double var = 0;
        double ebo = 0;
        double vbo = 0;
        double fill = 0;
        double demand = 0;
        for (int j = 0; j < sites.size(); j++) {
            Backorders b = te.sites().get(j);
            mean += b.pipelineMean();
            var += b.pipelineVariance();
            ebo += b.expectedBackorders();
            vbo += b.backorderVariance();
            fill += b.fillRate() * sites.get(j).demandPerYear();
            demand += sites.get(j).demandPerYear();
        }
        return new Result(p.name(), mean, var, ebo, vbo, demand > 0 ? fill / demand : 0, Result.of(null, te.depot()),
                te.depotDelayYears(), siteResults);
    }

    private static double positive(Double v, String field, List<FieldViolation> bad) {
        double max = limit(field);
        if (v == null || !(v > 0) || !(v <= max)) {
            bad.add(new FieldViolation(field, "must be a number > 0 and at most " + (long) max));
            return 1;
        }
        return v;
    }

    private static double nonNegative(Double v, String field, List<FieldViolation> bad) {
        if (v == null) {
            return 0;
        }
        double max = limit(field);
        if (!(v >= 0) || !(v <= max)) {
            bad.add(new FieldViolation(field, "must be a number from 0 to " + (long) max));
            return 0;
        }
        return v;
    }

    /** Demand per year or a time in years: the bound of each (SparesModels). */
    private static double limit(String field) {
        return field.endsWith("demandPerYear") ? SparesModels.MAX_DEMAND_PER_YEAR : SparesModels.MAX_YEARS;
    }

    private static int stock(Integer v, String field, List<FieldViolation> bad) {
        if (v == null) {
            return 0;
        }
        if (v < 0 || v > SparesModels.MAX_STOCK) {
            bad.add(new FieldViolation(field, "must be between 0 and " + SparesModels.MAX_STOCK));
            return 0;
        }
        return v;
    }
}
