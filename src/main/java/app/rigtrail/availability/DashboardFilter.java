package app.rigtrail.availability;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * The dashboard's filters as typed (site code, vendor, model name, period) and what they select:
 * the site and model ids (null when not restricted). The same filters serve the pages and the API.
 *
 * @param periodGiven whether from or to was given (the backlog restricts failure dates only then)
 */
public record DashboardFilter(String site, String vendor, String model, LocalDate from, LocalDate to,
        boolean periodGiven, Long siteId, List<Long> modelIds) {

    /** The period shown when none is given: the last 90 days, today included. */
    public static final int DEFAULT_DAYS = 90;
    /** The longest period one request may ask for. */
    public static final int MAX_DAYS = 3 * 366;

    /** Checks and resolves the filters; every bad one is named in one refusal. */
    public static DashboardFilter resolve(Connection c, String site, String vendor, String model, String from, String to,
            LocalDate today) throws SQLException {
        List<FieldViolation> bad = new ArrayList<>();
        site = blankToNull(site);
        vendor = blankToNull(vendor);
        model = blankToNull(model);
        Long siteId = null;
        if (site != null) {
            siteId = single(c, "select id from site where upper(code) = upper(?)", site);
            if (siteId == null) {
                bad.add(new FieldViolation("site", "no site with code " + site));
            }
        }
        List<Long> modelIds = null;
        if (vendor != null) {
            vendor = vendor.toUpperCase();
            modelIds = ids(c, "select id from miner_model where vendor = ?", vendor);
            if (!List.of("BITMAIN", "MICROBT", "CANAAN", "OTHER").contains(vendor)) {
                bad.add(new FieldViolation("vendor", "must be one of BITMAIN, MICROBT, CANAAN, OTHER"));
            }
        }
        if (model != null) {
            List<Long> named = ids(c, "select id from miner_model where upper(name) = upper(?) or id::text = ?", model,
                    model);
            if (named.isEmpty()) {
                bad.add(new FieldViolation("model", "no miner model named " + model));
            } else if (modelIds != null && !modelIds.containsAll(named)) {
                bad.add(new FieldViolation("model", model + " is not a " + vendor + " model"));
            }
            modelIds = named;
        }
        LocalDate toDay = date(to, "to", bad);
        LocalDate fromDay = date(from, "from", bad);
        boolean periodGiven = fromDay != null || toDay != null;
        if (toDay == null) {
            toDay = today;
        } else if (toDay.isAfter(today)) {
            bad.add(new FieldViolation("to", "must not be after today (" + today + ", UTC)"));
        }
        if (fromDay == null) {
            fromDay = toDay.minusDays(DEFAULT_DAYS - 1);
        }
        if (fromDay.isAfter(toDay)) {
            bad.add(new FieldViolation("from", "must not be after to (" + toDay + ")"));
        } else if (toDay.toEpochDay() - fromDay.toEpochDay() + 1 > MAX_DAYS) {
            bad.add(new FieldViolation("from", "the period may span at most " + MAX_DAYS + " days"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("Some filters are not valid", bad);
        }
        return new DashboardFilter(site == null ? null : site.toUpperCase(), vendor, model, fromDay, toDay, periodGiven,
                siteId, modelIds);
    }

    /** The filters as query parameters, for links and for the URL of a shared view. */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        if (site != null) {
            p.put("site", site);
        }
        if (vendor != null) {
            p.put("vendor", vendor);
        }
        if (model != null) {
            p.put("model", model);
        }
        if (periodGiven) {
            p.put("from", from.toString());
            p.put("to", to.toString());
        }
        return p;
    }

    /**
     * The SQL condition on a table with site_id and model_id (columns named by prefix), with its
     * parameters appended to {@code args}.
     */
    String where(String alias, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        if (siteId != null) {
            sb.append(" and ").append(alias).append("site_id = ?");
            args.add(siteId);
        }
        if (modelIds != null) {
            sb.append(" and ").append(alias).append("model_id = any(?)");
            args.add(modelIds.toArray(new Long[0]));
        }
        return sb.toString();
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long[] longs) {
                Array array = c.createArrayOf("bigint", longs);
                ps.setArray(i + 1, array);
            } else if (a instanceof LocalDate d) {
                ps.setObject(i + 1, d);
            } else if (a instanceof java.time.Instant t) {
                ps.setObject(i + 1, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static LocalDate date(String s, String field, List<FieldViolation> bad) {
        s = blankToNull(s);
        if (s == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < 2000) {
                bad.add(new FieldViolation(field, "must be in 2000 or later"));
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            bad.add(new FieldViolation(field, "must be a date like 2026-03-01"));
            return null;
        }
    }


    private static Long single(Connection c, String sql, String arg) throws SQLException {
        List<Long> ids = ids(c, sql, arg);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static List<Long> ids(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }
}
