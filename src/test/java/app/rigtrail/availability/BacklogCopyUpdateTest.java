package app.rigtrail.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The backlog copy brought up from the previous one by rebuilding only the changed rows and those whose
 * place in a hub's line moved them between queue and repair ({@link BacklogCopy#update}) equals the copy
 * derived whole from the same items, over random rounds of changes (#13 item 4); and the filtered rows a
 * request scans from the copy's groups (by stage, site, vendor, within the period's failure dates) equal a
 * scan of every row.
 */
class BacklogCopyUpdateTest {

    private static final long DAY = 86_400_000L;
    private static final long NOW = LocalDate.of(2026, 12, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final String[] TICKET_STATES = {"OPEN", "DIAGNOSING", "AWAITING_PART", "IN_BENCH_REPAIR",
        "AWAITING_RMA_SHIPMENT", "RESOLVED"};
    private static final String[] RMA_STATES = {null, "OPENED", "SHIPPED", "AT_HUB", "AT_HUB", "AT_HUB", "REPAIRED",
        "REJECTED"};
    private static final String[] VENDORS = {"BITMAIN", "MICROBT", "CANAAN", "OTHER"};

    private static BacklogCopy.Fetched item(long key, Random r, int sites) {
        long site = 1 + r.nextInt(sites);
        long ticket = key > 0 ? key : 1_000_000 + r.nextInt(1000);
        Long rma = key < 0 ? -key : null;
        String rmaState = rma == null ? null : RMA_STATES[1 + r.nextInt(RMA_STATES.length - 1)];
        long hub = 1 + r.nextInt(3);
        Long atHubSince = "AT_HUB".equals(rmaState) && r.nextInt(10) > 0 ? NOW - r.nextInt(40) * DAY : null;
        String vendor = VENDORS[r.nextInt(VENDORS.length)];
        long model = 1 + r.nextInt(6);
        return new BacklogCopy.Fetched(rma == null ? "TICKET" : "RMA_CASE", ticket, rma, site, "S" + site, vendor, model,
                "M" + model, "A" + key, rma == null ? null : hub, rma == null ? null : "H" + hub,
                NOW - r.nextInt(400) * DAY - (r.nextInt(4) == 0 ? 0 : r.nextInt((int) DAY)), atHubSince,
                TICKET_STATES[r.nextInt(TICKET_STATES.length)], rmaState,
                "SHIPPED".equals(rmaState) || "REPAIRED".equals(rmaState) ? (r.nextBoolean() ? "HELD" : "IN_TRANSIT") : null,
                7 * (1 + r.nextInt(3)), 3 + r.nextInt(5));
    }

    @Test
    void theCopyBuiltFromChangesEqualsTheCopyDerivedWhole() {
        for (int seed = 0; seed < 5; seed++) {
            Random r = new Random(seed);
            int sites = 3 + r.nextInt(3);
            Map<Long, BacklogCopy.Fetched> items = new HashMap<>();
            for (int i = 0; i < 400; i++) {
                long key = r.nextBoolean() ? 1 + r.nextInt(600) : -(1 + r.nextInt(600));
                items.put(key, item(key, r, sites));
            }
            Instant at = Instant.ofEpochMilli(NOW);
            BacklogCopy.Items copy = BacklogCopy.derive(new HashMap<>(items), at, 0, false);
            int updated = 0;
            int moved = 0;
            for (int round = 0; round < 60; round++) {
                Set<Long> changed = new HashSet<>();
                int n = 1 + r.nextInt(r.nextInt(5) == 0 ? 60 : 6);
                for (int k = 0; k < n; k++) {
                    long key = r.nextBoolean() ? 1 + r.nextInt(600) : -(1 + r.nextInt(600));
                    changed.add(key);
                    if (r.nextInt(4) == 0) {
                        items.remove(key); // closed, gone from the view
                    } else {
                        items.put(key, item(key, r, r.nextInt(20) == 0 ? sites + 1 : sites));
                    }
                }
                String context = "seed " + seed + ", round " + round;
                BacklogCopy.Items whole = BacklogCopy.derive(new HashMap<>(items), at, 0, false);
                BacklogCopy.Items next = BacklogCopy.update(copy, new HashMap<>(items), changed, at, 0);
                assertEquals(whole.rows(), next.rows(), context);
                assertEquals(whole.sites(), next.sites(), context);
                assertEquals(whole.fetched(), next.fetched(), context);
                assertEquals(whole.hubRanks(), next.hubRanks(), context);
                assertEquals(whole.groups(), next.groups(), context);
                if (next.sites().equals(copy.sites())) {
                    updated++;
                }
                // a row not named that changed stage: moved between a hub's queue and its repair by others' changes
                Map<Long, String> before = new HashMap<>();
                copy.rows().forEach(x -> before.put(x.rmaCaseId() != null ? -x.rmaCaseId() : x.ticketId(), x.stage()));
                for (BacklogCopy.Row x : next.rows()) {
                    long key = x.rmaCaseId() != null ? -x.rmaCaseId() : x.ticketId();
                    if (!changed.contains(key) && before.containsKey(key) && !before.get(key).equals(x.stage())) {
                        moved++;
                    }
                }
                copy = next;
            }
            assertTrue(updated >= 30, "most rounds built from changes (seed " + seed + "): " + updated);
            assertTrue(moved > 0, "some parts moved between queue and repair without being named (seed " + seed + ")");
        }
    }

    @Test
    void theRowsScannedFromTheGroupsEqualAScanOfEveryRow() {
        Random r = new Random(7);
        Map<Long, BacklogCopy.Fetched> items = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            long key = r.nextBoolean() ? 1 + i : -(1 + i);
            items.put(key, item(key, r, 6));
        }
        BacklogCopy.Items copy = BacklogCopy.derive(items, Instant.ofEpochMilli(NOW), 0, false);
        int nonEmpty = 0;
        for (int i = 0; i < 400; i++) {
            Long site = r.nextInt(2) == 0 ? null : (long) (1 + r.nextInt(7));
            String vendor = r.nextInt(3) == 0 ? VENDORS[r.nextInt(VENDORS.length)] : null;
            List<Long> models = r.nextInt(3) == 0 ? List.of((long) (1 + r.nextInt(6)), (long) (1 + r.nextInt(6))) : null;
            boolean period = r.nextBoolean();
            LocalDate from = LocalDate.of(2025, 10, 1).plusDays(r.nextInt(400));
            LocalDate to = from.plusDays(r.nextInt(3) == 0 ? 0 : r.nextInt(200));
            String stage = r.nextBoolean() ? null
                    : app.rigtrail.availability.domain.BacklogStage.values()[r.nextInt(9)].name();
            DashboardFilter f = new DashboardFilter(site == null ? null : "S" + site, vendor, models == null ? null : "m",
                    from, to, period, site, models);
            List<BacklogCopy.Row> expected = new ArrayList<>();
            long fromMillis = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long toMillis = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            for (BacklogCopy.Row x : copy.rows()) {
                if ((stage == null || stage.equals(x.stage())) && (site == null || site == x.siteId())
                        && (vendor == null || vendor.equals(x.vendor()))
                        && (models == null || models.contains(x.modelId()))
                        && (!period || (x.sinceMillis() >= fromMillis && x.sinceMillis() < toMillis))) {
                    expected.add(x);
                }
            }
            List<BacklogCopy.Row> actual = BacklogService.filtered(copy, f, stage);
            assertEquals(expected, actual, "filter " + f + ", stage " + stage);
            if (!expected.isEmpty()) {
                nonEmpty++;
            }
        }
        assertTrue(nonEmpty > 200, "most filters kept some rows: " + nonEmpty);
    }
}
