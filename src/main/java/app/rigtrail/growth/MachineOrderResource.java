package app.rigtrail.growth;

import java.io.StringReader;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.growth.MachineOrderViews.Cancellation;
import app.rigtrail.growth.MachineOrderViews.Commissioning;
import app.rigtrail.growth.MachineOrderViews.Delay;
import app.rigtrail.growth.MachineOrderViews.NewDelivery;
import app.rigtrail.growth.MachineOrderViews.NewMachineOrder;
import app.rigtrail.growth.MachineOrderViews.OrderDetail;
import app.rigtrail.growth.MachineOrderViews.OrderEdit;
import app.rigtrail.growth.MachineOrderViews.OrderPage;
import app.rigtrail.growth.MachineOrderViews.OrderView;
import app.rigtrail.growth.MachineOrderViews.Receipt;
import app.rigtrail.growth.MachineOrderViews.Shortage;
import app.rigtrail.growth.domain.MachineOrderState;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.Paging;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.security.Authenticated;

/**
 * Machine orders: purchase orders for miners, their deliveries through a port and customs, the
 * machines received into the registry and commissioned. Logistics (and admins) write; technicians read
 * and receive and commission at their own sites; managers read.
 */
@Path("/api/machine-orders")
@Tag(name = "Machine orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MachineOrderResource {

    static final String CSV = "text/csv";

    @Inject
    MachineOrderService orders;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Machine orders by expected arrival: {\"items\":[...],\"total\":N}. Filters: vendor (BITMAIN, "
            + "MICROBT, CANAAN, OTHER), site (code or id), state (PLACED, IN_DELIVERY, DELIVERED, COMPLETE, CANCELLED, "
            + "LOST; repeat it for several). Each order carries its ledger: units on order, on the way (of which in "
            + "customs), awaiting commissioning, commissioned, cancelled, lost. With Accept: text/csv or ?format=csv: "
            + "every order the filters select, one CSV line each (no paging). Technicians see their sites' orders.")
    @APIResponse(responseCode = "200", description = "one page of orders, or every one as CSV", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderPage.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response list(@Parameter(description = "BITMAIN, MICROBT, CANAAN or OTHER") @QueryParam("vendor") String vendor,
            @Parameter(description = "site code or id") @QueryParam("site") String site,
            @Parameter(description = "one or more states") @QueryParam("state") List<MachineOrderState> states,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (wantsCsv(accept, format)) {
            return Response.ok(orders.csv(vendor, site, states), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=machine-orders.csv").build();
        }
        Page<OrderView> p = orders.list(vendor, site, states, Paging.of(page, size));
        return Response.ok(p, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order: {modelId, vendor (optional, must be the model's), siteId, quantity, "
            + "unitPriceCents, depositPaidCents, quotedLeadDays, orderedOn (default today), expectedShipOn (default "
            + "orderedOn + quotedLeadDays), transitDays (default 14) or expectedArrivalOn, portId, vendorReference, "
            + "note}. Idempotency-Key is honoured.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The order placed",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.OrderView.class)))
    public Response create(NewMachineOrder in, @HeaderParam(Idempotency.HEADER) String key) {
        NewMachineOrder body = required(in);
        return idempotency.run(user.name() + ":POST /api/machine-orders", key, body, 201, () -> orders.create(body));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An order with its deliveries (shipment state, customs hold with its age and storage fees), "
            + "the machines waiting to be commissioned, its events (placed, state changes, delays with the dates "
            + "before and after, edits) and its ledger's movements")
    public OrderDetail get(@PathParam("id") long id) {
        return orders.detail(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the deposit paid, unit price, vendor reference, note or port: {version (required), "
            + "...fields, reason}. A stale version gets 409; every change is an event")
    public OrderView edit(@PathParam("id") long id, OrderEdit in) {
        return orders.edit(id, required(in));
    }

    @POST
    @Path("{id}/delays")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new expected date with its reason, kept as an event with the date before and after: "
            + "{expectedShipOn and/or expectedArrivalOn, reason} for the units not yet shipped, or {deliveryId, "
            + "expectedArrivalOn, reason} for a delivery on the way")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The order with its new dates",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.OrderView.class)))
    public Response delay(@PathParam("id") long id, Delay in, @HeaderParam(Idempotency.HEADER) String key) {
        Delay body = required(in);
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/delays", key, body, 200,
                () -> orders.delay(id, body));
    }

    @POST
    @Path("{id}/cancellations")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel units not yet shipped: {quantity (default: all on order), reason}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The order after the cancellation",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.OrderView.class)))
    public Response cancel(@PathParam("id") long id, Cancellation in, @HeaderParam(Idempotency.HEADER) String key) {
        Cancellation body = required(in);
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/cancellations", key, body, 200,
                () -> orders.cancel(id, body));
    }

    @POST
    @Path("{id}/deliveries")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put units on a delivery: a NEW_MACHINES shipment to the order's site through its port "
            + "{quantity, carrier, trackingNumber, portId (default the order's), shippedOn (then it is in transit), "
            + "expectedArrivalOn}. The shipment then moves like any other (POST /api/shipments/{id}/transitions: "
            + "at the port, held with its customs entry and storage fees, cleared, delivered)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The delivery added",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.DeliveryView.class)))
    public Response addDelivery(@PathParam("id") long id, NewDelivery in, @HeaderParam(Idempotency.HEADER) String key) {
        NewDelivery body = required(in);
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/deliveries", key, body, 201,
                () -> orders.addDelivery(id, body));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/receipts")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive machines of a delivered delivery into the registry with generated serials "
            + "(MO12-D1-0001 and MO12-D1-0001-HB1 for its parts): {quantity (default: all to receive, at most 1000 "
            + "at a time)}. All or nothing; when nothing is left to receive, the shipment is received")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The units received",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.ReceiptResult.class)))
    public Response receive(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId,
            @app.rigtrail.platform.web.OptionalBody Receipt in,
            @HeaderParam(Idempotency.HEADER) String key) {
        Receipt r = in == null ? new Receipt(null) : in;
        if (r.quantity() != null && r.quantity() < 1) {
            throw ProblemException.invalid("Receive at least one machine",
                    List.of(new FieldViolation("quantity", "must be at least 1")));
        }
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/deliveries/" + deliveryId
                + "/receipts", key, r, 201, () -> orders.receiveGenerated(id, deliveryId, r.quantity()));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/receipts")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(CSV)
    @Operation(summary = "Receive the machines of the vendor's delivery list (text/csv: serial, and optionally mac, "
            + "asset_code, hashboards, fans, psus, control_boards as SERIAL or SERIAL@PART separated by ';'; a kind "
            + "left empty gets generated serials). All or nothing: every bad line is named with its column")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The units received",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.ReceiptResult.class)))
    public Response receiveList(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId, byte[] csv,
            @HeaderParam(Idempotency.HEADER) String key) {
        String body = app.rigtrail.platform.web.CsvText.decode(csv);
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/deliveries/" + deliveryId
                + "/receipts", key, body, 201, () -> orders.receiveList(id, deliveryId, new StringReader(body)));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/shortages")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Units of a delivered delivery that did not arrive: {quantity, reason}; they leave the "
            + "order's ledger as lost")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The delivery with the shortage",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.DeliveryView.class)))
    public Response shortage(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId, Shortage in,
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/deliveries/" + deliveryId
                + "/shortages", key, required(in), 200, () -> orders.reportShortage(id, deliveryId, required(in)));
    }

    @POST
    @Path("{id}/commissions")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN, Roles.TECHNICIAN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Commission received machines: install them at rack positions, hashing. Either {items: "
            + "[{minerId or serial, position: \"1/3/12/7\"}]} or {count, startAt: \"1/3/1/1\"} for the next machines "
            + "in the free positions from there on. All or nothing")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The units commissioned and where",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.growth.MachineOrderViews.CommissioningResult.class)))
    public Response commission(@PathParam("id") long id, @app.rigtrail.platform.web.OptionalBody Commissioning in, @HeaderParam(Idempotency.HEADER) String key) {
        Commissioning c = in == null ? new Commissioning(null, null, null) : in;
        return idempotency.run(user.name() + ":POST /api/machine-orders/" + id + "/commissions", key, c, 200,
                () -> orders.commission(id, c));
    }

    /** An empty body is a clear refusal, not a failure. */
    static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.invalid("Send the request as a JSON object", List.of(new FieldViolation("body",
                    "is empty")));
        }
        return body;
    }

    static boolean wantsCsv(String accept, String format) {
        return "csv".equalsIgnoreCase(format)
                || (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON));
    }
}
