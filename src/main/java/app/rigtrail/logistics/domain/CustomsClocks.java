package app.rigtrail.logistics.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The legal clocks of a customs hold (domain.md): CBP releases or detains within 5 business days
 * of presentation and sends a notice of detention within 5 more; with no decision 30 days after
 * presentation the goods are deemed excluded. Holds for another agency (FCC) run on no clock.
 */
public record CustomsClocks(LocalDate presented, HoldKind kind, LocalDate detentionNotice, LocalDate decided,
        LocalDate lastFreeDay) {

    public static final int RELEASE_BUSINESS_DAYS = 5;
    public static final int NOTICE_BUSINESS_DAYS = 5;
    public static final int DEEMED_EXCLUSION_DAYS = 30;

    public enum Standing {
        /** Decided. */
        CLOSED,
        /** Inside the release window. */
        WITHIN_RELEASE_WINDOW,
        /** Past the release window, notice still due. */
        PAST_RELEASE_CLOCK,
        /** Past the notice clock with no notice. */
        PAST_NOTICE_CLOCK,
        /** 30 days without a decision: deemed excluded (protestable). */
        DEEMED_EXCLUDED,
        /** Another agency's hold: no CBP clock applies. */
        NO_CLOCK;

        /** The standing in the users' words. */
        public String label() {
            return switch (this) {
                case CLOSED -> "Decided";
                case WITHIN_RELEASE_WINDOW -> "Within 5 business days";
                case PAST_RELEASE_CLOCK -> "Past the release clock";
                case PAST_NOTICE_CLOCK -> "No notice of detention in time";
                case DEEMED_EXCLUDED -> "30 days: deemed excluded";
                case NO_CLOCK -> "Other agency: no clock";
            };
        }
    }

    public LocalDate releaseBy() {
        return BusinessDays.plus(presented, RELEASE_BUSINESS_DAYS);
    }

    public LocalDate noticeBy() {
        return BusinessDays.plus(releaseBy(), NOTICE_BUSINESS_DAYS);
    }

    public LocalDate deemedExclusionOn() {
        return presented.plusDays(DEEMED_EXCLUSION_DAYS);
    }

    public Standing standing(LocalDate today) {
        if (decided != null) {
            return Standing.CLOSED;
        }
        if (!kind.boundByCbpClocks()) {
            return Standing.NO_CLOCK;
        }
        if (!today.isBefore(deemedExclusionOn())) {
            return Standing.DEEMED_EXCLUDED;
        }
        if (today.isAfter(noticeBy()) && detentionNotice == null) {
            return Standing.PAST_NOTICE_CLOCK;
        }
        if (today.isAfter(releaseBy())) {
            return Standing.PAST_RELEASE_CLOCK;
        }
        return Standing.WITHIN_RELEASE_WINDOW;
    }

    /** Days the hold has lasted (to its decision, or to today). */
    public long ageDays(LocalDate today) {
        return ChronoUnit.DAYS.between(presented, decided != null ? decided : today);
    }

    public boolean pastLastFreeDay(LocalDate today) {
        return decided == null && lastFreeDay != null && today.isAfter(lastFreeDay);
    }

    /**
     * {@link #storageFeesCents} for the database, to sort a list of holds by it: the columns
     * storage_fee_cents_per_day, last_free_day, decided_on of customs_hold h, and the day as
     * parameter {@code :today}.
     */
    public static final String STORAGE_FEES_SQL = "(case when h.last_free_day is null then 0 else "
            + "h.storage_fee_cents_per_day * greatest(0, coalesce(h.decided_on, cast(:today as date)) - h.last_free_day) end)";

    /** Storage fees so far: every day after the last free day until the decision (or today). */
    public long storageFeesCents(long centsPerDay, LocalDate today) {
        if (lastFreeDay == null) {
            return 0;
        }
        LocalDate end = decided != null ? decided : today;
        long days = Math.max(0, ChronoUnit.DAYS.between(lastFreeDay, end));
        return days * centsPerDay;
    }
}
