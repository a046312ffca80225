package app.rigtrail.fleet.domain;

import static app.rigtrail.platform.domain.Text.blankToNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The miner CSV format (docs/csv-format.md): one miner per line with its components. This class
 * checks everything that can be checked without the database: columns, formats, duplicates inside
 * the file. The import use case then checks references (site, model, parts) and uniqueness against
 * the stored fleet, and writes nothing unless every row is good.
 */
public final class MinerCsv {

    public static final List<String> HEADER = List.of("serial", "asset_code", "mac", "vendor", "model", "site",
            "position", "status", "warranty_end", "hashboards", "fans", "psus", "control_boards");

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    private static final Pattern MAC = Pattern.compile("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}");
    private static final Pattern PART_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,39}");
    public static final int MAX_ROWS = 200_000;

    private MinerCsv() {
    }

    /** Whether a text is a valid miner or component serial. */
    public static boolean validSerial(String s) {
        return s != null && SERIAL.matcher(s).matches();
    }

    /** Whether a text is a MAC address like 02:1a:2b:3c:4d:5e. */
    public static boolean validMac(String s) {
        return s != null && MAC.matcher(s).matches();
    }

    /** A component named in a row: its serial and, optionally, its part number (SERIAL@PART). */
    public record ComponentRef(String serial, String partNumber) {
        @Override
        public String toString() {
            return partNumber == null ? serial : serial + "@" + partNumber;
        }
    }

    public record Row(int line, String serial, String assetCode, String mac, Vendor vendor, String model,
            String siteCode, RackPosition position, MinerStatus status, LocalDate warrantyEnd,
            Map<ComponentKind, List<ComponentRef>> components) {
    }

    public record RowError(int line, String column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", " + column + ": " + message;
        }
    }

    public record Result(List<Row> rows, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(Reader input) {
        Reader reader = withoutByteOrderMark(input);
        List<Row> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            List<String> missing = HEADER.stream().filter(h -> !header.contains(h)).toList();
            if (!missing.isEmpty()) {
                errors.add(new RowError(1, "header", "missing columns " + missing + "; expected " + HEADER));
                return new Result(List.of(), errors);
            }
            Set<String> serials = new HashSet<>();
            Set<String> assetCodes = new HashSet<>();
            Set<String> componentSerials = new HashSet<>();
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (rows.size() + errors.size() >= MAX_ROWS) {
                    errors.add(new RowError(line, "file", "more than " + MAX_ROWS + " rows; split the file"));
                    break;
                }
                Row row = parseRow(record, line, errors);
                if (row == null) {
                    continue;
                }
                if (!serials.add(row.serial())) {
                    errors.add(new RowError(line, "serial", "duplicate serial " + row.serial() + " in this file"));
                }
                if (row.assetCode() != null && !assetCodes.add(row.assetCode())) {
                    errors.add(new RowError(line, "asset_code", "duplicate asset code " + row.assetCode() + " in this file"));
                }
                for (var entry : row.components().entrySet()) {
                    for (ComponentRef ref : entry.getValue()) {
                        if (!componentSerials.add(ref.serial())) {
                            errors.add(new RowError(line, column(entry.getKey()),
                                    "component serial " + ref.serial() + " appears twice in this file"));
                        }
                    }
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // an unbalanced quote, a broken line: commons-csv says where
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage()
                    : e.getMessage();
            errors.add(new RowError(0, "file", "not a readable CSV file: " + why));
        }
        return new Result(rows, errors);
    }

    private static Row parseRow(CSVRecord r, int line, List<RowError> errors) {
        int before = errors.size();
        if (!r.isConsistent()) {
            errors.add(new RowError(line, "row", "has " + r.size() + " fields, the header has " + HEADER.size()));
            return null;
        }
        String serial = r.get("serial");
        if (!SERIAL.matcher(serial).matches()) {
            errors.add(new RowError(line, "serial", "must be 3 to 64 letters, digits, '.', '_' or '-'"));
        }
        String assetCode = blankToNull(r.get("asset_code"));
        if (assetCode != null && !AssetCode.isValid(assetCode)) {
            errors.add(new RowError(line, "asset_code", "must look like RGT-S21PRO-000042, or be empty to assign one"));
        }
        String mac = blankToNull(r.get("mac"));
        if (mac != null && !MAC.matcher(mac).matches()) {
            errors.add(new RowError(line, "mac", "must look like 02:1a:2b:3c:4d:5e"));
        }
        Vendor vendor = parseEnum(Vendor.class, r.get("vendor"), line, "vendor", errors);
        String model = r.get("model");
        if (model.isBlank()) {
            errors.add(new RowError(line, "model", "is required"));
        }
        String site = r.get("site").toUpperCase(Locale.ROOT);
        if (site.isBlank()) {
            errors.add(new RowError(line, "site", "is required"));
        }
        MinerStatus status = r.get("status").isBlank() ? MinerStatus.HASHING
                : parseEnum(MinerStatus.class, r.get("status"), line, "status", errors);
        RackPosition position = null;
        if (status == MinerStatus.RECEIVED) {
            // received from an order, not yet commissioned: it has no rack position
            if (!r.get("position").isBlank()) {
                errors.add(new RowError(line, "position", "a RECEIVED machine has no position until it is "
                        + "commissioned; leave it empty"));
            }
        } else {
            try {
                position = RackPosition.parse(r.get("position"));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(line, "position", e.getMessage()));
            }
        }
        LocalDate warrantyEnd = null;
        if (!r.get("warranty_end").isBlank()) {
            try {
                warrantyEnd = LocalDate.parse(r.get("warranty_end"));
            } catch (DateTimeParseException e) {
                errors.add(new RowError(line, "warranty_end", "must be a date like 2026-03-31"));
            }
        }
        Map<ComponentKind, List<ComponentRef>> components = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            components.put(kind, parseComponents(r.get(column(kind)), line, column(kind), errors));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Row(line, serial, assetCode, mac == null ? null : mac.toLowerCase(Locale.ROOT), vendor, model,
                site, position, status, warrantyEnd, components);
    }

    /** One component cell: serials separated by ';', each optionally SERIAL@PART. */
    public static List<ComponentRef> parseComponents(String cell, int line, String column, List<RowError> errors) {
        List<ComponentRef> refs = new ArrayList<>();
        if (cell.isBlank()) {
            return refs;
        }
        for (String item : cell.split(";")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            String serial = text;
            String part = null;
            int at = text.indexOf('@');
            if (at >= 0) {
                serial = text.substring(0, at);
                part = text.substring(at + 1);
                if (!PART_NUMBER.matcher(part).matches()) {
                    errors.add(new RowError(line, column, "part number '" + part + "' is not valid"));
                }
            }
            if (!SERIAL.matcher(serial).matches()) {
                errors.add(new RowError(line, column, "component serial '" + serial + "' is not valid"));
            }
            refs.add(new ComponentRef(serial, part));
        }
        return refs;
    }

    public static String column(ComponentKind kind) {
        return switch (kind) {
            case HASHBOARD -> "hashboards";
            case FAN -> "fans";
            case PSU -> "psus";
            case CONTROL_BOARD -> "control_boards";
        };
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, int line, String column,
            List<RowError> errors) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            errors.add(new RowError(line, column, "'" + text + "' is not one of " + List.of(type.getEnumConstants())));
            return null;
        }
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
