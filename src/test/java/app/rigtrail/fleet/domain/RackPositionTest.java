package app.rigtrail.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RackPositionTest {

    @Test
    void parsesSlashAndLabelledForms() {
        assertEquals(new RackPosition(1, 3, 12, 7), RackPosition.parse("1/3/12/7"));
        assertEquals(new RackPosition(1, 3, 12, 7), RackPosition.parse("B1-R03-K12-S07"));
        assertEquals("B1-R03-K12-S07", new RackPosition(1, 3, 12, 7).toString());
    }

    @Test
    void shouldRejectZeroAndGarbage() {
        assertThrows(IllegalArgumentException.class, () -> RackPosition.parse("0/1/1/1"));
        assertThrows(IllegalArgumentException.class, () -> RackPosition.parse("1/1/1"));
        assertThrows(IllegalArgumentException.class, () -> RackPosition.parse("1/x/1/1"));
    }

    @Test
    void fitsInsideTheSiteRacksOnly() {
        RackPosition p = new RackPosition(2, 10, 20, 12);
        assertTrue(p.fitsIn(2, 10, 20, 12));
        assertFalse(p.fitsIn(1, 10, 20, 12));
        assertFalse(p.fitsIn(2, 10, 20, 11));
    }
}
