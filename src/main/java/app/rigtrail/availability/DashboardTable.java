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

        /**
         * A code shown in the users' words (a vendor, a state) and exported as the code itself, which is
         * what a program reading the CSV matches on.
         */
        public static Cell code(String code, String words) {
            return new Cell(words == null ? "" : words, code == null ? "" : code, null, false);
        }

        /** {@link #code} with a link. */
        public static Cell codeLink(String code, String words, String href) {
            return new Cell(words == null ? "" : words, code == null ? "" : code, href, false);
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

    /**
     * Columns only the CSV has: "Code" is the stage or route as programs name it, beside its words in
     * the column before (the page shows words, never codes).
     */
    static final java.util.Set<String> CSV_ONLY = java.util.Set.of("Code");

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

    /**
     * The table's head and body as HTML, escaped: written here rather than in the template because a
     * list of hundreds of rows is rendered on every request and this is several times faster.
     */
    public String html() {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 64 * headers.size());
        sb.append("<thead><tr>");
        for (String h : headers) {
            if (CSV_ONLY.contains(h)) {
                continue;
            }
            sb.append("<th>");
            escape(sb, h);
            sb.append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                Cell c = row.get(i);
                if (i < headers.size() && CSV_ONLY.contains(headers.get(i))) {
                    continue;
                }
                sb.append(c.number() ? "<td class=\"num\">" : "<td>");
                if (c.href() != null) {
                    sb.append("<a href=\"");
                    escape(sb, c.href());
                    sb.append("\">");
                    escape(sb, c.text());
                    sb.append("</a>");
                } else {
                    escape(sb, c.text());
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>").toString();
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
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
