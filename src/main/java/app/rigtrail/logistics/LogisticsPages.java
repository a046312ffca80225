package app.rigtrail.logistics;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
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

import app.rigtrail.dwell.DwellService;
import app.rigtrail.fleet.Component;
import app.rigtrail.fleet.MasterDataViews.HubView;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.RepairHub;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.logistics.LogisticsViews.AlertView;
import app.rigtrail.logistics.LogisticsViews.HoldInput;
import app.rigtrail.logistics.LogisticsViews.HoldView;
import app.rigtrail.logistics.LogisticsViews.ItemInput;
import app.rigtrail.logistics.LogisticsViews.NewShipment;
import app.rigtrail.logistics.LogisticsViews.ShipmentDetail;
import app.rigtrail.logistics.LogisticsViews.ShipmentTransition;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.logistics.domain.HoldOutcome;
import app.rigtrail.logistics.domain.ShipmentKind;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** Logistics pages: the open holds board with the dwell curve, shipments and their moves. */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class LogisticsPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance holds(Page<HoldView> page, app.rigtrail.platform.web.ListView list,
                String port, String vendor, HoldKind kind, List<PortView> ports, Vendor[] vendors, HoldKind[] kinds, String curveJson, int observations,
                int open, List<AlertView> alerts, boolean ownSitesOnly);

        static native TemplateInstance shipments(Page<app.rigtrail.logistics.LogisticsViews.ShipmentRow> page, app.rigtrail.platform.web.ListView list,
                app.rigtrail.logistics.domain.ShipmentState state, app.rigtrail.logistics.domain.ShipmentState[] states,
                ShipmentKind kind, ShipmentKind[] kinds, List<String> sites, boolean canEdit);

        static native TemplateInstance shipment(ShipmentDetail detail, boolean canEdit, String message,
                String fixHref, String fixText, String formToken, HoldKind[] kinds, HoldOutcome[] outcomes,
                String today);

        static native TemplateInstance newShipment(FormValues form, ShipmentKind[] kinds, List<SiteView> sites,
                List<HubView> hubs, List<PortView> ports, String formToken);
    }

    @Inject
    HoldQueries holds;

    @Inject
    ShipmentService shipments;

    @Inject
    DwellService dwell;

    @Inject
    HoldModels models;

    @Inject
    app.rigtrail.fleet.FleetQueries fleet;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper json;

    @GET
    @Path("holds")
    public TemplateInstance holds(@QueryParam("q") String q, @QueryParam("port") String port,
            @QueryParam("vendor") String vendor, @QueryParam("holdKind") HoldKind kind, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") Integer pageNumber) {
        LocalDate today = DwellService.today();
        var list = app.rigtrail.platform.web.ListView.of("/holds", java.util.Map.of("q", q == null ? "" : q, "port",
                port == null ? "" : port, "vendor", vendor == null ? "" : vendor, "holdKind",
                kind == null ? "" : kind.name()), sort, dir, pageNumber, List.copyOf(HoldQueries.SORTS.keySet()), true);
        Page<HoldView> board = holds.boardPage(new HoldQueries.BoardFilter(port, vendor, kind, sort), q, list, today);
        HoldModels.Curve curve = models.curve(port, vendor, kind, today, user.siteScope());
        List<AlertView> alerts = holds.alerts(15);
        return Templates.holds(board, list, port, vendor, kind, ports(), Vendor.values(), HoldKind.values(),
                write(curve.points()), curve.observations(), curve.open(), alerts, user.siteRestricted());
    }

    @GET
    @Path("shipments")
    public TemplateInstance shipments(@QueryParam("q") String q,
            @QueryParam("state") app.rigtrail.logistics.domain.ShipmentState state, @QueryParam("kind") ShipmentKind kind,
            @QueryParam("site") String site, @QueryParam("sort") String sort, @QueryParam("dir") String dir,
            @QueryParam("page") Integer page) {
        var list = app.rigtrail.platform.web.ListView.of("/shipments", java.util.Map.of("q", q == null ? "" : q,
                "state", state == null ? "" : state.name(), "kind", kind == null ? "" : kind.name(), "site",
                site == null ? "" : site), sort, dir, page, List.copyOf(ShipmentService.SORTS.keySet()), true);
        return Templates.shipments(shipments.list(q, site, state, kind, list), list, state,
                app.rigtrail.logistics.domain.ShipmentState.values(), kind, ShipmentKind.values(), fleet.siteCodes(),
                canEdit());
    }

    @GET
    @Path("shipments/new")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    public TemplateInstance newShipment(@QueryParam("kind") String kind, @QueryParam("siteId") String siteId,
            @QueryParam("hub") String hubCode, @QueryParam("rmaCases") String rmaCases) {
        // prefilled from an RMA case's "Ship it to the hub" (no dead end between the case and its shipment)
        java.util.Map<String, String> prefill = new java.util.HashMap<>();
        if (kind != null) {
            prefill.put("kind", kind);
        }
        if (siteId != null) {
            prefill.put("siteId", siteId);
        }
        if (hubCode != null) {
            hubs().stream().filter(h -> h.code().equals(hubCode)).findFirst()
                    .ifPresent(h -> prefill.put("hubId", String.valueOf(h.id())));
        }
        if (rmaCases != null) {
            prefill.put("rmaCases", rmaCases);
        }
        return Templates.newShipment(FormValues.ofSingle(prefill), ShipmentKind.values(), sites(), hubs(), ports(),
                UUID.randomUUID().toString());
    }

    @POST
    @Path("shipments")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createShipment(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            List<ItemInput> items = new ArrayList<>();
            for (String rma : split(f.get("rmaCases"))) {
                items.add(new ItemInput(null, Long.valueOf(rma.replaceFirst("^#", "")), null, null, null, null));
            }
            for (String serial : split(f.get("componentSerials"))) {
                Component c = Component.findBySerial(serial);
                if (c == null) {
                    throw ProblemException.invalid("Unknown component " + serial, List.of());
                }
                items.add(new ItemInput(c.id, null, null, null, null, null));
            }
            NewShipment in = new NewShipment(f.enumValue("kind", ShipmentKind.class), f.get("carrier"),
                    f.get("trackingNumber"), f.id("siteId"),
                    f.id("hubId"),
                    f.id("portId"), null, null, items);
            Response r = idempotency.run(user.name() + ":page:new-shipment", f.get("formToken"), in, 201,
                    () -> shipments.create(in));
            long id = json.readTree(String.valueOf(r.getEntity())).get("id").asLong();
            return Response.seeOther(URI.create("/shipments/" + id)).build();
        } catch (ProblemException | ConstraintViolationException | NumberFormatException e) {
            String message = e instanceof ProblemException p ? p.readable()
                    : e instanceof NumberFormatException ? "RMA cases are numbers like 12 or #12"
                            : "Choose the kind, carrier and site";
            return Response.status(400).entity(Templates.newShipment(f.withErrors(message, List.of()),
                    ShipmentKind.values(), sites(), hubs(), ports(), UUID.randomUUID().toString())).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("shipments/{id}")
    public TemplateInstance shipment(@PathParam("id") long id) {
        return shipmentPage(id, null, null);
    }

    private TemplateInstance shipmentPage(long id, String message, ProblemException refusal) {
        String text = refusal != null ? refusal.readable() : message;
        return Templates.shipment(shipments.detail(id), canEdit(), text, refusal == null ? null : refusal.fixHref(),
                refusal == null ? null : refusal.fixText(), UUID.randomUUID().toString(), HoldKind.values(),
                HoldOutcome.values(), DwellService.today().toString());
    }

    @POST
    @Path("shipments/{id}/transitions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            HoldInput hold = f.get("entryNumber") == null ? null : new HoldInput(f.get("entryNumber"),
                    f.enumValue("holdKind", HoldKind.class), f.date("presentedOn"), f.get("filer"), f.get("htsCode"), null,
                    f.get("storageFee") == null ? null : f.cents("storageFee"),
                    f.date("lastFreeDay"));
            ShipmentTransition in = new ShipmentTransition(f.enumValue("to", app.rigtrail.logistics.domain.ShipmentState.class),
                    f.get("note"), hold, f.version());
            idempotency.run(user.name() + ":page:shipment-move", f.get("formToken"), in, 200,
                    () -> shipments.transition(id, in));
            return Response.seeOther(URI.create("/shipments/" + id)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(shipmentPage(id, null, e)).build();
        } catch (ConstraintViolationException | java.time.format.DateTimeParseException e) {
            return Response.status(400).entity(shipmentPage(id,
                    "Fill in the entry number, hold kind and presentation date", null)).build();
        }
    }

    @POST
    @Path("holds/{id}/decision")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        long shipment = holds.holdInScope(id).shipment.id;
        try {
            shipments.decide(id, new LogisticsViews.HoldDecision(
                    f.enumValue("outcome", app.rigtrail.logistics.domain.HoldOutcome.class),
                    f.date("decidedOn"), f.get("note"), null));
            return Response.seeOther(URI.create("/shipments/" + shipment)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(shipmentPage(shipment, null, e)).build();
        } catch (ConstraintViolationException | java.time.format.DateTimeParseException e) {
            return Response.status(400).entity(shipmentPage(shipment, "Choose the outcome and its date", null)).build();
        }
    }

    private static List<String> split(String s) {
        return s == null ? List.of() : java.util.Arrays.stream(s.split("[,;\\s]+")).filter(x -> !x.isBlank()).toList();
    }

    private boolean canEdit() {
        return user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PortView> ports() {
        return Port.<Port>listAll(Sort.by("code")).stream().map(PortView::of).toList();
    }

    private List<SiteView> sites() {
        return Site.<Site>listAll(Sort.by("code")).stream().map(SiteView::of).toList();
    }

    private static List<HubView> hubs() {
        return RepairHub.<RepairHub>listAll(Sort.by("code")).stream().map(HubView::of).toList();
    }
}
