package app.rigtrail.demo;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import app.rigtrail.fleet.domain.FleetCatalog;
import app.rigtrail.fleet.domain.FleetCatalog.HubSpec;
import app.rigtrail.fleet.domain.FleetCatalog.ModelSpec;
import app.rigtrail.fleet.domain.FleetCatalog.PartSpec;
import app.rigtrail.fleet.domain.FleetCatalog.PortSpec;
import app.rigtrail.fleet.domain.FleetCatalog.SiteSpec;
import app.rigtrail.fleet.domain.FleetGenerator;
import app.rigtrail.fleet.domain.FleetGenerator.GeneratedComponent;
import app.rigtrail.fleet.domain.FleetGenerator.GeneratedMiner;
import io.agroal.api.AgroalDataSource;

/**
 * Loads a generated demo fleet into an empty database with PostgreSQL COPY, in one transaction:
 * 100,000 miners with their ~1 million components and their first genealogy events load in
 * seconds, where row-by-row inserts would take minutes.
 */
@ApplicationScoped
public class DemoFleetLoader {

    public static final String ACTOR = "demo-generator";
    private static final int CHUNK = 5_000;
    private static final int SPARES_PER_PART = 3;

    public record LoadReport(int sites, int miners, long components, long millis) {
    }

    @Inject
    AgroalDataSource dataSource;

    public boolean fleetIsEmpty() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select not exists (select 1 from site)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the fleet and assigns the demo technicians to their sites. Refuses a database that has sites. */
    public LoadReport load(int miners, int siteCount, long seed, Map<String, List<String>> technicianSites) {
        return load(miners, siteCount, seed, technicianSites, 0);
    }

    /** The same, with a history of customs holds. */
    public LoadReport load(int miners, int siteCount, long seed, Map<String, List<String>> technicianSites, int holds) {
        return load(miners, siteCount, seed, technicianSites, holds, 0).fleet();
    }

    public record FullReport(LoadReport fleet, DemoRepairHistoryLoader.Report repairs) {
    }

    /** The same, with a history of customs holds and of repairs (about {@code tickets} tickets over three years). */
    public FullReport load(int miners, int siteCount, long seed, Map<String, List<String>> technicianSites, int holds,
            long tickets) {
        try (Connection c = dataSource.getConnection()) {
            LoadReport report = load(c, miners, siteCount, seed, technicianSites);
            DemoRepairHistoryLoader.Report repairs = null;
            if (holds > 0 || tickets > 0) {
                c.setAutoCommit(false);
                if (holds > 0) {
                    DemoHoldLoader.load(c, holds, seed, LocalDate.now(ZoneOffset.UTC));
                }
                if (tickets > 0) {
                    skipForeignKeyChecksIfAllowed(c);
                    repairs = DemoRepairHistoryLoader.load(c, tickets, DemoRepairHistoryLoader.WINDOW_DAYS, seed,
                            java.time.Instant.now());
                }
                c.commit();
                c.setAutoCommit(true);
            }
            return new FullReport(report, repairs);
        } catch (SQLException e) {
            throw new IllegalStateException("demo fleet load failed: " + e.getMessage(), e);
        }
    }

    /** The same on a plain JDBC connection (used by the load benchmark), in one transaction. */
    public static LoadReport load(Connection c, int miners, int siteCount, long seed,
            Map<String, List<String>> technicianSites) throws SQLException {
        long started = System.nanoTime();
        FleetGenerator generator = new FleetGenerator(miners, siteCount, seed, LocalDate.now(ZoneOffset.UTC));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!isEmpty(c)) {
                throw new IllegalStateException("the demo fleet loads only into an empty database");
            }
            skipForeignKeyChecksIfAllowed(c);
            List<Long> siteIds = insertSites(c, generator);
            List<Long> modelIds = insertModels(c);
            Map<String, Long> partIds = insertParts(c, modelIds);
            insertHubsAndPorts(c);
            long components = copyFleet(c, generator, siteIds, modelIds, partIds);
            components += stockSpares(c, generator, siteIds, partIds);
            receiveSparesIntoStock(c);
            assignTechnicians(c, technicianSites);
            DemoAggregates.rebuild(c);
            c.commit();
            return new LoadReport(siteIds.size(), miners, components, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Every id the generator writes is one it has just created, so the per-row foreign-key triggers
     * only cost time (about half of a 100,000-miner load). A superuser may skip them for this one
     * transaction; anyone else loads with the checks on.
     */
    private static void skipForeignKeyChecksIfAllowed(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                s.execute("set local session_replication_role = replica");
            }
        }
    }

    private static boolean isEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from site")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    private static List<Long> insertSites(Connection c, FleetGenerator g) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into site (code, name, region, country, time_zone, buildings, rows_per_building, racks_per_row,
                                  slots_per_rack, sensitive, sensitive_note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
            for (SiteSpec s : g.sites()) {
                ps.setString(1, s.code());
                ps.setString(2, s.name());
                ps.setString(3, s.region());
                ps.setString(4, s.country());
                ps.setString(5, s.timeZone());
                ps.setInt(6, g.buildingsPerSite());
                ps.setInt(7, g.rowsPerBuilding());
                ps.setInt(8, g.racksPerRow());
                ps.setInt(9, g.slotsPerRack());
                ps.setBoolean(10, s.sensitive());
                ps.setString(11, s.sensitiveNote());
                ids.add(returnedId(ps));
            }
        }
        return ids;
    }

    private static List<Long> insertModels(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into miner_model (vendor, name, hashrate_ths, power_watts, hashboards, fans, psus, control_boards,
                                         hashboard_degrades, warranty_days)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
            for (ModelSpec m : FleetCatalog.MODELS) {
                ps.setString(1, m.vendor().name());
                ps.setString(2, m.name());
                ps.setBigDecimal(3, java.math.BigDecimal.valueOf(m.hashrateThs()));
                ps.setInt(4, m.powerWatts());
                ps.setInt(5, m.hashboards());
                ps.setInt(6, m.fans());
                ps.setInt(7, m.psus());
                ps.setInt(8, m.controlBoards());
                ps.setBoolean(9, m.hashboardDegrades());
                ps.setInt(10, m.warrantyDays());
                ids.add(returnedId(ps));
            }
        }
        return ids;
    }

    private static Map<String, Long> insertParts(Connection c, List<Long> modelIds) throws SQLException {
        Map<String, Long> modelByName = new HashMap<>();
        for (int i = 0; i < FleetCatalog.MODELS.size(); i++) {
            modelByName.put(FleetCatalog.MODELS.get(i).name(), modelIds.get(i));
        }
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into part (part_number, kind, description, vendor, unit_cost_cents, serialized)
                values (?, ?, ?, ?, ?, ?) returning id""");
                PreparedStatement fit = c.prepareStatement(
                        "insert into part_compatible_model (part_id, model_id) values (?, ?)")) {
            for (PartSpec p : FleetCatalog.PARTS) {
                ps.setString(1, p.partNumber());
                ps.setString(2, p.kind().name());
                ps.setString(3, p.description());
                ps.setString(4, p.vendor().name());
                ps.setLong(5, p.unitCostCents());
                ps.setBoolean(6, p.serialized());
                long id = returnedId(ps);
                ids.put(p.partNumber(), id);
                for (String model : p.models()) {
                    fit.setLong(1, id);
                    fit.setLong(2, modelByName.get(model));
                    fit.addBatch();
                }
            }
            fit.executeBatch();
        }
        return ids;
    }

    private static void insertHubsAndPorts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into repair_hub (code, name, kind, country, region, vendors, part_kinds, capacity_per_week,
                                        turnaround_days) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (HubSpec h : FleetCatalog.HUBS) {
                ps.setString(1, h.code());
                ps.setString(2, h.name());
                ps.setString(3, h.kind());
                ps.setString(4, h.country());
                ps.setString(5, h.region());
                ps.setString(6, h.vendors());
                ps.setString(7, h.partKinds());
                ps.setInt(8, h.capacityPerWeek());
                ps.setInt(9, h.turnaroundDays());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into port (code, name, country) values (?, ?, ?)")) {
            for (PortSpec p : FleetCatalog.PORTS) {
                ps.setString(1, p.code());
                ps.setString(2, p.name());
                ps.setString(3, p.country());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long copyFleet(Connection c, FleetGenerator g, List<Long> siteIds, List<Long> modelIds,
            Map<String, Long> partIds) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long minerBase = nextIdBase(c, "miner");
        long componentBase = nextIdBase(c, "component");
        StringBuilder miners = new StringBuilder();
        StringBuilder minerEvents = new StringBuilder();
        StringBuilder components = new StringBuilder();
        StringBuilder componentEvents = new StringBuilder();
        long[] componentId = {componentBase};
        int[] inChunk = {0};
        g.forEach(m -> {
            long minerId = minerBase + m.index() + 1;
            ModelSpec model = FleetCatalog.MODELS.get(m.modelIndex());
            LocalDate installed = m.warrantyEnd().minusDays(model.warrantyDays());
            String installedAt = installed + " 00:00:00+00"; // never later than now: no future events
            long siteId = siteIds.get(m.siteIndex());
            appendMiner(miners, minerId, m, modelIds.get(m.modelIndex()), siteId, installedAt);
            minerEvents.append(minerId).append(',').append(installedAt).append(',').append(ACTOR).append(",,")
                    .append(m.status()).append(",installed\n");
            for (GeneratedComponent gc : m.components()) {
                long id = ++componentId[0];
                components.append(id).append(',').append(gc.serial()).append(',').append(partIds.get(gc.partNumber()))
                        .append(',').append(gc.kind()).append(",INSTALLED,").append(minerId).append(',')
                        .append(gc.slot()).append(",,").append(siteId).append('\n');
                componentEvents.append(id).append(',').append(installedAt).append(',').append(ACTOR).append(",,\"")
                        .append("installed in ").append(m.assetCode()).append(' ')
                        .append(gc.kind().name().toLowerCase()).append(" slot ").append(gc.slot()).append("\",")
                        .append(minerId).append(",factory build\n");
            }
            if (++inChunk[0] == CHUNK) {
                flush(copy, miners, minerEvents, components, componentEvents);
                inChunk[0] = 0;
            }
        });
        flush(copy, miners, minerEvents, components, componentEvents);
        try (Statement s = c.createStatement()) {
            s.execute("select setval('miner_id_seq', greatest((select coalesce(max(id), 0) from miner), 1))");
            s.execute("select setval('component_id_seq', greatest((select coalesce(max(id), 0) from component), 1))");
            // imports without an asset code continue after the generated sequence numbers
            s.execute("select setval('asset_sequence', greatest((select count(*) from miner), 1))");
        }
        return componentId[0] - componentBase;
    }

    private static void appendMiner(StringBuilder out, long id, GeneratedMiner m, long modelId, long siteId,
            String installedAt) {
        out.append(id).append(',').append(m.serial()).append(',').append(m.assetCode()).append(',').append(m.mac())
                .append(',').append(modelId).append(',').append(siteId).append(',')
                .append(m.position().building()).append(',').append(m.position().row()).append(',')
                .append(m.position().rack()).append(',').append(m.position().slot()).append(',').append(m.status())
                .append(',').append(m.warrantyEnd()).append(',').append(installedAt).append('\n');
    }

    private static void flush(CopyManager copy, StringBuilder miners, StringBuilder minerEvents,
            StringBuilder components, StringBuilder componentEvents) {
        if (miners.isEmpty()) {
            return;
        }
        try {
            copy.copyIn("copy miner (id, serial, asset_code, mac, model_id, site_id, building, row_no, rack, slot, "
                    + "status, warranty_end, installed_at) from stdin (format csv)", new StringReader(miners.toString()));
            copy.copyIn("copy miner_event (miner_id, at, actor, from_status, to_status, reason) from stdin (format csv)",
                    new StringReader(minerEvents.toString()));
            copy.copyIn("copy component (id, serial, part_id, kind, location_kind, miner_id, slot_index, location_ref, "
                    + "site_id) from stdin (format csv)", new StringReader(components.toString()));
            copy.copyIn("copy component_event (component_id, at, actor, from_location, to_location, miner_id, reason) "
                    + "from stdin (format csv)", new StringReader(componentEvents.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY refused: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        miners.setLength(0);
        minerEvents.setLength(0);
        components.setLength(0);
        componentEvents.setLength(0);
    }

    /** A few spares of every part on each site's shelf, so that swaps can be tried at once. */
    private static long stockSpares(Connection c, FleetGenerator g, List<Long> siteIds, Map<String, Long> partIds)
            throws SQLException {
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into component (serial, part_id, kind, location_kind, location_ref, site_id)
                values (?, ?, ?, 'STOCK', ?, ?) returning id""");
                PreparedStatement ev = c.prepareStatement("""
                        insert into component_event (component_id, at, actor, to_location, reason)
                        values (?, now(), ?, ?, 'spare received')""")) {
            for (int s = 0; s < siteIds.size(); s++) {
                String site = g.sites().get(s).code();
                for (PartSpec p : FleetCatalog.PARTS) {
                    for (int n = 1; n <= SPARES_PER_PART; n++) {
                        String shelf = site + " store";
                        ps.setString(1, "SP-" + site + "-" + p.partNumber() + "-" + n);
                        ps.setLong(2, partIds.get(p.partNumber()));
                        ps.setString(3, p.kind().name());
                        ps.setString(4, shelf);
                        ps.setLong(5, siteIds.get(s));
                        long id = returnedId(ps);
                        ev.setLong(1, id);
                        ev.setString(2, ACTOR);
                        ev.setString(3, "in stock at " + shelf);
                        ev.addBatch();
                        count++;
                    }
                }
            }
            ev.executeBatch();
        }
        return count;
    }

    /** Stock locations for every site and hub, and the shelf spares received into the stores' ledgers. */
    private static void receiveSparesIntoStock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    insert into stock_location (code, name, kind, site_id)
                    select code || '-STORE', name || ' store', 'SITE_STORE', id from site
                    where not exists (select 1 from stock_location l where l.code = site.code || '-STORE')""");
            s.execute("""
                    insert into stock_location (code, name, kind, site_id)
                    select code || '-LAB', name || ' lab', 'SITE_LAB', id from site
                    where not exists (select 1 from stock_location l where l.code = site.code || '-LAB')""");
            s.execute("""
                    insert into stock_location (code, name, kind, hub_id)
                    select code || '-HUB', name, 'HUB', id from repair_hub
                    where not exists (select 1 from stock_location l where l.code = repair_hub.code || '-HUB')""");
            s.execute("""
                    insert into stock_movement (at, actor, part_id, kind, to_location_id, quantity, component_id, reason)
                    select now(), '""" + ACTOR + """
                    ', c.part_id, 'RECEIPT', l.id, 1, c.id, 'opening stock'
                    from component c join site st on st.id = c.site_id
                    join stock_location l on l.site_id = st.id and l.kind = 'SITE_STORE'
                    where c.location_kind = 'STOCK' and c.location_ref = st.code || ' store'""");
            s.execute("""
                    insert into stock_level (location_id, part_id, on_hand)
                    select to_location_id, part_id, sum(quantity) from stock_movement where kind = 'RECEIPT'
                    group by to_location_id, part_id
                    on conflict (location_id, part_id) do update set on_hand = excluded.on_hand""");
        }
    }

    private static long nextIdBase(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assignTechnicians(Connection c, Map<String, List<String>> technicianSites)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into user_site (username, site_id) select ?, id from site where code = ? on conflict do nothing")) {
            for (var e : technicianSites.entrySet()) {
                for (String code : e.getValue()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, code);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static long returnedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
