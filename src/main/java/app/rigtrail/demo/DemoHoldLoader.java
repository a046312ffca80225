package app.rigtrail.demo;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.rigtrail.logistics.domain.HoldHistoryGenerator;
import app.rigtrail.logistics.domain.HoldHistoryGenerator.GeneratedHold;

/** Writes a generated history of shipments held at customs (see HoldHistoryGenerator). */
public final class DemoHoldLoader {

    private DemoHoldLoader() {
    }

    public static int load(Connection c, int count, long seed, LocalDate today) throws SQLException {
        List<Long> ports = ids(c, "select id from port order by code");
        List<Long> sites = ids(c, "select id from site order by code");
        if (ports.isEmpty() || sites.isEmpty() || count <= 0) {
            return 0;
        }
        List<GeneratedHold> holds = HoldHistoryGenerator.generate(count, ports.size(), sites.size(), seed, today);
        try (PreparedStatement ship = c.prepareStatement("""
                insert into shipment (kind, carrier, tracking_number, origin, destination, site_id, port_id, state,
                                      created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""");
                PreparedStatement hold = c.prepareStatement("""
                        insert into customs_hold (shipment_id, entry_number, port_id, filer, hts_code,
                            declared_value_cents, vendor, kind, presented_on, opened_at, detention_notice_on, decided_on,
                            outcome, storage_fee_cents_per_day, last_free_day, units, hashrate_ths)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (GeneratedHold h : holds) {
                boolean machines = h.htsCode().startsWith("8471");
                ship.setString(1, machines ? "NEW_MACHINES" : "SPARES_PURCHASE");
                ship.setString(2, h.index() % 3 == 0 ? "DHL" : h.index() % 3 == 1 ? "Maersk" : "FedEx");
                ship.setString(3, "DEMO" + (100000 + h.index()));
                ship.setString(4, h.vendor().label() + " factory");
                ship.setString(5, "site");
                ship.setLong(6, sites.get(h.siteIndex()));
                ship.setLong(7, ports.get(h.portIndex()));
                ship.setString(8, h.outcome() == null ? "HELD" : switch (h.outcome()) {
                    case RELEASED -> "RECEIVED";
                    case EXCLUDED, RE_EXPORTED -> "RE_EXPORTED";
                    case SEIZED, ABANDONED -> "SEIZED";
                });
                ship.setString(9, DemoFleetLoader.ACTOR);
                ship.setTimestamp(10, Timestamp.from(h.presented().minusDays(20).atStartOfDay().toInstant(ZoneOffset.UTC)));
                long shipmentId;
                try (ResultSet rs = ship.executeQuery()) {
                    rs.next();
                    shipmentId = rs.getLong(1);
                }
                hold.setLong(1, shipmentId);
                hold.setString(2, "E" + (4_000_000 + h.index()));
                hold.setLong(3, ports.get(h.portIndex()));
                hold.setString(4, "Demo Customs Brokers");
                hold.setString(5, h.htsCode());
                hold.setLong(6, h.declaredValueCents());
                hold.setString(7, h.vendor().name());
                hold.setString(8, h.kind().name());
                hold.setDate(9, Date.valueOf(h.presented()));
                hold.setTimestamp(10, Timestamp.from(h.presented().atStartOfDay().toInstant(ZoneOffset.UTC)));
                hold.setDate(11, h.noticeOn() == null ? null : Date.valueOf(h.noticeOn()));
                hold.setDate(12, h.decided() == null ? null : Date.valueOf(h.decided()));
                hold.setString(13, h.outcome() == null ? null : h.outcome().name());
                hold.setLong(14, h.feeCentsPerDay());
                hold.setDate(15, Date.valueOf(h.lastFreeDay()));
                hold.setInt(16, h.units());
                hold.setBigDecimal(17, java.math.BigDecimal.valueOf(h.hashrateThs()));
                hold.addBatch();
            }
            hold.executeBatch();
        }
        return holds.size();
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
