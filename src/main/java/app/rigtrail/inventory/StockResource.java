package app.rigtrail.inventory;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.rigtrail.inventory.InventoryViews.Adjustment;
import app.rigtrail.inventory.InventoryViews.Ledger;
import app.rigtrail.inventory.InventoryViews.LevelView;
import app.rigtrail.inventory.InventoryViews.NewPurchaseOrder;
import app.rigtrail.inventory.InventoryViews.PurchaseOrderView;
import app.rigtrail.inventory.InventoryViews.Receipt;
import app.rigtrail.inventory.InventoryViews.Transfer;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.security.Roles;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.Idempotency;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.security.Authenticated;

@Path("/api")
@Tag(name = "Spare stock")
@Authenticated
public class StockResource {

    @Inject
    StockService stock;

    @Inject
    PurchaseOrders purchaseOrders;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentUser user;

    @GET
    @Path("stock")
    @Operation(summary = "Stock per location and part (on hand, reserved, in transit, on order) with the reorder point "
            + "and order-up-to level for the target fill rate (demand from the issues of the last year, or the installed "
            + "base at 5% a year; lead time = quoted + chance of a hold x fitted dwell); low=true keeps those at or "
            + "below their reorder point, with the suggested order")
    public List<LevelView> levels(@QueryParam("location") Long location, @QueryParam("low") boolean low) {
        return stock.levels(location, low);
    }

    public record LocationView(Long id, String code, String name, String kind, Long siteId, Long hubId) {
    }

    @GET
    @Path("stock/locations")
    @Operation(summary = "The stock locations the caller may see")
    public List<LocationView> locations() {
        return stock.visibleLocations().stream()
                .map(l -> new LocationView(l.id, l.code, l.name, l.kind, l.siteId, l.hubId)).toList();
    }

    @GET
    @Path("stock/ledger")
    @Operation(summary = "A part's ledger at a location, with the running balance; it ends at the level on hand")
    public Ledger ledger(@QueryParam("location") Long location, @QueryParam("part") Long part) {
        if (location == null || part == null) {
            throw ProblemException.invalid("Name the location and the part", List.of(
                    new FieldViolation(location == null ? "location" : "part", "is required")));
        }
        return stock.ledger(location, part);
    }

    @POST
    @Path("stock/receipts")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The stock movement",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.inventory.InventoryViews.MovementView.class)))
    public Response receive(Receipt in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/stock/receipts", key, in, 201, () -> stock.receive(in));
    }

    @POST
    @Path("stock/transfers")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move units between locations; refused with 409 when the source has too few")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The stock movement",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.inventory.InventoryViews.MovementView.class)))
    public Response transfer(Transfer in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/stock/transfers", key, in, 201, () -> stock.transfer(in));
    }

    @POST
    @Path("stock/adjustments")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct a count (delta + or -) with a reason; never below zero")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The stock movement",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.inventory.InventoryViews.MovementView.class)))
    public Response adjust(Adjustment in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/stock/adjustments", key, in, 201, () -> stock.adjust(in));
    }

    @POST
    @Path("stock/scraps")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The stock movement",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.inventory.InventoryViews.MovementView.class)))
    public Response scrap(Adjustment in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/stock/scraps", key, in, 201, () -> stock.scrap(in));
    }

    @GET
    @Path("purchase-orders")
    public List<PurchaseOrderView> orders() {
        return purchaseOrders.orders();
    }

    @POST
    @Path("purchase-orders")
    @RolesAllowed({Roles.LOGISTICS, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order spares with a quoted lead time: the order is counted on order and an inbound "
            + "SPARES_PURCHASE shipment is created; receiving that shipment puts the lot on the shelf")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "201", description = "The purchase order placed",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = app.rigtrail.inventory.InventoryViews.PurchaseOrderView.class)))
    public Response order(NewPurchaseOrder in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.run(user.name() + ":POST /api/purchase-orders", key, in, 201, () -> purchaseOrders.order(in));
    }
}
