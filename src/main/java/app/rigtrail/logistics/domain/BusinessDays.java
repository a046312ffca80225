package app.rigtrail.logistics.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

/** US federal business days: weekdays that are not federal holidays (observed dates). */
public final class BusinessDays {

    private BusinessDays() {
    }

    public static boolean isBusinessDay(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY && !holidays(d.getYear()).contains(d)
                && !holidays(d.getYear() + 1).contains(d);
    }

    /** The date {@code n} business days after {@code start} (start itself not counted). */
    public static LocalDate plus(LocalDate start, int n) {
        LocalDate d = start;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isBusinessDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Business days after {@code start} up to and including {@code end}. */
    public static int between(LocalDate start, LocalDate end) {
        int n = 0;
        for (LocalDate d = start.plusDays(1); !d.isAfter(end); d = d.plusDays(1)) {
            if (isBusinessDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The federal holidays of a year, on the days they are observed. */
    public static Set<LocalDate> holidays(int year) {
        Set<LocalDate> h = new HashSet<>();
        h.add(observed(LocalDate.of(year, Month.JANUARY, 1)));
        h.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3));
        h.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3));
        h.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= 2021) {
            h.add(observed(LocalDate.of(year, Month.JUNE, 19)));
        }
        h.add(observed(LocalDate.of(year, Month.JULY, 4)));
        h.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));
        h.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2));
        h.add(observed(LocalDate.of(year, Month.NOVEMBER, 11)));
        h.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));
        h.add(observed(LocalDate.of(year, Month.DECEMBER, 25)));
        return h;
    }

    private static LocalDate observed(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case SATURDAY -> d.minusDays(1);
            case SUNDAY -> d.plusDays(1);
            default -> d;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }
}
