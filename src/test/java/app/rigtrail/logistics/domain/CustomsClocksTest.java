package app.rigtrail.logistics.domain;

import static app.rigtrail.logistics.domain.CustomsClocks.Standing.CLOSED;
import static app.rigtrail.logistics.domain.CustomsClocks.Standing.DEEMED_EXCLUDED;
import static app.rigtrail.logistics.domain.CustomsClocks.Standing.NO_CLOCK;
import static app.rigtrail.logistics.domain.CustomsClocks.Standing.PAST_NOTICE_CLOCK;
import static app.rigtrail.logistics.domain.CustomsClocks.Standing.PAST_RELEASE_CLOCK;
import static app.rigtrail.logistics.domain.CustomsClocks.Standing.WITHIN_RELEASE_WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CustomsClocksTest {

    static final LocalDate MON = LocalDate.of(2026, 11, 2);

    @Test
    void theThreeClocksOfAnExamination() {
        CustomsClocks c = new CustomsClocks(MON, HoldKind.CBP_INTENSIVE, null, null, MON.plusDays(5));
        assertEquals(LocalDate.of(2026, 11, 9), c.releaseBy());
        assertEquals(LocalDate.of(2026, 11, 17), c.noticeBy(), "Veterans Day (Wed 11th) is not a business day");
        assertEquals(LocalDate.of(2026, 12, 2), c.deemedExclusionOn());
        assertEquals(WITHIN_RELEASE_WINDOW, c.standing(LocalDate.of(2026, 11, 9)));
        assertEquals(PAST_RELEASE_CLOCK, c.standing(LocalDate.of(2026, 11, 10)));
        assertEquals(PAST_RELEASE_CLOCK, c.standing(LocalDate.of(2026, 11, 17)));
        assertEquals(PAST_NOTICE_CLOCK, c.standing(LocalDate.of(2026, 11, 18)));
        assertEquals(DEEMED_EXCLUDED, c.standing(LocalDate.of(2026, 12, 2)));
        CustomsClocks noticed = new CustomsClocks(MON, HoldKind.CBP_INTENSIVE, LocalDate.of(2026, 11, 12), null, null);
        assertEquals(PAST_RELEASE_CLOCK, noticed.standing(LocalDate.of(2026, 11, 20)));
    }

    @Test
    void anotherAgencysHoldRunsOnNoClockAndADecidedOneIsClosed() {
        CustomsClocks fcc = new CustomsClocks(MON, HoldKind.OTHER_AGENCY, null, null, null);
        assertEquals(NO_CLOCK, fcc.standing(MON.plusDays(75)));
        assertEquals(75, fcc.ageDays(MON.plusDays(75)));
        CustomsClocks done = new CustomsClocks(MON, HoldKind.CBP_TAILGATE, null, MON.plusDays(3), null);
        assertEquals(CLOSED, done.standing(MON.plusDays(40)));
        assertEquals(3, done.ageDays(MON.plusDays(40)));
    }

    @Test
    void storageFeesRunAfterTheLastFreeDayUntilTheDecision() {
        CustomsClocks c = new CustomsClocks(MON, HoldKind.OTHER_AGENCY, null, null, MON.plusDays(5));
        assertEquals(0, c.storageFeesCents(10_000, MON.plusDays(5)));
        assertFalse(c.pastLastFreeDay(MON.plusDays(5)));
        assertTrue(c.pastLastFreeDay(MON.plusDays(6)));
        assertEquals(10 * 10_000, c.storageFeesCents(10_000, MON.plusDays(15)));
        CustomsClocks decided = new CustomsClocks(MON, HoldKind.OTHER_AGENCY, null, MON.plusDays(8), MON.plusDays(5));
        assertEquals(3 * 10_000, decided.storageFeesCents(10_000, MON.plusDays(60)));
    }
}
