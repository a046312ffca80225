package app.rigtrail.repair.domain;

import static app.rigtrail.repair.domain.RmaState.AT_HUB;
import static app.rigtrail.repair.domain.RmaState.CLOSED;
import static app.rigtrail.repair.domain.RmaState.OPENED;
import static app.rigtrail.repair.domain.RmaState.RECEIVED;
import static app.rigtrail.repair.domain.RmaState.REJECTED;
import static app.rigtrail.repair.domain.RmaState.REPAIRED;
import static app.rigtrail.repair.domain.RmaState.REPLACED;
import static app.rigtrail.repair.domain.RmaState.RETURNED;
import static app.rigtrail.repair.domain.RmaState.SCRAPPED;
import static app.rigtrail.repair.domain.RmaState.SHIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RmaStateTest {

    static final Map<RmaState, Set<RmaState>> LEGAL = Map.of(
            OPENED, EnumSet.of(SHIPPED, CLOSED),
            SHIPPED, EnumSet.of(AT_HUB),
            AT_HUB, EnumSet.of(REPAIRED, REPLACED, REJECTED, SCRAPPED),
            REPAIRED, EnumSet.of(RETURNED),
            REPLACED, EnumSet.of(RETURNED),
            REJECTED, EnumSet.of(RETURNED, CLOSED),
            SCRAPPED, EnumSet.of(CLOSED),
            RETURNED, EnumSet.of(RECEIVED),
            RECEIVED, EnumSet.of(CLOSED, OPENED),
            CLOSED, EnumSet.of(OPENED));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        for (RmaState from : RmaState.values()) {
            for (RmaState to : RmaState.values()) {
                assertEquals(LEGAL.get(from).contains(to), from.allowedNext().contains(to), from + " -> " + to);
            }
        }
    }
}
