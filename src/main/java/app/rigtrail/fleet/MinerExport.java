package app.rigtrail.fleet;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.fleet.domain.RackPosition;
import app.rigtrail.platform.security.CurrentUser;

/** Writes miners and their installed components in the import format, inside the caller's site scope. */
@ApplicationScoped
public class MinerExport {

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Transactional(Transactional.TxType.SUPPORTS)
    public String exportCsv(MinerFilter filter) {
        if (filter.siteId() != null) {
            user.requireSite(filter.siteId());
        }
        StringBuilder sql = new StringBuilder("""
                select m.serial, m.asset_code, m.mac, mm.vendor, mm.name, s.code, m.building, m.row_no, m.rack, m.slot,
                       m.status, m.warranty_end,
                       (select string_agg(c.serial || '@' || p.part_number, ';' order by c.slot_index)
                          from component c join part p on p.id = c.part_id where c.miner_id = m.id and c.kind = 'HASHBOARD'),
                       (select string_agg(c.serial || '@' || p.part_number, ';' order by c.slot_index)
                          from component c join part p on p.id = c.part_id where c.miner_id = m.id and c.kind = 'FAN'),
                       (select string_agg(c.serial || '@' || p.part_number, ';' order by c.slot_index)
                          from component c join part p on p.id = c.part_id where c.miner_id = m.id and c.kind = 'PSU'),
                       (select string_agg(c.serial || '@' || p.part_number, ';' order by c.slot_index)
                          from component c join part p on p.id = c.part_id where c.miner_id = m.id and c.kind = 'CONTROL_BOARD')
                from miner m join miner_model mm on mm.id = m.model_id join site s on s.id = m.site_id
                where 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (filter.q() != null && !filter.q().isBlank()) {
            sql.append(" and (upper(m.serial) like ?1 or upper(m.asset_code) like ?1 or upper(m.mac) like ?1)");
            params.add(filter.q().trim().toUpperCase() + "%");
        }
        if (filter.siteId() != null) {
            sql.append(" and m.site_id = ?").append(params.size() + 1);
            params.add(filter.siteId());
        }
        if (filter.status() != null) {
            sql.append(" and m.status = ?").append(params.size() + 1);
            params.add(filter.status().name());
        }
        if (filter.modelId() != null) {
            sql.append(" and m.model_id = ?").append(params.size() + 1);
            params.add(filter.modelId());
        }
        if (filter.vendor() != null) {
            sql.append(" and mm.vendor = ?").append(params.size() + 1);
            params.add(filter.vendor().name());
        }
        Set<Long> scope = user.siteScope();
        if (scope != null) {
            sql.append(" and m.site_id = any(?").append(params.size() + 1).append(")");
            params.add(scope.toArray(Long[]::new));
        }
        sql.append(" order by m.asset_code");
        Query query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out,
                CSVFormat.DEFAULT.builder().setHeader(MinerCsv.HEADER.toArray(String[]::new)).get())) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            for (Object[] r : rows) {
                // a received machine has no position until it is commissioned
                String position = r[6] == null ? "" : new RackPosition(((Number) r[6]).intValue(),
                        ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), ((Number) r[9]).intValue()).csv();
                printer.printRecord(r[0], r[1], r[2], r[3], r[4], r[5], position, r[10], r[11], r[12], r[13], r[14],
                        r[15]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
