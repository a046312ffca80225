package app.rigtrail.growth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import app.rigtrail.availability.AvailabilityService.AvailabilityReport;
import app.rigtrail.availability.AvailabilityService.DayPoint;
import app.rigtrail.availability.Dashboard;
import app.rigtrail.availability.DashboardFilter;
import app.rigtrail.fleet.Site;
import app.rigtrail.growth.domain.CapacityPlan;
import app.rigtrail.growth.domain.CapacityPlan.Actual;
import app.rigtrail.growth.domain.CapacityPlan.Arrival;
import app.rigtrail.growth.domain.CapacityPlan.Month;
import app.rigtrail.growth.domain.CapacityPlan.Stage;
import app.rigtrail.growth.domain.OpenMachineOrder;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.Page;
import app.rigtrail.platform.web.ProblemException;

/**
 * The capacity plan: installed TH/s targets by month for the fleet and per site, and the progress
 * against them: installed and hashing TH/s (from the dashboard's availability aggregates) and the
 * machine orders expected to close the gap. Every change of a target is an event.
 */
@ApplicationScoped
@Transactional
public class CapacityPlanService {

    /** The furthest month a target may be set for. */
    static final int MAX_YEARS_AHEAD = 10;

    /**
     * One target as sent: the site's code (none for the fleet), the month (2027-03), the TH/s installed
     * at its end (null removes the target), and the version it was based on (none for a new one).
     */
    public record TargetInput(@Size(max = 16) String site, @NotNull @Size(max = 10) String month,
            BigDecimal targetThs, Integer version) {
    }

    public record TargetChange(@NotNull @Valid @Size(max = 2000) List<TargetInput> targets,
            @Size(max = 500) String reason) {
    }

    public record TargetView(Long id, String site, String month, BigDecimal targetThs, String setBy, Instant setAt,
            int version) {
    }

    public record TargetEventView(Instant at, String actor, String site, String month, BigDecimal fromThs,
            BigDecimal toThs, String reason) {
    }

    /** Progress against the plan of the fleet (site null) or one site. */
    public record Progress(String site, LocalDate today, double installedThs, double hashingThs, List<Month> months,
            List<Arrival> arrivals, double thsExpected) {
    }

    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    Dashboard dashboard;

    @Inject
    MachineOrderService orders;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TargetView> targets(String site) {
        Long siteId = site == null || site.isBlank() ? null : siteId(site, "site", new ArrayList<>());
        if (site != null && !site.isBlank() && siteId == null) {
            throw ProblemException.invalid("Unknown site", List.of(new FieldViolation("site", "no site " + site)));
        }
        Map<Long, String> codes = siteCodes();
        List<CapacityTarget> rows = siteId == null
                ? CapacityTarget.<CapacityTarget>find("order by month, siteId nulls first").list()
                : CapacityTarget.<CapacityTarget>find("siteId = ?1 order by month", siteId).list();
        List<TargetView> views = rows.stream().map(t -> new TargetView(t.id, t.siteId == null ? null : codes.get(t.siteId),
                YearMonth.from(t.month).toString(), t.targetThs, t.setBy, t.setAt, t.version)).toList();
        return new Page<>(views, views.size());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TargetEventView> history(int limit) {
        Map<Long, String> codes = siteCodes();
        List<TargetEventView> views = CapacityTargetEvent.<CapacityTargetEvent>find("order by id desc").page(0, limit)
                .list().stream().map(e -> new TargetEventView(e.at, e.actor, e.siteId == null ? null : codes.get(e.siteId),
                        YearMonth.from(e.month).toString(), e.fromThs, e.toThs, e.reason)).toList();
        return new Page<>(views, CapacityTargetEvent.count());
    }

    /** Sets, changes or removes targets: all of them, or none when one is refused. */
    public Page<TargetView> set(@Valid TargetChange in) {
        List<FieldViolation> bad = new ArrayList<>();
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        record Parsed(Long siteId, LocalDate month, BigDecimal ths, Integer version, String field) {
        }
        List<Parsed> parsed = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < in.targets().size(); i++) {
            TargetInput t = in.targets().get(i);
            String field = "targets[" + i + "]";
            if (t == null) {
                bad.add(new FieldViolation(field, "is empty"));
                continue;
            }
            Long siteId = null;
            if (t.site() != null && !t.site().isBlank()) {
                siteId = siteId(t.site(), field + ".site", bad);
            }
            YearMonth month = null;
            try {
                month = YearMonth.parse(t.month().trim());
                if (month.getYear() < 2000 || month.isAfter(current.plusYears(MAX_YEARS_AHEAD))) {
                    bad.add(new FieldViolation(field + ".month", "must be from 2000 to " + MAX_YEARS_AHEAD
                            + " years ahead"));
                    month = null;
                }
            } catch (DateTimeParseException e) {
                bad.add(new FieldViolation(field + ".month", "must be a month like 2027-03"));
            }
            BigDecimal ths = t.targetThs();
            if (ths != null && (ths.signum() < 0 || ths.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) >= 0)) {
                bad.add(new FieldViolation(field + ".targetThs", "must be from 0 to under a trillion TH/s"));
            }
            if (month != null && !seen.add(siteId + "|" + month)) {
                bad.add(new FieldViolation(field, "the same site and month twice"));
            }
            parsed.add(new Parsed(siteId, month == null ? null : month.atDay(1),
                    ths == null ? null : ths.setScale(2, RoundingMode.HALF_UP), t.version(), field));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Nothing was saved", bad);
        }
        Instant now = Instant.now();
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().trim();
        for (Parsed p : parsed) {
            CapacityTarget t = p.siteId() == null
                    ? CapacityTarget.<CapacityTarget>find("siteId is null and month = ?1", p.month()).firstResult()
                    : CapacityTarget.<CapacityTarget>find("siteId = ?1 and month = ?2", p.siteId(), p.month())
                            .firstResult();
            if (p.version() != null && (t == null || t.version != p.version())) {
                throw new ProblemException(409, "Changed by someone else", "the target for " + YearMonth.from(p.month())
                        + " changed since you loaded it; reload the plan and try again",
                        List.of(new FieldViolation(p.field(), "is now " + (t == null ? "unset" : t.targetThs + " TH/s"))));
            }
            BigDecimal before = t == null ? null : t.targetThs;
            if (before == null && p.ths() == null || before != null && p.ths() != null && before.compareTo(p.ths()) == 0) {
                continue;
            }
            if (p.ths() == null) {
                t.delete();
            } else {
                if (t == null) {
                    t = new CapacityTarget();
                    t.siteId = p.siteId();
                    t.month = p.month();
                }
                t.targetThs = p.ths();
                t.setBy = user.name();
                t.setAt = now;
                t.persist();
            }
            CapacityTargetEvent e = new CapacityTargetEvent();
            e.siteId = p.siteId();
            e.month = p.month();
            e.fromThs = before;
            e.toThs = p.ths();
            e.actor = user.name();
            e.at = now;
            e.reason = reason;
            e.persist();
        }
        em.flush();
        return targets(null);
    }

    /**
     * Installed and hashing TH/s against the plan for the fleet or a site, month by month, with the
     * orders that close the gap and their expected dates.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Progress progress(String site) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Long siteId = null;
        String code = null;
        if (site != null && !site.isBlank()) {
            siteId = siteId(site, "site", new ArrayList<>());
            if (siteId == null) {
                throw ProblemException.invalid("Unknown site", List.of(new FieldViolation("site", "no site " + site)));
            }
            code = Site.<Site>findById(siteId).code;
        }
        Map<YearMonth, Double> targets = new TreeMap<>();
        List<CapacityTarget> rows = siteId == null
                ? CapacityTarget.<CapacityTarget>find("siteId is null").list()
                : CapacityTarget.<CapacityTarget>find("siteId = ?1", siteId).list();
        rows.forEach(t -> targets.put(YearMonth.from(t.month), t.targetThs.doubleValue()));
        YearMonth first = targets.keySet().stream().min(YearMonth::compareTo).orElse(YearMonth.from(today));
        LocalDate from = first.atDay(1);
        LocalDate earliest = today.minusDays(DashboardFilter.MAX_DAYS - 1);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        if (from.isAfter(today)) {
            from = today;
        }
        LocalDate start = from;
        String siteCode = code;
        AvailabilityReport report = dashboard.read(siteCode, null, null, start.toString(), today.toString(),
                (c, f, now) -> dashboard.availability().report(c, f, now, null));
        Map<YearMonth, Actual> history = new HashMap<>();
        for (DayPoint d : report.series()) {
            if (d.day().equals(YearMonth.from(d.day()).atEndOfMonth())) {
                history.put(YearMonth.from(d.day()), new Actual(d.nameplateThs(), d.availableThs()));
            }
        }
        Actual now = new Actual(report.now().nameplateThs(), report.now().availableThs());
        List<Arrival> arrivals = arrivals(orders.openOrders(siteCode == null ? null : Set.of(siteCode), null, today), today);
        List<Month> months = CapacityPlan.months(targets, history, now, arrivals, today);
        return new Progress(siteCode, today, now.installedThs(), now.hashingThs(), months, CapacityPlan.sorted(arrivals),
                arrivals.stream().mapToDouble(Arrival::ths).sum());
    }

    /** Each open order's machines still to be installed, by where they are and when they are expected. */
    static List<Arrival> arrivals(List<OpenMachineOrder> open, LocalDate today) {
        List<Arrival> out = new ArrayList<>();
        for (OpenMachineOrder o : open) {
            String vendor = o.vendor().name();
            if (o.awaitingCommissioning() > 0) {
                out.add(new Arrival(o.orderId(), o.label(), vendor, o.model(), o.siteCode(), Stage.AWAITING_COMMISSIONING,
                        o.awaitingCommissioning(), o.awaitingCommissioning() * o.nameplateThsPerUnit(), today, false));
            }
            for (OpenMachineOrder.InboundLot lot : o.lots()) {
                out.add(new Arrival(o.orderId(), o.label(), vendor, o.model(), o.siteCode(),
                        lot.inCustoms() ? Stage.IN_CUSTOMS : Stage.ON_THE_WAY, lot.units(),
                        lot.units() * o.nameplateThsPerUnit(), CapacityPlan.expected(lot.expectedArrivalOn(), today),
                        lot.expectedArrivalOn().isBefore(today)));
            }
            if (o.unitsOnOrder() > 0) {
                out.add(new Arrival(o.orderId(), o.label(), vendor, o.model(), o.siteCode(), Stage.ON_ORDER,
                        o.unitsOnOrder(), o.unitsOnOrder() * o.nameplateThsPerUnit(),
                        CapacityPlan.expected(o.expectedArrivalOn(), today), o.expectedArrivalOn().isBefore(today)));
            }
        }
        return out;
    }

    private Long siteId(String site, String field, List<FieldViolation> bad) {
        String s = site.trim();
        Site found = s.matches("\\d{1,18}") ? Site.findById(Long.valueOf(s)) : Site.findByCode(s.toUpperCase(Locale.ROOT));
        if (found == null) {
            bad.add(new FieldViolation(field, "no site " + s));
            return null;
        }
        return found.id;
    }

    private static Map<Long, String> siteCodes() {
        Map<Long, String> codes = new HashMap<>();
        Site.<Site>listAll().forEach(s -> codes.put(s.id, s.code));
        return codes;
    }
}
