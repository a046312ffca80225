package app.rigtrail.availability.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import app.rigtrail.availability.domain.AvailabilityTimeline.Change;
import app.rigtrail.availability.domain.AvailabilityTimeline.Day;
import app.rigtrail.availability.domain.AvailabilityTimeline.Machine;
import app.rigtrail.fleet.domain.MinerStatus;

class AvailabilityTimelineTest {

    static Instant at(String isoUtc) {
        return Instant.parse(isoUtc);
    }

    /**
     * By hand, 2026-03-02 (UTC): an S21 (200 TH/s) goes down at 10:00, up at 12:00, down at 15:00 and
     * up at 21:00: 16 of 24 hours hashing. An S19 XP (140 TH/s) is degraded all day, delivering two
     * thirds. An M60S (186 TH/s) is installed at 18:00. A retired S19 counts for nothing after 06:00.
     */
    @Test
    void aSmallFleetMatchesHandComputationIncludingDownAndUpTwiceInADay() {
        Instant before = at("2026-03-01T00:00:00Z");
        Machine twice = new Machine(200, 2.0 / 3, before, MinerStatus.HASHING, List.of(
                new Change(at("2026-03-02T10:00:00Z"), MinerStatus.DOWN),
                new Change(at("2026-03-02T12:00:00Z"), MinerStatus.HASHING),
                new Change(at("2026-03-02T15:00:00Z"), MinerStatus.IN_REPAIR),
                new Change(at("2026-03-02T21:00:00Z"), MinerStatus.HASHING)));
        Machine degraded = new Machine(140, 2.0 / 3, before, MinerStatus.DEGRADED, List.of());
        Machine late = new Machine(186, 0.5, at("2026-03-02T18:00:00Z"), MinerStatus.HASHING, List.of());
        Machine retired = new Machine(95, 2.0 / 3, before, MinerStatus.HASHING,
                List.of(new Change(at("2026-03-02T06:00:00Z"), MinerStatus.RETIRED)));
        List<Day> days = AvailabilityTimeline.daily(List.of(twice, degraded, late, retired), LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 3), at("2026-03-03T12:00:00Z"));
        Day d = days.get(0);
        // installed: 1 + 1 + 6/24 + 6/24 unit-days
        assertEquals(2.5, d.installedUnitDays(), 1e-12);
        // hashing: 16/24 + 1 (degraded still hashes) + 6/24 + 6/24
        assertEquals(16.0 / 24 + 1 + 0.25 + 0.25, d.hashingUnitDays(), 1e-12);
        assertEquals(200 + 140 + 186 * 0.25 + 95 * 0.25, d.nameplateThDays(), 1e-9);
        assertEquals(200 * 16.0 / 24 + 140 * 2.0 / 3 + 186 * 0.25 + 95 * 0.25, d.deliveredThDays(), 1e-9);
        assertEquals(200 * 8.0 / 24 + 140.0 / 3, d.lostThDays(), 1e-9);
        // today up to noon only, and the retired machine gone
        Day today = days.get(1);
        assertEquals(1.5, today.installedUnitDays(), 1e-12);
        assertEquals((200 + 140 * 2.0 / 3 + 186) * 0.5 / ((200 + 140 + 186) * 0.5), today.hashrateAvailability(), 1e-12);
    }

    /**
     * A machine received from an order at 02:00 waits, uninstalled, until it is commissioned at 18:00:
     * it counts for the last 6 hours only (a quarter of a unit-day, hashing).
     */
    @Test
    void aReceivedMachineCountsFromItsCommissioning() {
        Machine received = new Machine(200, 2.0 / 3, at("2026-03-02T02:00:00Z"), MinerStatus.RECEIVED,
                List.of(new Change(at("2026-03-02T18:00:00Z"), MinerStatus.HASHING)));
        Machine waiting = new Machine(200, 2.0 / 3, at("2026-03-02T02:00:00Z"), MinerStatus.RECEIVED, List.of());
        Day d = AvailabilityTimeline.daily(List.of(received, waiting), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2),
                at("2026-03-05T00:00:00Z")).get(0);
        assertEquals(0.25, d.installedUnitDays(), 1e-12);
        assertEquals(0.25, d.hashingUnitDays(), 1e-12);
        assertEquals(50, d.nameplateThDays(), 1e-9);
        assertEquals(50, d.deliveredThDays(), 1e-9);
    }

    /** An independent check: sampling the status every minute gives the same day totals (to the minute). */
    @Test
    void agreesWithSamplingEveryMinute() {
        SplittableRandom r = new SplittableRandom(3);
        MinerStatus[] states = {MinerStatus.HASHING, MinerStatus.DEGRADED, MinerStatus.DOWN, MinerStatus.IN_REPAIR};
        Instant start = at("2026-05-01T00:00:00Z");
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Change> changes = new ArrayList<>();
            long t = start.getEpochSecond() + r.nextInt(3) * 86_400L;
            for (int k = 0; k < 12; k++) {
                t += 60L * r.nextInt(1, 600);
                changes.add(new Change(Instant.ofEpochSecond(t), states[r.nextInt(states.length)]));
            }
            machines.add(new Machine(100 + i, 0.5, Instant.ofEpochSecond(start.getEpochSecond() + 60L * r.nextInt(0, 3000)),
                    MinerStatus.HASHING, changes));
        }
        LocalDate first = LocalDate.of(2026, 5, 1);
        List<Day> exact = AvailabilityTimeline.daily(machines, first, first.plusDays(4), at("2026-06-01T00:00:00Z"));
        for (int d = 0; d < 5; d++) {
            double installed = 0;
            double delivered = 0;
            for (int minute = 0; minute < 1440; minute++) {
                long s = start.getEpochSecond() + d * 86_400L + minute * 60L;
                for (Machine m : machines) {
                    if (s < m.installedAt().getEpochSecond()) {
                        continue;
                    }
                    MinerStatus status = m.installedAs();
                    for (Change c : m.changes()) {
                        if (c.at().getEpochSecond() <= s) {
                            status = c.to();
                        }
                    }
                    installed += 1.0 / 1440;
                    delivered += (status == MinerStatus.HASHING ? m.nameplateThs()
                            : status == MinerStatus.DEGRADED ? m.nameplateThs() * 0.5 : 0) / 1440;
                }
            }
            assertEquals(installed, exact.get(d).installedUnitDays(), 1e-9, "day " + d);
            assertEquals(delivered, exact.get(d).deliveredThDays(), 1e-6, "day " + d);
        }
    }
}
