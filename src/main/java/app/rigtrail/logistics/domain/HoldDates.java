package app.rigtrail.logistics.domain;

import java.time.LocalDate;

/**
 * The dates a customs hold may carry (issue #16): presented within the last ten years and not in
 * the future; a notice of detention and a decision on or after presentation and not in the future
 * (a date far ahead, such as an epoch day read from 20260101, made every dwell estimate endless).
 * Each check returns why a date is refused, or null.
 */
public final class HoldDates {

    /** How far back a presentation may lie. */
    public static final int MAX_YEARS_BACK = 10;

    private HoldDates() {
    }

    public static String presentedOn(LocalDate presentedOn, LocalDate today) {
        if (presentedOn.isAfter(today)) {
            return "must not be in the future (today is " + today + ")";
        }
        if (presentedOn.isBefore(today.minusYears(MAX_YEARS_BACK))) {
            return "must be within the last " + MAX_YEARS_BACK + " years";
        }
        return null;
    }

    /** A notice of detention or a decision: on or after presentation, not after today. */
    public static String afterPresentation(LocalDate on, LocalDate presentedOn, LocalDate today) {
        if (on.isBefore(presentedOn)) {
            return "must be on or after " + presentedOn + " (the hold's presentation)";
        }
        if (on.isAfter(today)) {
            return "must not be in the future (today is " + today + ")";
        }
        return null;
    }
}
