package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class MinerCsvTest {

    static final String HEADER = String.join(",", MinerCsv.HEADER) + "\n";

    @Test
    void readsAGoodRowWithComponentsAndPartNumbers() {
        MinerCsv.Result r = MinerCsv.parse(new StringReader(HEADER
                + "SN1,RGT-S21-000001,02:aa:bb:cc:dd:ee,bitmain,S21,tx1,1/2/3/4,,2027-01-31,"
                + "HB1;HB2;HB3,FAN1;FAN2;FAN3;FAN4,PSU1@BM-APW17,CB1\n"));
        assertTrue(r.ok(), r.errors().toString());
        MinerCsv.Row row = r.rows().get(0);
        assertEquals(Vendor.BITMAIN, row.vendor());
        assertEquals("TX1", row.siteCode());
        assertEquals(new RackPosition(1, 2, 3, 4), row.position());
        assertEquals(MinerStatus.HASHING, row.status(), "blank status means hashing");
        assertEquals(LocalDate.of(2027, 1, 31), row.warrantyEnd());
        assertEquals(3, row.components().get(ComponentKind.HASHBOARD).size());
        assertEquals(new MinerCsv.ComponentRef("PSU1", "BM-APW17"), row.components().get(ComponentKind.PSU).get(0));
        assertEquals(2, row.line());
    }

    @Test
    void shouldReportEveryBadRowWithLineAndColumn() {
        MinerCsv.Result r = MinerCsv.parse(new StringReader(HEADER
                + "SN1,,,BITMAIN,S21,TX1,1/1/1/1,HASHING,,,,,\n"
                + "S,,zz,ACME,S21,TX1,1/1/1,FLYING,31/01/2027,,,,\n"
                + "SN1,,,BITMAIN,S21,TX1,1/1/1/2,,,XX1;XX1,,,\n"));
        assertFalse(r.ok());
        List<String> where = r.errors().stream().map(e -> e.line() + ":" + e.column()).toList();
        assertTrue(where.containsAll(List.of("3:serial", "3:mac", "3:vendor", "3:position", "3:status", "3:warranty_end")),
                where.toString());
        assertTrue(where.contains("4:serial"), "duplicate serial in file: " + where);
        assertTrue(where.contains("4:hashboards"), "component twice in file: " + where);
        assertEquals(1, r.rows().stream().filter(row -> row.line() == 2).count());
    }

    @Test
    void aReceivedMachineHasNoPositionUntilItIsCommissioned() {
        MinerCsv.Result r = MinerCsv.parse(new StringReader(HEADER
                + "SN7,,,BITMAIN,S21,TX1,,RECEIVED,,,,,\n"
                + "SN8,,,BITMAIN,S21,TX1,1/1/1/1,received,,,,,\n"
                + "SN9,,,BITMAIN,S21,TX1,,HASHING,,,,,\n"));
        assertEquals(List.of("3:position", "4:position"),
                r.errors().stream().map(e -> e.line() + ":" + e.column()).toList());
        assertEquals(MinerStatus.RECEIVED, r.rows().get(0).status());
        assertEquals(null, r.rows().get(0).position());
    }

    @Test
    void shouldRejectAFileWithMissingColumns() {
        MinerCsv.Result r = MinerCsv.parse(new StringReader("serial,model\nSN1,S21\n"));
        assertFalse(r.ok());
        assertEquals("header", r.errors().get(0).column());
        assertTrue(r.errors().get(0).message().contains("site"));
    }
}
