package app.rigtrail.dwell;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.dwell.domain.LognormalFit;
import app.rigtrail.dwell.domain.Observation;
import app.rigtrail.dwell.domain.SurvivalModel;
import app.rigtrail.dwell.domain.WeibullFit;

/**
 * Turns the stored holds into dwell observations: a decided hold is an event at its dwell, an open
 * one is censored at its age today. A hold decided the day it was presented counts half a day, so
 * that the log-scale models can take it.
 */
@ApplicationScoped
public class DwellService {

    /**
     * A selection of holds; {@code sites} limits it to holds whose shipment goes to one of those sites
     * (a technician's: issue #16 item 8), null for every site.
     */
    public record Filter(String port, String vendor, String holdKind, LocalDate from, LocalDate to,
            java.util.Set<Long> sites) {
        public Filter(String port, String vendor, String holdKind, LocalDate from, LocalDate to) {
            this(port, vendor, holdKind, from, to, null);
        }
    }

    @Inject
    EntityManager em;

    @Transactional
    public List<Observation> observations(Filter f, LocalDate today) {
        StringBuilder sql = new StringBuilder("""
                select h.presented_on, h.decided_on, h.outcome from customs_hold h join port p on p.id = h.port_id
                where 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (f.port() != null && !f.port().isBlank()) {
            params.add(f.port().trim().toUpperCase());
            sql.append(" and p.code = ?").append(params.size());
        }
        if (f.vendor() != null && !f.vendor().isBlank()) {
            params.add(f.vendor().trim().toUpperCase());
            sql.append(" and h.vendor = ?").append(params.size());
        }
        if (f.holdKind() != null && !f.holdKind().isBlank()) {
            params.add(f.holdKind().trim().toUpperCase());
            sql.append(" and h.kind = ?").append(params.size());
        }
        if (f.sites() != null) {
            // no sites at all selects nothing (-1 is no site's id)
            params.add(f.sites().isEmpty() ? List.of(-1L) : List.copyOf(f.sites()));
            sql.append(" and h.shipment_id in (select s.id from shipment s where s.site_id in (?").append(params.size())
                    .append("))");
        }
        if (f.from() != null) {
            params.add(f.from());
            sql.append(" and h.presented_on >= ?").append(params.size());
        }
        if (f.to() != null) {
            params.add(f.to());
            sql.append(" and h.presented_on <= ?").append(params.size());
        }
        var query = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        List<Observation> out = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            LocalDate presented = toDate(r[0]);
            LocalDate decided = toDate(r[1]);
            boolean ended = decided != null;
            if (ended && decided.isAfter(today)) {
                // a decision dated in the future (once accepted from a number read as an epoch day) says nothing
                // about dwell and made every estimate that uses it endless: left out (HoldDates now refuses it)
                continue;
            }
            long days = ChronoUnit.DAYS.between(presented, ended ? decided : today);
            if (days < 0) {
                continue;
            }
            out.add(new Observation(Math.max(days, 0.5), ended, 1, ended ? (String) r[2] : null));
        }
        return out;
    }

    /** The better of the Weibull and lognormal fits (higher likelihood), if the data allow one. */
    public Optional<SurvivalModel> bestFit(List<Observation> data) {
        SurvivalModel best = null;
        try {
            best = WeibullFit.fit(data);
        } catch (RuntimeException e) {
            // too few or too alike: try the other family
        }
        try {
            LognormalFit ln = LognormalFit.fit(data);
            if (best == null || ln.logLikelihood() > best.logLikelihood()) {
                best = ln;
            }
        } catch (RuntimeException e) {
            // keep what we have
        }
        return Optional.ofNullable(best);
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate toDate(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return (LocalDate) o;
    }
}
