package app.rigtrail.availability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Availability now and over a period, exact and time-weighted, from the aggregates of V7: closed days
 * from availability_day, the days after the watermark (usually today only) from availability_delta.
 * Every figure is a sum over (site, model) groups, so the fleet, a site, a vendor or a model is the
 * same computation over fewer groups. The rates are SQL's (R__availability_rates.sql); the tests hold them to AvailabilityTimeline, an independent oracle.
 */
@ApplicationScoped
public class AvailabilityService {

    private static final long DAY = 86_400;

    /** Units and hashrate at an instant (rates) or averaged over a span. */
    public record Figures(double unitsInstalled, double unitsHashing, double unitsDown, double unitAvailability,
            double nameplateThs, double availableThs, double hashrateAvailability) {

        static Figures of(double installed, double hashing, double nameplate, double delivered) {
            return new Figures(installed, hashing, installed - hashing, installed == 0 ? 1 : hashing / installed,
                    nameplate, delivered, nameplate == 0 ? 1 : delivered / nameplate);
        }
    }

    /** Over the period: time-weighted availability, hashrate-days lost and their value at the hashprice. */
    public record PeriodFigures(LocalDate from, LocalDate to, double unitAvailability, double hashrateAvailability,
            double lostThDays, Double hashpriceUsdPerThDay, Double lostValueUsd) {
    }

    /** One UTC day: averages over the day (today: over the part gone by) and the TH-days lost. */
    public record DayPoint(LocalDate day, double hoursCounted, double unitsInstalled, double unitsHashing,
            double unitAvailability, double nameplateThs, double availableThs, double hashrateAvailability,
            double lostThDays) {
    }

    public record Breakdown(String key, String label, Figures now, PeriodFigures period) {
    }

    public record AvailabilityReport(Instant asOf, Map<String, String> filters, Figures now, PeriodFigures period,
            List<DayPoint> series, List<Breakdown> bySite, List<Breakdown> byVendor, List<Breakdown> byModel) {
    }

    /** One (site, model) group: its totals over the period (seconds) and its rates now. */
    private static final class Group {
        final long siteId;
        final long modelId;
        double installedS, hashingS, nameplateS, deliveredS;
        double rInstalled, rHashing, rNameplate, rDelivered;

        Group(long siteId, long modelId) {
            this.siteId = siteId;
            this.modelId = modelId;
        }

        void addTotals(double i, double h, double n, double d) {
            installedS += i;
            hashingS += h;
            nameplateS += n;
            deliveredS += d;
        }
    }

    private record Meta(Map<Long, String[]> sites, Map<Long, String[]> models) {
    }

    /** What the closed days give for a filter: the series, each group's totals and its rates at the watermark. */
    private record Closed(TreeMap<LocalDate, double[]> series, Map<String, double[]> totals, Map<String, double[]> rates) {
    }

    @jakarta.inject.Inject
    DashboardMemo memo;

    /** The report for the filter at {@code now}, on one connection (one snapshot). */
    public AvailabilityReport report(Connection c, DashboardFilter f, Instant now, Double hashprice) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long[] generation = new long[1];
        LocalDate closed = watermark(c, generation);
        // the closed days change only with the generation: what they give is computed once per filter
        Closed past = memo.get("availability|" + DashboardMemo.key(f) + "|" + closed + "|" + generation[0], () -> {
            try {
                return closedDays(c, f, closed);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        Map<String, Group> groups = new HashMap<>();
        TreeMap<LocalDate, double[]> series = new TreeMap<>();
        past.series().forEach((d, v) -> series.put(d, v.clone()));
        past.totals().forEach((key, v) -> group(groups, key).addTotals(v[0], v[1], v[2], v[3]));
        past.rates().forEach((key, v) -> {
            Group g = group(groups, key);
            g.rInstalled = v[0];
            g.rHashing = v[1];
            g.rNameplate = v[2];
            g.rDelivered = v[3];
        });
        List<Object> args;
        // the open days, live from the deltas: rate times the time counted, plus each event's weight
        args = new ArrayList<>(List.of(closed));
        List<Object[]> deltas = new ArrayList<>();
        query(c, "select day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered, w_installed, "
                + "w_hashing, w_nameplate, w_delivered from availability_delta where day > ?" + f.where("", args)
                + " order by day", args, rs -> deltas.add(new Object[] {rs.getObject(1, LocalDate.class), rs.getLong(2),
                    rs.getLong(3), new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                        rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11)}}));
        int k = 0;
        for (LocalDate d = closed.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            long start = d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            double counted = Math.max(0, Math.min(DAY, now.getEpochSecond() + now.getNano() / 1e9 - start));
            double shortBy = DAY - counted;
            Map<String, double[]> todays = new HashMap<>();
            while (k < deltas.size() && ((LocalDate) deltas.get(k)[0]).equals(d)) {
                Object[] row = deltas.get(k++);
                // summed: a (day, site, model) may be written as several rows (spread to keep writers apart)
                todays.merge(row[1] + "/" + row[2], (double[]) row[3], (a, b) -> {
                    double[] sum = a.clone();
                    for (int x = 0; x < sum.length; x++) {
                        sum[x] += b[x];
                    }
                    return sum;
                });
                group(groups, (Long) row[1], (Long) row[2]);
            }
            boolean inPeriod = !d.isBefore(f.from()) && !d.isAfter(f.to());
            double[] day = {0, 0, 0, 0, counted};
            for (Group g : groups.values()) {
                double[] x = todays.getOrDefault(g.siteId + "/" + g.modelId, new double[8]);
                double i = g.rInstalled * counted + x[4] - x[0] * shortBy;
                double h = g.rHashing * counted + x[5] - x[1] * shortBy;
                double n = g.rNameplate * counted + x[6] - x[2] * shortBy;
                double del = g.rDelivered * counted + x[7] - x[3] * shortBy;
                g.rInstalled += x[0];
                g.rHashing += x[1];
                g.rNameplate += x[2];
                g.rDelivered += x[3];
                if (inPeriod) {
                    g.addTotals(i, h, n, del);
                    day[0] += i;
                    day[1] += h;
                    day[2] += n;
                    day[3] += del;
                }
            }
            if (inPeriod && counted > 0) {
                series.put(d, day);
            }
        }
        Meta meta = meta(c);
        List<DayPoint> points = new ArrayList<>();
        for (var e : series.entrySet()) {
            double[] v = e.getValue();
            double span = v[4];
            points.add(new DayPoint(e.getKey(), span / 3600.0, v[0] / span, v[1] / span, v[0] == 0 ? 1 : v[1] / v[0],
                    v[2] / span, v[3] / span, v[2] == 0 ? 1 : v[3] / v[2], (v[2] - v[3]) / DAY));
        }
        List<Group> all = new ArrayList<>(groups.values());
        return new AvailabilityReport(now, f.params(), nowOf(all), periodOf(all, f, hashprice), points,
                breakdown(all, g -> String.valueOf(g.siteId), key -> meta.sites().get(Long.parseLong(key)), f, hashprice),
                breakdown(all, g -> meta.models().get(g.modelId)[1], key -> new String[] {key, key}, f, hashprice),
                breakdown(all, g -> String.valueOf(g.modelId), key -> meta.models().get(Long.parseLong(key)), f,
                        hashprice));
    }

    /** The last day closed into availability_day, and (into {@code generation[0]}) its generation. */
    public static LocalDate watermark(Connection c, long[] generation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select closed_through, generation from availability_watermark");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            generation[0] = rs.getLong(2);
            return rs.getObject(1, LocalDate.class);
        }
    }

    /** The closed days of the period (series and group totals, one scan) and the groups' rates at the watermark. */
    private static Closed closedDays(Connection c, DashboardFilter f, LocalDate closed) throws SQLException {
        TreeMap<LocalDate, double[]> series = new TreeMap<>();
        Map<String, double[]> totals = new HashMap<>();
        Map<String, double[]> rates = new HashMap<>();
        LocalDate closedTo = min(f.to(), closed);
        if (!f.from().isAfter(closedTo)) {
            List<Object> args = new ArrayList<>(List.of(f.from(), closedTo));
            String sql = "select day, site_id, model_id, sum(installed_s), sum(hashing_s), sum(nameplate_ths_s), "
                    + "sum(delivered_ths_s) from availability_day where day between ? and ?" + f.where("", args)
                    + " group by grouping sets ((day), (site_id, model_id))";
            query(c, sql, args, rs -> {
                double[] v = {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)};
                if (rs.getObject(1) != null) {
                    series.put(rs.getObject(1, LocalDate.class), new double[] {v[0], v[1], v[2], v[3], DAY});
                } else {
                    totals.put(rs.getLong(2) + "/" + rs.getLong(3), v);
                }
            });
        }
        List<Object> args = new ArrayList<>(List.of(closed));
        query(c, "select site_id, model_id, r_installed, r_hashing, r_nameplate, r_delivered from availability_day "
                + "where day = ?" + f.where("", args), args, rs -> rates.put(rs.getLong(1) + "/" + rs.getLong(2),
                        new double[] {rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)}));
        return new Closed(series, totals, rates);
    }

    private static Figures nowOf(List<Group> groups) {
        double i = 0, h = 0, n = 0, d = 0;
        for (Group g : groups) {
            i += g.rInstalled;
            h += g.rHashing;
            n += g.rNameplate;
            d += g.rDelivered;
        }
        return Figures.of(i, h, n, d);
    }

    private static PeriodFigures periodOf(List<Group> groups, DashboardFilter f, Double hashprice) {
        double i = 0, h = 0, n = 0, d = 0;
        for (Group g : groups) {
            i += g.installedS;
            h += g.hashingS;
            n += g.nameplateS;
            d += g.deliveredS;
        }
        double lost = (n - d) / DAY;
        return new PeriodFigures(f.from(), f.to(), i == 0 ? 1 : h / i, n == 0 ? 1 : d / n, lost, hashprice,
                hashprice == null ? null : lost * hashprice);
    }

    /** Rows per key (site, vendor or model): label from meta, now and period figures, worst first. */
    private static List<Breakdown> breakdown(List<Group> groups, Function<Group, String> key,
            Function<String, String[]> names, DashboardFilter f, Double hashprice) {
        Map<String, List<Group>> by = new LinkedHashMap<>();
        for (Group g : groups) {
            by.computeIfAbsent(key.apply(g), x -> new ArrayList<>()).add(g);
        }
        List<Breakdown> out = new ArrayList<>();
        for (var e : by.entrySet()) {
            String[] name = names.apply(e.getKey());
            Figures now = nowOf(e.getValue());
            PeriodFigures period = periodOf(e.getValue(), f, hashprice);
            if (now.unitsInstalled() == 0 && period.lostThDays() == 0 && period.unitAvailability() == 1) {
                continue; // nothing installed, now or in the period
            }
            out.add(new Breakdown(name[0], name[1], now, period));
        }
        out.sort(Comparator.comparingDouble((Breakdown b) -> b.period().hashrateAvailability()).thenComparing(Breakdown::key));
        return out;
    }

    private static Group group(Map<String, Group> groups, long site, long model) {
        return groups.computeIfAbsent(site + "/" + model, x -> new Group(site, model));
    }

    private static Group group(Map<String, Group> groups, String key) {
        int slash = key.indexOf('/');
        return group(groups, Long.parseLong(key.substring(0, slash)), Long.parseLong(key.substring(slash + 1)));
    }

    /** Site id -> {code, name}; model id -> {name, vendor}. */
    private static Meta meta(Connection c) throws SQLException {
        Map<Long, String[]> sites = new HashMap<>();
        Map<Long, String[]> models = new HashMap<>();
        query(c, "select id, code, name from site", List.of(), rs -> sites.put(rs.getLong(1),
                new String[] {rs.getString(2), rs.getString(3)}));
        query(c, "select id, name, vendor from miner_model", List.of(), rs -> models.put(rs.getLong(1),
                new String[] {rs.getString(2), rs.getString(3)}));
        return new Meta(sites, models);
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    static void query(Connection c, String sql, List<Object> args, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            DashboardFilter.bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
