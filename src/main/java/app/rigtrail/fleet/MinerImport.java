package app.rigtrail.fleet;

import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.fleet.domain.AssetCode;
import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.FleetGenerator;
import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.fleet.domain.MinerCsv.ComponentRef;
import app.rigtrail.fleet.domain.MinerCsv.Row;
import app.rigtrail.fleet.domain.MinerCsv.RowError;
import app.rigtrail.fleet.domain.RackPosition;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * Imports miners with their components from CSV: all or nothing. Every bad row is reported with
 * its line, column and reason, and nothing is written unless the whole file is good.
 */
@ApplicationScoped
public class MinerImport {

    public record ImportResult(int miners, int components) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Transactional
    public ImportResult importCsv(Reader csv) {
        MinerCsv.Result parsed = MinerCsv.parse(csv);
        List<Row> rows = parsed.rows();
        List<RowError> errors = new ArrayList<>(parsed.errors());
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(1, "file", "no miners in the file"));
        }
        Registered written = register(rows, errors, "imported from CSV", "nothing was imported");
        return new ImportResult(written.miners().size(), written.components());
    }

    /** The miners written, in the order of their rows, and how many components they hold. */
    public record Registered(List<Miner> miners, int components) {
    }

    /**
     * Checks rows against the stored fleet (sites, models, parts, serials, positions) and writes them
     * with their components, or writes nothing and refuses with every problem found (including the
     * {@code earlier} ones, e.g. from parsing). Machines RECEIVED from an order have no position.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Registered register(List<Row> rows, List<RowError> earlier, String reason, String nothingWritten) {
        List<RowError> errors = new ArrayList<>(earlier);
        Map<String, Site> sites = new HashMap<>();
        Site.<Site>listAll().forEach(s -> sites.put(s.code, s));
        Map<String, MinerModel> models = new HashMap<>();
        MinerModel.<MinerModel>listAll().forEach(m -> models.put(m.name.toLowerCase(Locale.ROOT), m));
        Map<String, Part> parts = new HashMap<>();
        em.createQuery("select distinct p from Part p left join fetch p.compatibleModels", Part.class).getResultList()
                .forEach(p -> parts.put(p.partNumber, p));

        Set<String> takenSerials = existing("select serial from miner where serial = any(?1)",
                rows.stream().map(Row::serial).toList());
        Set<String> takenAssets = existing("select asset_code from miner where asset_code = any(?1)",
                rows.stream().map(Row::assetCode).filter(a -> a != null).toList());
        Set<String> takenComponents = existing("select serial from component where serial = any(?1)",
                rows.stream().flatMap(r -> r.components().values().stream()).flatMap(List::stream)
                        .map(ComponentRef::serial).toList());
        // machines received from an order come without positions: no need to read the fleet's
        Set<String> occupied = rows.stream().anyMatch(r -> r.position() != null) ? occupiedPositions() : Set.of();
        Set<String> positionsInFile = new HashSet<>();

        for (Row row : rows) {
            int line = row.line();
            if (takenSerials.contains(row.serial())) {
                errors.add(new RowError(line, "serial", "a miner with serial " + row.serial() + " already exists"));
            }
            if (row.assetCode() != null && takenAssets.contains(row.assetCode())) {
                errors.add(new RowError(line, "asset_code", "asset code " + row.assetCode() + " is already used"));
            }
            Site site = sites.get(row.siteCode());
            if (site == null) {
                errors.add(new RowError(line, "site", "unknown site code " + row.siteCode()));
            } else if (row.position() != null) {
                RackPosition p = row.position();
                if (!p.fitsIn(site.buildings, site.rowsPerBuilding, site.racksPerRow, site.slotsPerRack)) {
                    errors.add(new RowError(line, "position", p + " is outside site " + site.code + "'s racks"));
                }
                String key = site.id + ":" + p;
                if (row.status() != app.rigtrail.fleet.domain.MinerStatus.RETIRED
                        && (occupied.contains(key) || !positionsInFile.add(key))) {
                    errors.add(new RowError(line, "position", p + " at " + site.code + " is already taken"));
                }
            }
            MinerModel model = models.get(row.model().toLowerCase(Locale.ROOT));
            if (model == null) {
                errors.add(new RowError(line, "model", "unknown miner model '" + row.model() + "'"));
            } else if (model.vendor != row.vendor()) {
                errors.add(new RowError(line, "vendor", row.model() + " is made by " + model.vendor + ", not " + row.vendor()));
            } else {
                checkComponents(row, model, parts, takenComponents, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " problem(s) in the file; " + nothingWritten,
                    errors.stream().map(e -> new FieldViolation("line " + e.line() + ": " + e.column(), e.message()))
                            .toList());
        }

        Instant now = Instant.now();
        int componentCount = 0;
        List<Miner> written = new ArrayList<>(rows.size());
        for (Row row : rows) {
            MinerModel model = models.get(row.model().toLowerCase(Locale.ROOT));
            Miner m = new Miner();
            m.serial = row.serial();
            m.assetCode = row.assetCode() != null ? row.assetCode() : nextAssetCode(model);
            m.mac = row.mac();
            m.model = model;
            m.site = sites.get(row.siteCode());
            if (row.position() != null) {
                m.placeAt(row.position());
            }
            m.status = row.status();
            m.warrantyEnd = row.warrantyEnd();
            m.installedAt = now;
            m.persist();
            MinerEvent created = new MinerEvent();
            created.minerId = m.id;
            created.at = now;
            created.actor = user.name();
            created.toStatus = m.status;
            created.reason = reason;
            created.persist();
            for (ComponentKind kind : ComponentKind.values()) {
                int slot = 1;
                for (ComponentRef ref : row.components().get(kind)) {
                    Component c = new Component();
                    c.serial = ref.serial();
                    c.part = parts.get(partNumberFor(ref, model, kind, parts));
                    c.kind = kind;
                    c.locationKind = LocationKind.INSTALLED;
                    c.miner = m;
                    c.slotIndex = slot++;
                    c.siteId = m.site.id;
                    c.persist();
                    ComponentEvent installed = new ComponentEvent();
                    installed.componentId = c.id;
                    installed.at = now;
                    installed.actor = user.name();
                    installed.toLocation = c.describeLocation();
                    installed.minerId = m.id;
                    installed.reason = reason;
                    installed.persist();
                    componentCount++;
                }
            }
            written.add(m);
        }
        em.flush();
        return new Registered(written, componentCount);
    }

    private void checkComponents(Row row, MinerModel model, Map<String, Part> parts, Set<String> taken,
            List<RowError> errors) {
        for (ComponentKind kind : ComponentKind.values()) {
            List<ComponentRef> refs = row.components().get(kind);
            String column = MinerCsv.column(kind);
            if (refs.size() > model.slots(kind)) {
                errors.add(new RowError(row.line(), column, model.name + " holds " + model.slots(kind) + " "
                        + column + ", the row lists " + refs.size()));
            }
            for (ComponentRef ref : refs) {
                if (taken.contains(ref.serial())) {
                    errors.add(new RowError(row.line(), column, "component " + ref.serial() + " already exists"));
                }
                String partNumber = partNumberFor(ref, model, kind, parts);
                Part part = partNumber == null ? null : parts.get(partNumber);
                if (part == null) {
                    errors.add(new RowError(row.line(), column, ref.partNumber() == null
                            ? "no " + kind + " part in the catalog fits " + model.name + "; name one as SERIAL@PART"
                            : "unknown part number " + ref.partNumber()));
                } else if (part.kind != kind) {
                    errors.add(new RowError(row.line(), column, part.partNumber + " is a " + part.kind + ", not a " + kind));
                } else if (part.compatibleModels.stream().noneMatch(cm -> cm.id.equals(model.id))) {
                    errors.add(new RowError(row.line(), column, part.partNumber + " does not fit " + model.name));
                }
            }
        }
    }

    /** The named part, or else the first catalog part of that kind that fits the model. */
    private static String partNumberFor(ComponentRef ref, MinerModel model, ComponentKind kind, Map<String, Part> parts) {
        if (ref.partNumber() != null) {
            return ref.partNumber();
        }
        return parts.values().stream()
                .filter(p -> p.kind == kind && p.compatibleModels.stream().anyMatch(cm -> cm.id.equals(model.id)))
                .map(p -> p.partNumber).sorted().findFirst().orElse(null);
    }

    private String nextAssetCode(MinerModel model) {
        long seq = ((Number) em.createNativeQuery("select nextval('asset_sequence')").getSingleResult()).longValue();
        return new AssetCode(FleetGenerator.ASSET_PREFIX, AssetCode.modelPart(model.name), (int) (seq % 1_000_000))
                .toString();
    }

    @SuppressWarnings("unchecked")
    private Set<String> existing(String sql, List<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNativeQuery(sql).setParameter(1, values.toArray(String[]::new)).getResultList());
    }

    @SuppressWarnings("unchecked")
    private Set<String> occupiedPositions() {
        List<Object[]> rows = em.createNativeQuery(
                "select site_id, building, row_no, rack, slot from miner where status <> 'RETIRED' and building is not null")
                .getResultList();
        Set<String> keys = new HashSet<>(rows.size() * 2);
        for (Object[] r : rows) {
            keys.add(((Number) r[0]).longValue() + ":" + new RackPosition(((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), ((Number) r[4]).intValue()));
        }
        return keys;
    }
}
