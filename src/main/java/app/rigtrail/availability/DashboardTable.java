package app.rigtrail.availability;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One table of the dashboard, the same for the page and its CSV export: each cell has the text shown
 * (formatted), the raw value exported (full precision, fractions as fractions) and an optional link.
 */
public record DashboardTable(String id, String title, List<String> headers, List<List<Cell>> rows, String note) {

    public record Cell(String text, String raw, String href, boolean number) {

        public static Cell text(String s) {
            return new Cell(s == null ? "" : s, s == null ? "" : s, null, false);
        }

        public static Cell link(String s, String href) {
            return new Cell(s == null ? "" : s, s == null ? "" : s, href, false);
        }

        public static Cell count(long n) {
            return new Cell(String.format(Locale.US, "%,d", n), Long.toString(n), null, true);
        }

        /** A count with a link to the list behind it. */
        public static Cell count(long n, String href) {
            return new Cell(String.format(Locale.US, "%,d", n), Long.toString(n), n > 0 ? href : null, true);
        }

        public static Cell number(Double x, int decimals) {
            if (x == null || x.isNaN()) {
                return new Cell("–", "", null, true);
            }
            return new Cell(String.format(Locale.US, "%,." + decimals + "f", x), raw(x), null, true);
        }

        /** A fraction shown as a percentage. */
        public static Cell percent(Double x) {
            if (x == null || x.isNaN()) {
                return new Cell("–", "", null, true);
            }
            return new Cell(String.format(Locale.US, "%.2f%%", 100 * x), raw(x), null, true);
        }

        public static Cell usd(Double x) {
            if (x == null || x.isNaN()) {
                return new Cell("–", "", null, true);
            }
            return new Cell(String.format(Locale.US, "$%,.2f", x), raw(x), null, true);
        }

        private static String raw(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
        }
    }

    public DashboardTable(String id, String title, List<String> headers, String note) {
        this(id, title, headers, new ArrayList<>(), note);
    }

    public DashboardTable add(Cell... cells) {
        rows.add(List.of(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as CSV (RFC 4180, a header line, raw values). */
    public String csv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(headers.toArray(new String[0]))
                .get())) {
            for (List<Cell> row : rows) {
                p.printRecord(row.stream().map(Cell::raw).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
