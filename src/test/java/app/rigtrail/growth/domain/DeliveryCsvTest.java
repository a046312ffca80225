package app.rigtrail.growth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.MinerCsv.ComponentRef;
import app.rigtrail.fleet.domain.MinerCsv.RowError;

class DeliveryCsvTest {

    @Test
    void readsAVendorListWithItsOwnColumnsAndPartialComponents() {
        DeliveryCsv.Result r = DeliveryCsv.parse(new StringReader("""
                Serial,MAC,Hashrate,hashboards
                S21-A0001,02:1A:2B:3C:4D:01,200,HB-1;HB-2;HB-3@BM-HB-S21
                S21-A0002,,200,
                """));
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.rows().size());
        DeliveryCsv.Row first = r.rows().get(0);
        assertEquals("S21-A0001", first.serial());
        assertEquals("02:1a:2b:3c:4d:01", first.mac());
        assertEquals(List.of(new ComponentRef("HB-1", null), new ComponentRef("HB-2", null),
                new ComponentRef("HB-3", "BM-HB-S21")), first.components().get(ComponentKind.HASHBOARD));
        assertTrue(first.components().get(ComponentKind.FAN).isEmpty());
        assertEquals(2, first.line(), "lines count from the header, which is line 1");
    }

    @Test
    void namesEveryBadLineAndColumn() {
        DeliveryCsv.Result r = DeliveryCsv.parse(new StringReader("""
                serial,mac,fans
                S21-B0001,nonsense,F1;F1
                S21-B0001,,
                ,,
                x,,
                """));
        List<String> got = r.errors().stream().map(RowError::toString).toList();
        assertTrue(got.contains("line 2, mac: must look like 02:1a:2b:3c:4d:5e"), got.toString());
        assertTrue(got.stream().anyMatch(e -> e.startsWith("line 2, fans: component serial F1 appears twice")), got.toString());
        assertTrue(got.contains("line 3, serial: duplicate serial S21-B0001 in this file"), got.toString());
        assertTrue(got.contains("line 4, serial: is required"), got.toString());
        assertTrue(got.stream().anyMatch(e -> e.startsWith("line 5, serial: 'x' must be")), got.toString());
        assertEquals(List.of(), r.rows(), "no line was good");
    }

    @Test
    void aFileWithoutASerialColumnOrWithoutMachinesIsRefused() {
        assertTrue(DeliveryCsv.parse(new StringReader("mac,fans\n02:1a:2b:3c:4d:01,\n")).errors().get(0).message()
                .contains("at least 'serial'"));
        assertEquals("no machines in the file", DeliveryCsv.parse(new StringReader("serial\n")).errors().get(0).message());
        assertTrue(DeliveryCsv.parse(new StringReader("")).errors().get(0).message().contains("at least 'serial'"));
    }

    @Test
    void generatedSerialsFillTheKindsTheListLeavesEmptyAndRefuseHalfLists() {
        Map<ComponentKind, Integer> s21 = new EnumMap<>(Map.of(ComponentKind.HASHBOARD, 3, ComponentKind.FAN, 4,
                ComponentKind.PSU, 1, ComponentKind.CONTROL_BOARD, 1));
        List<RowError> errors = new ArrayList<>();
        String serial = GeneratedSerials.machine(12, 1, 7);
        assertEquals("MO12-D1-0007", serial);
        Map<ComponentKind, List<ComponentRef>> all = GeneratedSerials.complete(serial, null, s21, "S21", 1, errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of("MO12-D1-0007-HB1", "MO12-D1-0007-HB2", "MO12-D1-0007-HB3"),
                all.get(ComponentKind.HASHBOARD).stream().map(ComponentRef::serial).toList());
        assertEquals(4, all.get(ComponentKind.FAN).size());
        assertEquals("MO12-D1-0007-CB1", all.get(ComponentKind.CONTROL_BOARD).get(0).serial());
        Map<ComponentKind, List<ComponentRef>> half = new EnumMap<>(ComponentKind.class);
        half.put(ComponentKind.FAN, List.of(new ComponentRef("F1", null), new ComponentRef("F2", null)));
        GeneratedSerials.complete("S21-C1", half, s21, "S21", 9, errors);
        assertEquals(1, errors.size());
        assertEquals("line 9, fans: S21 holds 4 fans, the line lists 2 (list all of them, or none to have serials "
                + "generated)", errors.get(0).toString());
    }
}
