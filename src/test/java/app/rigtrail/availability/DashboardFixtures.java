package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.agroal.api.AgroalDataSource;

/**
 * Small hand-made fleets for the dashboard tests, written with SQL as the app's services would write
 * them (rows and their events), each on a site of its own so that the tests do not see each other.
 */
public final class DashboardFixtures {

    private final AgroalDataSource ds;
    public final String siteCode;
    public final long siteId;
    private int slot;

    public DashboardFixtures(AgroalDataSource ds, String prefix) {
        this.ds = ds;
        // the code carries the site's id, which the database hands out once: no two fixtures share a code
        this.siteId = id("select nextval(pg_get_serial_sequence('site', 'id'))");
        this.siteCode = prefix + siteId;
        exec("insert into site (id, code, name, region, country, time_zone) values (?, ?, ?, 'TX', 'US', 'UTC')", siteId,
                siteCode, "Test site " + siteCode);
    }

    public long model(String name, double ths, int hashboards) {
        return id("insert into miner_model (vendor, name, hashrate_ths, power_watts, hashboards, fans, psus, control_boards,"
                + " hashboard_degrades) values ('OTHER', ?, ?, 3500, ?, 4, 1, 1, true) returning id", name + "-" + siteCode,
                ths, hashboards);
    }

    public long hub(int capacityPerWeek, int turnaroundDays, String kind) {
        return id("insert into repair_hub (code, name, kind, country, vendors, part_kinds, capacity_per_week, "
                + "turnaround_days) values (?, 'Test hub', ?, 'US', 'OTHER', 'HASHBOARD', ?, ?) returning id",
                "H" + siteCode + kind.charAt(0), kind, capacityPerWeek, turnaroundDays);
    }

    /** A miner installed at {@code at} in {@code status}, with its installation event. */
    public long miner(long model, Instant at, String status) {
        int s = ++slot;
        long id = id("insert into miner (serial, asset_code, model_id, site_id, building, row_no, rack, slot, status, "
                + "installed_at) values (?, ?, ?, ?, 1, 1, 1, ?, ?, ?) returning id", "SN-" + siteCode + "-" + s,
                "A-" + siteCode + "-" + s, model, siteId, s, status, ts(at));
        exec("insert into miner_event (miner_id, at, actor, from_status, to_status, reason) values (?, ?, 'test', null, ?, "
                + "'installed')", id, ts(at), status);
        return id;
    }

    /** A status change at {@code at}: the event, and the miner's status follows. */
    public void status(long miner, Instant at, String from, String to) {
        exec("insert into miner_event (miner_id, at, actor, from_status, to_status, reason) values (?, ?, 'test', ?, ?, "
                + "'test')", miner, ts(at), from, to);
        exec("update miner set status = ? where id = ?", to, miner);
    }

    public long ticket(long miner, Instant opened, String state) {
        return id("insert into repair_ticket (miner_id, site_id, state, symptom, prior_miner_status, opened_by, opened_at)"
                + " values (?, ?, ?, 'test', 'HASHING', 'test', ?) returning id", miner, siteId, state, ts(opened));
    }

    public long component(long part) {
        return id("insert into component (serial, part_id, kind, location_kind, site_id) "
                + "values (?, ?, 'HASHBOARD', 'HUB', ?) returning id", "C-" + siteCode + "-" + (++slot), part, siteId);
    }

    public long rmaCase(long component, Long ticket, Long hub, String state, Instant opened) {
        return id("insert into rma_case (component_id, ticket_id, site_id, vendor, hub_id, state, in_warranty, "
                + "dead_on_arrival, opened_by, opened_at) values (?, ?::bigint, ?, 'OTHER', ?::bigint, ?, true, false, 'test', ?) "
                + "returning id", component, ticket, siteId, hub, state, ts(opened));
    }

    public void rmaEvent(long rmaCase, Instant at, String from, String to) {
        exec("insert into rma_case_event (case_id, at, actor, from_state, to_state) values (?, ?, 'test', ?, ?)", rmaCase,
                ts(at), from, to);
    }

    public long shipment(String kind, String state, long component, long rmaCase, Instant created) {
        long id = id("insert into shipment (kind, carrier, origin, destination, site_id, state, created_by, created_at) "
                + "values (?, 'DHL', 'a', 'b', ?, ?, 'test', ?) returning id", kind, siteId, state, ts(created));
        exec("insert into shipment_item (shipment_id, item_kind, component_id, rma_case_id) values (?, 'RMA_CASE', ?, ?)",
                id, component, rmaCase);
        return id;
    }

    public void hold(long shipment, LocalDate presented, int units) {
        long port = id("select min(id) from port");
        exec("insert into customs_hold (shipment_id, entry_number, port_id, vendor, kind, presented_on, opened_at, units) "
                + "values (?, ?, ?, 'OTHER', 'CBP_INTENSIVE', ?, now(), ?)", shipment, "E-" + siteCode + shipment, port,
                presented, units);
    }

    public long id(String sql, Object... args) {
        return one(sql, args, rs -> rs.getLong(1));
    }

    String text(String sql, Object... args) {
        return one(sql, args, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The first column of the first row. */
    private <T> T one(String sql, Object[] args, Column<T> column) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (args[i] instanceof LocalDate d) {
                ps.setObject(i + 1, d);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    public static OffsetDateTime ts(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
