package app.rigtrail.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.forecast.domain.BuiltInScenarios;
import app.rigtrail.forecast.domain.ScenarioParameters;
import app.rigtrail.platform.audit.AuditTrail;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;
import io.quarkus.runtime.StartupEvent;

/** Scenarios: the three built in (read-only) and managers' own, created, copied and edited with an audit trail. */
@ApplicationScoped
public class ScenarioService {

    public static final List<String> VENDORS = List.of("BITMAIN", "MICROBT", "CANAAN", "OTHER");

    /** What a manager sends to create or change a scenario. */
    public record ScenarioInput(String name, String description, Long copyOf, ScenarioParameters parameters,
            Integer version, String reason) {
    }

    @Inject
    ObjectMapper json;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentUser user;

    /** The built-in scenarios exist from the first start on; their parameters live in {@link BuiltInScenarios}. */
    @Transactional
    void ensureBuiltIns(@Observes StartupEvent event) {
        // replicas starting together take turns (the lock ends with the transaction): one inserts, the
        // others then find the built-ins and leave them
        Scenario.getEntityManager().createNativeQuery(
                "select 1 from (select pg_advisory_xact_lock(hashtextextended('rigtrail.built-in-scenarios', 0))) l")
                .getSingleResult();
        for (BuiltInScenarios.BuiltIn b : BuiltInScenarios.all()) {
            if (Scenario.findByCode(b.code()) == null) {
                Scenario s = new Scenario();
                s.code = b.code();
                s.name = b.name();
                s.description = b.description();
                s.builtIn = true;
                s.owner = "rigtrail";
                s.parameters = write(b.parameters());
                s.createdAt = Instant.now();
                s.updatedAt = s.createdAt;
                s.persist();
            } else {
                // a release that changes a built-in's definition updates it, and the audit keeps both
                Scenario s = Scenario.findByCode(b.code());
                String now = write(b.parameters());
                if (s.builtIn && !now.equals(s.parameters)) {
                    Map<String, Object> before = view(s);
                    s.parameters = now;
                    s.description = b.description();
                    s.updatedAt = Instant.now();
                    Scenario.getEntityManager().flush();
                    // at start there is no signed-in user: the release is the actor
                    app.rigtrail.platform.audit.AuditEvent e = new app.rigtrail.platform.audit.AuditEvent();
                    e.at = s.updatedAt;
                    e.actor = "rigtrail";
                    e.entity = "scenario";
                    e.entityId = s.id;
                    e.action = "update";
                    e.beforeJson = writeJson(before);
                    e.afterJson = writeJson(view(s));
                    e.reason = "built-in definition of this release (changes take effect days after each start)";
                    e.persist();
                }
            }
        }
    }

    @Transactional
    public List<Scenario> list() {
        return Scenario.listInOrder();
    }

    @Transactional
    public Scenario get(long id) {
        Scenario s = Scenario.findById(id);
        if (s == null) {
            throw ProblemException.notFound("Scenario", id);
        }
        return s;
    }

    @Transactional
    public Scenario create(ScenarioInput in) {
        if (in == null) {
            throw ProblemException.invalid("A scenario needs a body", List.of(new FieldViolation("body", "is required")));
        }
        Scenario source = in.copyOf() == null ? null : Scenario.findById(in.copyOf());
        if (in.copyOf() != null && source == null) {
            throw ProblemException.invalid("Nothing to copy",
                    List.of(new FieldViolation("copyOf", "scenario " + in.copyOf() + " does not exist")));
        }
        ScenarioParameters params = in.parameters() != null ? in.parameters()
                : source != null ? read(source.parameters) : null;
        String name = in.name() != null ? in.name() : source != null ? "Copy of " + source.name : null;
        validate(name, params, true);
        Scenario s = new Scenario();
        s.name = name.trim();
        s.description = in.description() != null ? in.description() : source != null ? source.description : null;
        s.builtIn = false;
        s.owner = user.name();
        s.copiedFrom = source == null ? null : source.id;
        s.parameters = write(params);
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persist();
        audit.record("scenario", s.id, source == null ? "create" : "copy", null, view(s), in.reason());
        return s;
    }

    @Transactional
    public Scenario update(long id, ScenarioInput in) {
        Scenario s = get(id);
        if (s.builtIn) {
            throw new ProblemException(409, "Built-in scenario",
                    "The built-in scenario \"" + s.name + "\" cannot be changed; copy it (POST /api/scenarios with "
                            + "copyOf) and edit the copy.");
        }
        if (!s.owner.equals(user.name()) && !user.isAdmin()) {
            throw new ProblemException(403, "Not your scenario",
                    "Scenario " + id + " belongs to " + s.owner + "; copy it to change it.");
        }
        if (in == null) {
            throw ProblemException.invalid("A scenario needs a body", List.of(new FieldViolation("body", "is required")));
        }
        if (in.version() != null && in.version() != s.version) {
            throw ProblemException.conflict("Scenario " + id + " was changed by someone else (version " + s.version
                    + ", you sent " + in.version() + "); reload it and apply your change again.")
                    .with("currentVersion", s.version);
        }
        String name = in.name() != null ? in.name() : s.name;
        ScenarioParameters params = in.parameters() != null ? in.parameters() : read(s.parameters);
        validate(name, params, false);
        Map<String, Object> before = view(s);
        s.name = name.trim();
        if (in.description() != null) {
            s.description = in.description();
        }
        s.parameters = write(params);
        s.updatedAt = Instant.now();
        Scenario.getEntityManager().flush(); // the version moves now, so the answer carries the new one
        audit.record("scenario", s.id, "update", before, view(s), in.reason());
        return s;
    }

    public ScenarioParameters parameters(Scenario s) {
        return read(s.parameters);
    }

    private void validate(String name, ScenarioParameters params, boolean creating) {
        List<FieldViolation> out = new ArrayList<>();
        if (name == null || name.isBlank()) {
            out.add(new FieldViolation("name", "is required"));
        } else if (name.length() > 120) {
            out.add(new FieldViolation("name", "must be at most 120 characters"));
        }
        if (params == null) {
            out.add(new FieldViolation("parameters", "are required (or copyOf)"));
        } else {
            List<String> hubs = app.rigtrail.fleet.RepairHub.<app.rigtrail.fleet.RepairHub>listAll().stream()
                    .map(h -> h.code).toList();
            List<String> sites = Scenario.getEntityManager().createQuery("select s.code from Site s", String.class).getResultList();
            List<String> models = Scenario.getEntityManager().createQuery("select m.name from MinerModel m", String.class).getResultList();
            for (String[] v : params.violations(VENDORS, ForecastInputs.PART_KINDS, hubs, sites, models)) {
                out.add(new FieldViolation("parameters." + v[0], v[1]));
            }
        }
        if (!out.isEmpty()) {
            throw ProblemException.invalid(creating ? "The scenario cannot be created" : "The scenario cannot be saved",
                    out);
        }
    }

    private Map<String, Object> view(Scenario s) {
        return Map.of("name", s.name, "description", s.description == null ? "" : s.description, "parameters",
                read(s.parameters));
    }

    ScenarioParameters read(String text) {
        try {
            return json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(text, ScenarioParameters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scenario parameters are not readable", e);
        }
    }

    private String writeJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String write(ScenarioParameters p) {
        try {
            return json.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
