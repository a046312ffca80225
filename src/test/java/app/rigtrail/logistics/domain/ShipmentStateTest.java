package app.rigtrail.logistics.domain;

import static app.rigtrail.logistics.domain.ShipmentState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ShipmentStateTest {

    static final Map<ShipmentState, Set<ShipmentState>> LEGAL = Map.ofEntries(
            Map.entry(CREATED, EnumSet.of(READY)),
            Map.entry(READY, EnumSet.of(IN_TRANSIT, CREATED)),
            Map.entry(IN_TRANSIT, EnumSet.of(AT_PORT, DELIVERED, LOST)),
            Map.entry(AT_PORT, EnumSet.of(HELD, CLEARED, LOST)),
            Map.entry(HELD, EnumSet.of(CLEARED, SEIZED, RE_EXPORTED)),
            Map.entry(CLEARED, EnumSet.of(DELIVERED, LOST)),
            Map.entry(DELIVERED, EnumSet.of(RECEIVED)),
            Map.entry(RECEIVED, EnumSet.noneOf(ShipmentState.class)),
            Map.entry(LOST, EnumSet.noneOf(ShipmentState.class)),
            Map.entry(SEIZED, EnumSet.noneOf(ShipmentState.class)),
            Map.entry(RE_EXPORTED, EnumSet.noneOf(ShipmentState.class)));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        for (ShipmentState from : values()) {
            for (ShipmentState to : values()) {
                assertEquals(LEGAL.get(from).contains(to), from.allowedNext().contains(to), from + " -> " + to);
            }
        }
    }
}
