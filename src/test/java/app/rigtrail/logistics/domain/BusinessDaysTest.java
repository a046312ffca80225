package app.rigtrail.logistics.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    @Test
    void federalHolidaysOf2026OnTheirObservedDays() {
        Set<LocalDate> h = BusinessDays.holidays(2026);
        assertEquals(11, h.size());
        assertTrue(h.contains(LocalDate.of(2026, 1, 1)));
        assertTrue(h.contains(LocalDate.of(2026, 1, 19)), "MLK day");
        assertTrue(h.contains(LocalDate.of(2026, 5, 25)), "Memorial day");
        assertTrue(h.contains(LocalDate.of(2026, 7, 3)), "July 4th falls on a Saturday: observed Friday");
        assertTrue(h.contains(LocalDate.of(2026, 11, 26)), "Thanksgiving");
        assertTrue(h.contains(LocalDate.of(2026, 12, 25)));
        assertTrue(BusinessDays.holidays(2027).contains(LocalDate.of(2027, 12, 24)), "Christmas on a Saturday");
        assertFalse(BusinessDays.isBusinessDay(LocalDate.of(2021, 12, 31)), "New Year 2022 observed on Friday 2021-12-31");
    }

    @Test
    void countsSkipWeekendsAndHolidays() {
        // presented Wednesday before Thanksgiving: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3
        assertEquals(LocalDate.of(2026, 12, 3), BusinessDays.plus(LocalDate.of(2026, 11, 25), 5));
        assertEquals(LocalDate.of(2026, 11, 9), BusinessDays.plus(LocalDate.of(2026, 11, 2), 5));
        assertEquals(5, BusinessDays.between(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 3)));
        assertEquals(0, BusinessDays.between(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 29)) - 0);
    }
}
