package app.rigtrail.growth.domain;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerCsv;
import app.rigtrail.fleet.domain.MinerCsv.ComponentRef;
import app.rigtrail.fleet.domain.MinerCsv.RowError;

/**
 * A vendor's delivery list (docs/machine-orders.md): one machine per line, by serial, with its MAC and
 * its components if the vendor gives them. Only {@code serial} is required; component cells use the
 * miner CSV's form (SERIAL or SERIAL@PART, separated by ';'), and a kind left empty gets generated
 * serials. Other columns (a vendor's own) are ignored. Checks what needs no database: formats and
 * duplicates inside the file.
 */
public final class DeliveryCsv {

    public static final List<String> COLUMNS = List.of("serial", "mac", "asset_code", "hashboards", "fans", "psus",
            "control_boards");
    /**
     * The most machines one receipt takes (a list, or generated serials): a receipt is one transaction,
     * and a thousand machines with their parts are written well within its time limit on a small server.
     */
    public static final int MAX_ROWS = 1_000;

    private DeliveryCsv() {
    }

    public record Row(int line, String serial, String mac, String assetCode,
            Map<ComponentKind, List<ComponentRef>> components) {
    }

    public record Result(List<Row> rows, List<RowError> errors) {
    }

    public static Result parse(Reader input) {
        Reader reader = withoutByteOrderMark(input);
        List<Row> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true)
                .get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, String> header = new java.util.HashMap<>();
            for (String h : parser.getHeaderNames()) {
                header.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), h);
            }
            if (!header.containsKey("serial")) {
                errors.add(new RowError(1, "header", "the first line must name the columns, with at least 'serial'; "
                        + "known columns: " + COLUMNS));
                return new Result(List.of(), errors);
            }
            Set<String> serials = new HashSet<>();
            Set<String> componentSerials = new HashSet<>();
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (rows.size() >= MAX_ROWS) {
                    errors.add(new RowError(line, "file", "more than " + MAX_ROWS + " machines in one list; receive the delivery in parts"));
                    break;
                }
                int before = errors.size();
                String serial = cell(record, header, "serial");
                if (!MinerCsv.validSerial(serial)) {
                    errors.add(new RowError(line, "serial", serial.isEmpty() ? "is required"
                            : "'" + serial + "' must be 3 to 64 letters, digits, '.', '_' or '-'"));
                } else if (!serials.add(serial)) {
                    errors.add(new RowError(line, "serial", "duplicate serial " + serial + " in this file"));
                }
                String mac = blankToNull(cell(record, header, "mac"));
                if (mac != null && !MinerCsv.validMac(mac)) {
                    errors.add(new RowError(line, "mac", "must look like 02:1a:2b:3c:4d:5e"));
                }
                String asset = blankToNull(cell(record, header, "asset_code"));
                if (asset != null && !app.rigtrail.fleet.domain.AssetCode.isValid(asset)) {
                    errors.add(new RowError(line, "asset_code", "must look like RGT-S21PRO-000042, or be empty to assign one"));
                }
                Map<ComponentKind, List<ComponentRef>> components = new EnumMap<>(ComponentKind.class);
                for (ComponentKind kind : ComponentKind.values()) {
                    String column = MinerCsv.column(kind);
                    List<ComponentRef> refs = MinerCsv.parseComponents(cell(record, header, column), line, column, errors);
                    for (ComponentRef ref : refs) {
                        if (!componentSerials.add(ref.serial())) {
                            errors.add(new RowError(line, column, "component serial " + ref.serial()
                                    + " appears twice in this file"));
                        }
                    }
                    components.put(kind, refs);
                }
                if (errors.size() == before) {
                    rows.add(new Row(line, serial, mac == null ? null : mac.toLowerCase(Locale.ROOT), asset, components));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // an unbalanced quote, a broken line: commons-csv says where
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage()
                    : e.getMessage();
            errors.add(new RowError(0, "file", "not a readable CSV file: " + why));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(1, "file", "no machines in the file"));
        }
        return new Result(rows, errors);
    }

    private static String cell(CSVRecord r, Map<String, String> header, String column) {
        String name = header.get(column);
        if (name == null || !r.isMapped(name) || !r.isSet(name)) {
            return "";
        }
        String v = r.get(name);
        return v == null ? "" : v.trim();
    }


    /** Excel's "CSV UTF-8" starts with a byte order mark, which is not part of the first column's name. */
    static Reader withoutByteOrderMark(Reader input) {
        java.io.PushbackReader r = new java.io.PushbackReader(input, 1);
        try {
            int first = r.read();
            if (first != -1 && first != '\uFEFF') {
                r.unread(first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }
}
