package app.rigtrail.fleet;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import app.rigtrail.fleet.MasterDataInputs.HubInput;
import app.rigtrail.fleet.MasterDataInputs.ModelInput;
import app.rigtrail.fleet.MasterDataInputs.PartInput;
import app.rigtrail.fleet.MasterDataInputs.PortInput;
import app.rigtrail.fleet.MasterDataInputs.SiteInput;
import app.rigtrail.fleet.MasterDataViews.HubView;
import app.rigtrail.fleet.MasterDataViews.ModelView;
import app.rigtrail.fleet.MasterDataViews.PartView;
import app.rigtrail.fleet.MasterDataViews.PortView;
import app.rigtrail.fleet.MasterDataViews.SiteView;
import app.rigtrail.platform.audit.AuditTrail;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * Admin use cases on master data: sites, miner models, parts, hubs and ports. Each create or update
 * is one transaction that also appends the change to the audit trail.
 */
@ApplicationScoped
@Transactional
public class MasterDataService {

    /** A new site or hub, told to the features that keep something per site or hub (inventory: its stock locations). */
    @Inject
    jakarta.enterprise.event.Event<MasterDataCreated> created;


    @Inject
    AuditTrail audit;

    @Inject
    jakarta.persistence.EntityManager em;

    public SiteView saveSite(Long id, @Valid SiteInput in) {
        try {
            ZoneId.of(in.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("Unknown time zone",
                    List.of(new FieldViolation("timeZone", "'" + in.timeZone() + "' is not a time zone like America/Chicago")));
        }
        Site other = Site.findByCode(in.code());
        if (other != null && !other.id.equals(id)) {
            throw duplicate("code", "site code " + in.code());
        }
        Site s = id == null ? new Site() : existing(Site.findById(id), "Site", id, in.version(), s0 -> s0.version);
        SiteView before = id == null ? null : SiteView.of(s);
        if (id != null) {
            Object[] used = em.createQuery("select coalesce(max(m.building), 0), coalesce(max(m.row), 0), "
                    + "coalesce(max(m.rack), 0), coalesce(max(m.slot), 0) from Miner m where m.site.id = :site "
                    + "and m.building is not null and m.status <> :retired", Object[].class).setParameter("site", id)
                    .setParameter("retired", app.rigtrail.fleet.domain.MinerStatus.RETIRED).getSingleResult();
            int[] largest = new int[4];
            for (int i = 0; i < 4; i++) {
                largest[i] = ((Number) used[i]).intValue();
            }
            var problems = app.rigtrail.fleet.domain.RackPosition.layoutProblems(largest, in.buildings(),
                    in.rowsPerBuilding(), in.racksPerRow(), in.slotsPerRack());
            if (!problems.isEmpty()) {
                throw new ProblemException(409, "Miners stand outside the new layout",
                        "The site would be smaller than the positions its miners stand in",
                        problems.entrySet().stream().map(e -> new FieldViolation(e.getKey(), e.getValue())).toList());
            }
        }
        s.code = in.code();
        s.name = in.name().trim();
        s.region = in.region();
        s.country = in.country();
        s.timeZone = in.timeZone();
        s.buildings = in.buildings();
        s.rowsPerBuilding = in.rowsPerBuilding();
        s.racksPerRow = in.racksPerRow();
        s.slotsPerRack = in.slotsPerRack();
        s.sensitive = in.sensitive();
        s.sensitiveNote = blankToNull(in.sensitiveNote());
        s.persistAndFlush();
        if (id == null) {
            created.fire(new MasterDataCreated(MasterDataCreated.Kind.SITE, s.id, s.code, s.name));
        }
        SiteView after = SiteView.of(s);
        audit.record("site", s.id, id == null ? "created" : "updated", before, after, null);
        return after;
    }

    public ModelView saveModel(Long id, @Valid ModelInput in) {
        MinerModel other = MinerModel.find("vendor = ?1 and lower(name) = ?2", in.vendor(), in.name().trim().toLowerCase())
                .firstResult();
        if (other != null && !other.id.equals(id)) {
            throw duplicate("name", "model " + in.vendor() + " " + in.name());
        }
        MinerModel m = id == null ? new MinerModel()
                : existing(MinerModel.findById(id), "Miner model", id, in.version(), m0 -> m0.version);
        ModelView before = id == null ? null : ModelView.of(m);
        m.vendor = in.vendor();
        m.name = in.name().trim();
        m.hashrateThs = in.hashrateThs();
        m.powerWatts = in.powerWatts();
        m.hashboards = in.hashboards();
        m.fans = in.fans();
        m.psus = in.psus();
        m.controlBoards = in.controlBoards();
        m.hashboardDegrades = in.hashboardDegrades();
        m.warrantyDays = in.warrantyDays();
        m.persistAndFlush();
        ModelView after = ModelView.of(m);
        audit.record("miner_model", m.id, id == null ? "created" : "updated", before, after, null);
        return after;
    }

    public PartView savePart(Long id, @Valid PartInput in) {
        Part other = Part.findByPartNumber(in.partNumber());
        if (other != null && !other.id.equals(id)) {
            throw duplicate("partNumber", "part number " + in.partNumber());
        }
        List<MinerModel> models = new ArrayList<>();
        for (Long modelId : in.compatibleModelIds() == null ? List.<Long>of() : in.compatibleModelIds()) {
            MinerModel m = MinerModel.findById(modelId);
            if (m == null) {
                throw ProblemException.invalid("Unknown model",
                        List.of(new FieldViolation("compatibleModelIds", "no miner model with id " + modelId)));
            }
            models.add(m);
        }
        Part p = id == null ? new Part() : existing(Part.findById(id), "Part", id, in.version(), p0 -> p0.version);
        PartView before = id == null ? null : PartView.of(p);
        p.partNumber = in.partNumber();
        p.kind = in.kind();
        p.description = in.description().trim();
        p.vendor = in.vendor();
        p.unitCostCents = in.unitCostCents();
        p.serialized = in.serialized();
        p.compatibleModels.clear();
        p.compatibleModels.addAll(models);
        p.persistAndFlush();
        PartView after = PartView.of(p);
        audit.record("part", p.id, id == null ? "created" : "updated", before, after, null);
        return after;
    }

    public HubView saveHub(Long id, @Valid HubInput in) {
        RepairHub other = RepairHub.find("code", in.code()).firstResult();
        if (other != null && !other.id.equals(id)) {
            throw duplicate("code", "hub code " + in.code());
        }
        RepairHub h = id == null ? new RepairHub()
                : existing(RepairHub.findById(id), "Repair hub", id, in.version(), h0 -> h0.version);
        HubView before = id == null ? null : HubView.of(h);
        h.code = in.code();
        h.name = in.name().trim();
        h.kind = in.kind();
        h.country = in.country();
        h.region = blankToNull(in.region());
        h.vendors = in.vendors().stream().distinct().map(Enum::name).collect(Collectors.joining(","));
        h.partKinds = in.partKinds().stream().distinct().map(Enum::name).collect(Collectors.joining(","));
        h.capacityPerWeek = in.capacityPerWeek();
        h.turnaroundDays = in.turnaroundDays();
        h.servers = in.servers();
        h.persistAndFlush();
        if (id == null) {
            created.fire(new MasterDataCreated(MasterDataCreated.Kind.HUB, h.id, h.code, h.name));
        }
        HubView after = HubView.of(h);
        audit.record("repair_hub", h.id, id == null ? "created" : "updated", before, after, null);
        return after;
    }

    public PortView savePort(Long id, @Valid PortInput in) {
        Port other = Port.find("code", in.code()).firstResult();
        if (other != null && !other.id.equals(id)) {
            throw duplicate("code", "port code " + in.code());
        }
        Port p = id == null ? new Port() : existing(Port.findById(id), "Port", id, in.version(), p0 -> p0.version);
        PortView before = id == null ? null : PortView.of(p);
        p.code = in.code();
        p.name = in.name().trim();
        p.country = in.country();
        p.persistAndFlush();
        PortView after = PortView.of(p);
        audit.record("port", p.id, id == null ? "created" : "updated", before, after, null);
        return after;
    }

    private static <T> T existing(T entity, String what, Long id, Integer expectedVersion,
            java.util.function.ToIntFunction<T> version) {
        if (entity == null) {
            throw ProblemException.notFound(what, id);
        }
        if (expectedVersion == null) {
            throw ProblemException.invalid("version is required when changing a record",
                    List.of(new FieldViolation("version", "send the version you loaded")));
        }
        if (version.applyAsInt(entity) != expectedVersion) {
            throw ProblemException.conflict(what + " " + id + " was changed by someone else (now version "
                    + version.applyAsInt(entity) + ", you had " + expectedVersion + "); reload it and try again");
        }
        return entity;
    }

    private static ProblemException duplicate(String field, String what) {
        return new ProblemException(409, "Already exists", what + " already exists",
                List.of(new FieldViolation(field, "already used")));
    }

}
