package app.rigtrail.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import app.rigtrail.fleet.MinerModel;
import app.rigtrail.fleet.Port;
import app.rigtrail.fleet.Site;
import app.rigtrail.growth.CapacityPlanService;
import app.rigtrail.growth.CapacityPlanService.TargetInput;
import app.rigtrail.growth.MachineOrderService;
import app.rigtrail.growth.MachineOrderViews.Cancellation;
import app.rigtrail.growth.MachineOrderViews.Commissioning;
import app.rigtrail.growth.MachineOrderViews.Delay;
import app.rigtrail.growth.MachineOrderViews.DeliveryView;
import app.rigtrail.growth.MachineOrderViews.NewDelivery;
import app.rigtrail.growth.MachineOrderViews.NewMachineOrder;
import app.rigtrail.growth.MachineOrderViews.OrderView;
import app.rigtrail.logistics.LogisticsViews.HoldInput;
import app.rigtrail.logistics.LogisticsViews.ShipmentTransition;
import app.rigtrail.logistics.ShipmentService;
import app.rigtrail.logistics.domain.HoldKind;
import app.rigtrail.logistics.domain.ShipmentState;
import app.rigtrail.platform.security.Roles;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * Demo machine orders through the same use cases the pages call (so their ledgers, events and
 * shipments are what real use writes): 200 S21 held in customs at Houston with storage fees, a MicroBT
 * order half delivered and delayed, a large order just placed, a cancelled one, a complete one, and a
 * capacity plan for the next months.
 */
@ApplicationScoped
public class DemoMachineOrders {

    @Inject
    MachineOrderService orders;

    @Inject
    ShipmentService shipments;

    @Inject
    CapacityPlanService plan;

    @Inject
    CurrentIdentityAssociation identity;

    /** Loads the demo orders; returns how many, or 0 when the demo fleet lacks the sites or models they need. */
    @ActivateRequestContext
    public int load() {
        identity.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(DemoFleetLoader.ACTOR))
                .addRole(Roles.ADMIN).build());
        Site ok1 = Site.findByCode("OK1");
        Site tx1 = Site.findByCode("TX1");
        Site ny1 = Site.findByCode("NY1");
        Site ab1 = Site.findByCode("AB1");
        Site ar1 = Site.findByCode("AR1");
        MinerModel s21 = MinerModel.findByName("S21");
        MinerModel m60 = MinerModel.findByName("Whatsminer M60S");
        MinerModel pro = MinerModel.findByName("S21 Pro");
        MinerModel avalon = MinerModel.findByName("Avalon A1466");
        MinerModel t21 = MinerModel.findByName("T21");
        Port hou = Port.<Port>find("code", "HOU").firstResult();
        Port lax = Port.<Port>find("code", "LAX").firstResult();
        if (ok1 == null || tx1 == null || ny1 == null || ab1 == null || ar1 == null || s21 == null || m60 == null
                || pro == null || avalon == null || t21 == null || hou == null || lax == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(ZoneId.of(ok1.timeZone));
        LocalDate utc = LocalDate.now(ZoneOffset.UTC);

        // 200 S21 for Oklahoma, held at Houston for another agency since 18 days, storage fees running
        OrderView held = orders.create(new NewMachineOrder(s21.id, null, ok1.id, 200, 1_950_000L, 117_000_000L, 42,
                today.minusDays(75), null, 21, null, hou.id, "BM-PO-2026-118", "Q1 expansion, hall B"));
        DeliveryView d = orders.addDelivery(held.id(), new NewDelivery(200, "Maersk", "MSKU7712440", null,
                today.minusDays(33), today.minusDays(12), "one 40 ft container"));
        shipments.transition(d.shipmentId(), new ShipmentTransition(ShipmentState.AT_PORT, "arrived at Houston", null,
                null));
        shipments.transition(d.shipmentId(), new ShipmentTransition(ShipmentState.HELD, "FCC review of the radios",
                new HoldInput("HOU-2026-88121", HoldKind.OTHER_AGENCY, utc.minusDays(18), "Expeditors", "8471.50.0150",
                        390_000_000L, 330_000L, utc.minusDays(13)), null));

        // 120 Whatsminer M60S for Texas: 60 delivered (40 hashing, 20 to commission), 60 delayed by the vendor
        OrderView split = orders.create(new NewMachineOrder(m60.id, null, tx1.id, 120, 1_420_000L, 51_120_000L, 35,
                today.minusDays(50), null, 10, null, lax.id, "MB-24-3391", null));
        DeliveryView first = orders.addDelivery(split.id(), new NewDelivery(60, "Evergreen", "EGLV1402", null,
                today.minusDays(14), today.minusDays(3), null));
        shipments.transition(first.shipmentId(), new ShipmentTransition(ShipmentState.AT_PORT, null, null, null));
        shipments.transition(first.shipmentId(), new ShipmentTransition(ShipmentState.CLEARED, "cleared on arrival",
                null, null));
        shipments.transition(first.shipmentId(), new ShipmentTransition(ShipmentState.DELIVERED, null, null, null));
        orders.receiveGenerated(split.id(), first.id(), null);
        orders.commission(split.id(), new Commissioning(null, 40, orders.nextFreePosition(tx1.id)));
        OrderView now = orders.detail(split.id()).order();
        orders.delay(split.id(), new Delay(now.expectedShipOn().plusDays(21), null,
                "MicroBT cut this month's allocation: the rest ships three weeks later", null, now.version()));

        // 300 S21 Pro for New York, just placed, long lead time
        orders.create(new NewMachineOrder(pro.id, null, ny1.id, 300, 2_350_000L, 70_500_000L, 90, today.minusDays(10),
                null, 21, null, lax.id, "BM-PO-2026-131", null));

        // 80 Avalon for Alberta, 30 cancelled after a pivot to MicroBT
        OrderView canaan = orders.create(new NewMachineOrder(avalon.id, null, ab1.id, 80, 880_000L, 0L, 60,
                today.minusDays(20), null, 14, null, null, null, null));
        orders.cancel(canaan.id(), new Cancellation(30, "moved 30 to the MicroBT order", null));

        // 40 T21 for Arkansas, delivered and all hashing
        OrderView done = orders.create(new NewMachineOrder(t21.id, null, ar1.id, 40, 1_550_000L, 62_000_000L, 30,
                today.minusDays(60), null, 12, null, null, null, null));
        DeliveryView all = orders.addDelivery(done.id(), new NewDelivery(40, "UPS Freight", "UPSF-88", null,
                today.minusDays(25), today.minusDays(13), null));
        shipments.transition(all.shipmentId(), new ShipmentTransition(ShipmentState.DELIVERED, null, null, null));
        orders.receiveGenerated(done.id(), all.id(), null);
        orders.commission(done.id(), new Commissioning(null, 40, orders.nextFreePosition(ar1.id)));

        // the plan: the fleet grows by what is ordered and a little more; Oklahoma and Texas on their own
        double installed = plan.progress(null).installedThs();
        List<TargetInput> targets = new ArrayList<>();
        YearMonth month = YearMonth.from(utc);
        for (int i = 0; i < 7; i++) {
            targets.add(new TargetInput(null, month.plusMonths(i).toString(),
                    BigDecimal.valueOf(Math.round(installed + 25_000.0 * i)), null));
        }
        double ok = plan.progress("OK1").installedThs();
        targets.add(new TargetInput("OK1", month.plusMonths(1).toString(), BigDecimal.valueOf(Math.round(ok + 40_000)),
                null));
        double tx = plan.progress("TX1").installedThs();
        targets.add(new TargetInput("TX1", month.plusMonths(2).toString(), BigDecimal.valueOf(Math.round(tx + 20_000)),
                null));
        plan.set(new CapacityPlanService.TargetChange(targets, "board-approved growth plan"));
        return 5;
    }
}
