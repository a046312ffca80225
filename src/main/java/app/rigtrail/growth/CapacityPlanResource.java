package app.rigtrail.growth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.growth.CapacityPlanService.Progress;
import app.rigtrail.growth.CapacityPlanService.TargetChange;
import app.rigtrail.growth.CapacityPlanService.TargetEventView;
import app.rigtrail.growth.CapacityPlanService.TargetView;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.Page;

/** The capacity plan: installed hashrate targets by month, and the progress against them. */
@Path("/api/capacity-plan")
@Tag(name = "Capacity plan")
@RolesAllowed({Roles.MANAGER, Roles.ADMIN, Roles.LOGISTICS})
@Produces(MediaType.APPLICATION_JSON)
public class CapacityPlanResource {

    @Inject
    CapacityPlanService plan;

    @GET
    @Path("targets")
    @Operation(summary = "The targets: TH/s installed at the end of each month, for the fleet (site null) and per "
            + "site; {\"items\",\"total\"}. site (code or id) keeps one site's")
    public Page<TargetView> targets(@QueryParam("site") String site) {
        return plan.targets(site);
    }

    @PUT
    @Path("targets")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set, change or remove targets: {targets: [{site (code; none for the fleet), month "
            + "(2027-03), targetThs (null removes it), version (of the target it changes)}], reason}. All or nothing; "
            + "a stale version gets 409; every change is kept as an event")
    public Page<TargetView> set(TargetChange in) {
        return plan.set(MachineOrderResource.required(in));
    }

    @GET
    @Path("history")
    @Operation(summary = "The changes of targets, newest first (who, when, site, month, from, to, why)")
    public Page<TargetEventView> history() {
        return plan.history(500);
    }

    @GET
    @Path("progress")
    @Operation(summary = "Installed and hashing TH/s against the plan of the fleet (or of site), month by month: "
            + "months gone by at their last day, the current month now and projected, later months projected with "
            + "the machines expected by their end (received and waiting to be commissioned, in customs, on the way, "
            + "on order at their expected dates); gap (target minus installed now) and uncovered (target minus "
            + "projection); the arrivals (order, stage, units, TH/s, expected date, overdue) that make up the gap")
    public Progress progress(@QueryParam("site") String site) {
        return plan.progress(site);
    }
}
