package app.rigtrail.growth;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.rigtrail.fleet.MasterDataViews.ModelView;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.fleet.MinerModel;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.Site;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.growth.MachineOrderViews.Cancellation;
import app.rigtrail.growth.MachineOrderViews.Commissioning;
import app.rigtrail.growth.MachineOrderViews.Delay;
import app.rigtrail.growth.MachineOrderViews.NewDelivery;
import app.rigtrail.growth.MachineOrderViews.NewMachineOrder;
import app.rigtrail.growth.MachineOrderViews.OrderDetail;
import app.rigtrail.growth.MachineOrderViews.OrderEdit;
import app.rigtrail.growth.MachineOrderViews.OrderView;
import app.rigtrail.growth.MachineOrderViews.Placement;
import app.rigtrail.growth.MachineOrderViews.Shortage;
import app.rigtrail.growth.domain.MachineOrderState;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.FormValues;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Machine order pages for logistics (place, deliver, delay, cancel, receive, commission) and managers
 * (read, export). Forms post back and redirect; a refused form shows the page again with why, and
 * nothing is saved. Every form carries a one-time token, so a double tap or a retry saves once.
 */
@Path("/machine-orders")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class MachineOrderPages {

    /** The list's filters as typed. */
    public record Filters(String vendor, String site, List<String> states) {

        public boolean has(String state) {
            return states.contains(state);
        }

        public String query() {
            StringBuilder q = new StringBuilder();
            if (vendor != null && !vendor.isBlank()) {
                q.append("vendor=").append(enc(vendor)).append('&');
            }
            if (site != null && !site.isBlank()) {
                q.append("site=").append(enc(site)).append('&');
            }
            for (String s : states) {
                q.append("state=").append(enc(s)).append('&');
            }
            return q.isEmpty() ? "" : q.substring(0, q.length() - 1);
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** The units of the orders listed, summed. */
    public record Totals(int orders, int onOrder, int onTheWay, int inCustoms, int awaitingCommissioning,
            int commissioned, BigDecimal thsToCome) {
    }

    /** A choice in a select: value and words. */
    public record Choice(String value, String label) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<OrderView> page, Totals totals, Filters filters, List<SiteView> sites,
                List<Choice> vendors, List<Choice> states, boolean canEdit, String message);

        static native TemplateInstance newOrder(FormValues form, List<ModelView> models, List<SiteView> sites,
                List<PortView> ports, String formToken, String today);

        static native TemplateInstance order(OrderDetail detail, boolean canEdit, boolean canReceive, String message,
                List<FieldViolation> violations, String notice, String formToken, List<PortView> ports, String today,
                LocalDate todayDate, String nextFree);
    }

    @Inject
    MachineOrderService orders;

    @Inject
    CurrentUser user;

    @Inject
    Idempotency idempotency;

    @GET
    public TemplateInstance list(@QueryParam("vendor") String vendor, @QueryParam("site") String site,
            @QueryParam("state") List<String> states, @QueryParam("page") Integer page) {
        List<String> chosen = states == null ? List.of() : states.stream().filter(s -> s != null && !s.isBlank()).toList();
        Filters filters = new Filters(vendor, site, chosen);
        String message = null;
        Page<OrderView> p;
        try {
            p = orders.list(vendor, site, parseStates(chosen), Paging.of(page, 200));
        } catch (ProblemException e) {
            message = e.readable();
            p = new Page<>(List.of(), 0);
        }
        int onOrder = 0;
        int onTheWay = 0;
        int inCustoms = 0;
        int waiting = 0;
        int commissioned = 0;
        BigDecimal ths = BigDecimal.ZERO;
        for (OrderView o : p.items()) {
            onOrder += o.units().onOrder();
            onTheWay += o.units().onTheWay();
            inCustoms += o.units().inCustoms();
            waiting += o.units().awaitingCommissioning();
            commissioned += o.units().commissioned();
            ths = ths.add(o.thsLeftToDeliver());
        }
        return Templates.list(p, new Totals(p.items().size(), onOrder, onTheWay, inCustoms, waiting, commissioned, ths),
                filters, sites(), vendors(), states(), canEdit(), message);
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("vendor") String vendor, @QueryParam("site") String site,
            @QueryParam("state") List<String> states) {
        List<String> chosen = states == null ? List.of() : states.stream().filter(s -> s != null && !s.isBlank()).toList();
        return Response.ok(orders.csv(vendor, site, parseStates(chosen)), "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=machine-orders.csv").build();
    }

    @GET
    @Path("new")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    public TemplateInstance newOrder() {
        return Templates.newOrder(FormValues.ofSingle(Map.of("quotedLeadDays", "42", "transitDays", "14")), models(),
                sites(), ports(), UUID.randomUUID().toString(), LocalDate.now().toString());
    }

    @POST
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        try {
            NewMachineOrder in = new NewMachineOrder(id(f, "modelId"), null, id(f, "siteId"), f.optionalInteger("quantity"),
                    dollars(f, "unitPrice"), dollars(f, "depositPaid"), f.optionalInteger("quotedLeadDays"),
                    date(f, "orderedOn"), date(f, "expectedShipOn"), f.optionalInteger("transitDays"),
                    date(f, "expectedArrivalOn"), id(f, "portId"), f.get("vendorReference"), f.get("note"));
            if (!f.errors().isEmpty()) {
                throw ProblemException.invalid("Some fields are not valid", f.errors());
            }
            Object r = idempotency.run(user.name() + ":page:new-machine-order", f.get("formToken"), in, 201,
                    () -> orders.create(in)).getEntity();
            return Response.seeOther(URI.create("/machine-orders/" + idOf(r))).build();
        } catch (ProblemException | ConstraintViolationException e) {
            List<FieldViolation> v = violations(e);
            return Response.status(400).entity(Templates.newOrder(f.withErrors(message(e), v), models(), sites(),
                    ports(), UUID.randomUUID().toString(), LocalDate.now().toString())).build();
        }
    }

    /** What the page says after a form was saved (the redirect names the form). */
    static final Map<String, String> DONE = Map.of("edit", "Saved.", "delay", "New expected date saved.",
            "cancel", "Cancelled.", "delivery", "Delivery added.", "receipt", "Received into the registry.",
            "receipt-list", "Received into the registry.", "shortage", "Missing machines recorded.",
            "commission", "Commissioned: hashing.");

    @GET
    @Path("{id:[0-9]+}")
    public TemplateInstance order(@PathParam("id") long id, @QueryParam("done") String done) {
        return page(id, null, List.of(), done == null ? null : DONE.get(done));
    }

    /** From a shipment's page to the order it delivers (or the list when it delivers none). */
    @GET
    @Path("by-shipment/{shipment:[0-9]+}")
    public Response byShipment(@PathParam("shipment") long shipment) {
        MachineDelivery d = orders.deliveryOfShipment(shipment);
        return Response.seeOther(URI.create(d == null ? "/machine-orders" : "/machine-orders/" + d.order.id)).build();
    }

    @POST
    @Path("{id:[0-9]+}/edit")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        OrderEdit in = new OrderEdit(f.version(), dollars(f, "depositPaid"), dollars(f, "unitPrice"),
                f.value("vendorReference"), f.value("note"), id(f, "portId"), f.get("reason"));
        return act(id, f, form, "edit", () -> orders.edit(id, in));
    }

    @POST
    @Path("{id:[0-9]+}/delays")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delay(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Delay in = new Delay(date(f, "expectedShipOn"), date(f, "expectedArrivalOn"), f.value("reason"),
                id(f, "deliveryId"), f.version());
        return act(id, f, form, "delay", () -> orders.delay(id, in));
    }

    @POST
    @Path("{id:[0-9]+}/cancellations")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Cancellation in = new Cancellation(f.optionalInteger("quantity"), f.value("reason"), f.version());
        return act(id, f, form, "cancel", () -> orders.cancel(id, in));
    }

    @POST
    @Path("{id:[0-9]+}/deliveries")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addDelivery(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        NewDelivery in = new NewDelivery(f.optionalInteger("quantity"), f.value("carrier"), f.get("trackingNumber"),
                id(f, "portId"), date(f, "shippedOn"), date(f, "expectedArrivalOn"), f.get("note"));
        return act(id, f, form, "delivery", () -> orders.addDelivery(id, in));
    }

    @POST
    @Path("{id:[0-9]+}/deliveries/{d:[0-9]+}/receipts")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receive(@PathParam("id") long id, @PathParam("d") long d, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Integer quantity = f.optionalInteger("quantity");
        return act(id, f, form, "receipt", () -> orders.receiveGenerated(id, d, quantity));
    }

    @POST
    @Path("{id:[0-9]+}/deliveries/{d:[0-9]+}/list")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response receiveList(@PathParam("id") long id, @PathParam("d") long d, @RestForm("file") FileUpload file,
            @RestForm("formToken") String token) {
        if (file == null || file.size() == 0) {
            return Response.status(400).entity(page(id, "Choose the vendor's delivery list (a CSV file).", List.of(),
                    null)).build();
        }
        String text;
        try {
            text = app.rigtrail.platform.web.CsvText.read(file.uploadedFile());
        } catch (ProblemException e) {
            return Response.status(400).entity(page(id, e.getMessage(), e.violations(), null)).build();
        }
        return act(id, token, text, "receipt-list",
                () -> orders.receiveList(id, d, new java.io.StringReader(text)));
    }

    @POST
    @Path("{id:[0-9]+}/deliveries/{d:[0-9]+}/shortages")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response shortage(@PathParam("id") long id, @PathParam("d") long d, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        Shortage in = new Shortage(f.optionalInteger("quantity"), f.value("reason"));
        return act(id, f, form, "shortage", () -> orders.reportShortage(id, d, in));
    }

    @POST
    @Path("{id:[0-9]+}/commissions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response commission(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        FormValues f = FormValues.of(form);
        List<Placement> items = new ArrayList<>();
        List<String> serials = form.getOrDefault("serial", List.of());
        List<String> positions = form.getOrDefault("position", List.of());
        for (int i = 0; i < serials.size() && i < positions.size(); i++) {
            if (positions.get(i) != null && !positions.get(i).isBlank()) {
                items.add(new Placement(null, serials.get(i), positions.get(i).trim()));
            }
        }
        Commissioning in = "batch".equals(f.get("how"))
                ? new Commissioning(null, f.optionalInteger("count"), f.value("startAt"))
                : new Commissioning(items, null, null);
        return act(id, f, form, "commission", () -> orders.commission(id, in));
    }

    // ---- helpers ----

    private Response act(long id, FormValues f, MultivaluedMap<String, String> form, String what,
            Supplier<Object> work) {
        if (!f.errors().isEmpty()) {
            return Response.status(400).entity(page(id, "Some fields are not valid", f.errors(), null)).build();
        }
        Map<String, Object> request = new java.util.TreeMap<>(form);
        request.remove("formToken");
        return act(id, f.get("formToken"), request, what, work);
    }

    /**
     * Runs a form's action once per form token (a double tap or a retried post saves once); a refusal
     * shows the order's page again with why. Not found and not allowed go to the error page.
     */
    private Response act(long id, String token, Object request, String what, Supplier<Object> work) {
        try {
            idempotency.run(user.name() + ":page:machine-order-" + what + ":" + id, token, request, 200, work::get);
            return Response.seeOther(URI.create("/machine-orders/" + id + "?done=" + what)).build();
        } catch (ProblemException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            return Response.status(e.status()).entity(page(id, message(e), violations(e), null)).build();
        } catch (ConstraintViolationException e) {
            return Response.status(400).entity(page(id, message(e), violations(e), null)).build();
        }
    }

    private TemplateInstance page(long id, String message, List<FieldViolation> violations, String done) {
        OrderDetail d = orders.detail(id);
        boolean edit = canEdit();
        boolean receive = edit || user.has(Roles.TECHNICIAN);
        LocalDate today = MachineOrderService.today(Site.findById(d.order().siteId()));
        return Templates.order(d, edit, receive, message, violations, message == null ? done : null,
                UUID.randomUUID().toString(), ports(), today.toString(), today,
                d.order().units().awaitingCommissioning() > 0 ? orders.nextFreePosition(d.order().siteId()) : null);
    }

    private static String message(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p.getMessage();
        }
        return "Some fields are missing or not valid";
    }

    private static List<FieldViolation> violations(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p.violations();
        }
        if (e instanceof ConstraintViolationException c) {
            return c.getConstraintViolations().stream().map(v -> {
                String path = v.getPropertyPath().toString();
                return new FieldViolation(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
            }).sorted(java.util.Comparator.comparing(FieldViolation::field)).toList();
        }
        return List.of();
    }

    /** Dollars typed as 19,500.00 or 19500, in cents; a typo is named, not a failure. */
    private static Long dollars(FormValues f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(",", "").replace("$", "").trim()).movePointRight(2)
                    .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            f.withErrors(null, List.of(new FieldViolation(name, "must be an amount in dollars, like 19500.00")));
            return null;
        }
    }

    private static Long id(FormValues f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            f.withErrors(null, List.of(new FieldViolation(name, "'" + v + "' is not a valid choice")));
            return null;
        }
    }

    private static LocalDate date(FormValues f, String name) {
        String v = f.get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            f.withErrors(null, List.of(new FieldViolation(name, "must be a date like 2027-03-01")));
            return null;
        }
    }

    private static long idOf(Object entity) {
        if (entity instanceof OrderView v) {
            return v.id();
        }
        String json = String.valueOf(entity);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    private static List<MachineOrderState> parseStates(List<String> states) {
        List<MachineOrderState> out = new ArrayList<>();
        for (String s : states) {
            try {
                out.add(MachineOrderState.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("Unknown state", List.of(new FieldViolation("state", "'" + s
                        + "' is not one of " + List.of(MachineOrderState.values()))));
            }
        }
        return out;
    }

    private boolean canEdit() {
        return user.has(Roles.LOGISTICS) || user.has(Roles.ADMIN);
    }

    private List<SiteView> sites() {
        return Site.<Site>listAll(Sort.by("code")).stream().filter(s -> user.canSeeSite(s.id)).map(SiteView::of).toList();
    }

    private static List<ModelView> models() {
        return MinerModel.<MinerModel>listAll(Sort.by("vendor").and("name")).stream().map(ModelView::of).toList();
    }

    private static List<PortView> ports() {
        return Port.<Port>listAll(Sort.by("code")).stream().map(PortView::of).toList();
    }

    private static List<Choice> vendors() {
        return java.util.Arrays.stream(Vendor.values()).map(v -> new Choice(v.name(), v.label())).toList();
    }

    private static List<Choice> states() {
        return java.util.Arrays.stream(MachineOrderState.values()).map(s -> new Choice(s.name(), s.label())).toList();
    }
}
