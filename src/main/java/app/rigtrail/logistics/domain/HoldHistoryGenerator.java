package app.rigtrail.logistics.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import app.rigtrail.fleet.domain.Vendor;

/**
 * A realistic history of customs holds for the demo: examinations that clear in days, FCC-type
 * holds for another agency that run weeks to months, forced-labour detentions that mostly stay
 * unfinished; the ones whose dwell reaches past today are still open. Deterministic per seed.
 */
public final class HoldHistoryGenerator {

    /** Per kind: share of holds, median dwell in days, spread of ln(dwell). */
    private record KindProfile(HoldKind kind, double share, double medianDays, double sigma) {
    }

    private static final List<KindProfile> PROFILES = List.of(
            new KindProfile(HoldKind.CBP_NON_INTRUSIVE, 0.30, 3, 0.6),
            new KindProfile(HoldKind.CBP_TAILGATE, 0.14, 5, 0.6),
            new KindProfile(HoldKind.CBP_INTENSIVE, 0.08, 12, 0.6),
            new KindProfile(HoldKind.OTHER_AGENCY, 0.16, 45, 0.5),
            new KindProfile(HoldKind.UFLPA_DETENTION, 0.07, 90, 0.7),
            new KindProfile(HoldKind.TARIFF_REVIEW, 0.10, 20, 0.6),
            new KindProfile(HoldKind.ENTITY_LIST_REVIEW, 0.05, 60, 0.6),
            new KindProfile(HoldKind.MANIFEST, 0.10, 2, 0.5));

    public record GeneratedHold(int index, HoldKind kind, Vendor vendor, int portIndex, int siteIndex,
            LocalDate presented, LocalDate decided, HoldOutcome outcome, LocalDate noticeOn, long feeCentsPerDay,
            LocalDate lastFreeDay, int units, double hashrateThs, long declaredValueCents, String htsCode) {
    }

    private HoldHistoryGenerator() {
    }

    public static List<GeneratedHold> generate(int count, int ports, int sites, long seed, LocalDate today) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GeneratedHold> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            KindProfile p = pick(r.nextDouble());
            double u = r.nextDouble();
            Vendor vendor = u < 0.8 ? Vendor.BITMAIN : u < 0.93 ? Vendor.MICROBT : Vendor.CANAAN;
            // more recent holds than old ones, as imports grew: the recent ones are the ones still open
            LocalDate presented = today.minusDays((long) Math.floor(720 * Math.pow(r.nextDouble(), 1.8)));
            double z = normal(r);
            long dwell = Math.max(0, Math.round(p.medianDays() * Math.exp(p.sigma() * z)));
            LocalDate decided = presented.plusDays(dwell);
            HoldOutcome outcome = null;
            if (decided.isAfter(today)) {
                decided = null;
            } else {
                outcome = outcome(p.kind(), r.nextDouble());
            }
            LocalDate notice = null;
            CustomsClocks clocks = new CustomsClocks(presented, p.kind(), null, decided, null);
            LocalDate end = decided == null ? today : decided;
            if (p.kind().boundByCbpClocks() && end.isAfter(clocks.releaseBy()) && r.nextDouble() < 0.9) {
                notice = BusinessDays.plus(clocks.releaseBy(), 1 + r.nextInt(4));
                if (notice.isAfter(end)) {
                    notice = null;
                }
            }
            boolean machines = r.nextDouble() < 0.6;
            int units = machines ? 20 + r.nextInt(380) : 5 + r.nextInt(120);
            double th = machines ? units * (140 + r.nextInt(90)) : units * 30.0;
            out.add(new GeneratedHold(i, p.kind(), vendor, r.nextInt(ports), r.nextInt(sites), presented, decided,
                    outcome, notice, 5_000 + 500L * r.nextInt(31), presented.plusDays(5), units, th,
                    (machines ? 250_000L : 40_000L) * units, machines ? "8471.50.0150" : "8473.30.1180"));
        }
        return out;
    }

    private static KindProfile pick(double u) {
        double c = 0;
        for (KindProfile p : PROFILES) {
            c += p.share();
            if (u < c) {
                return p;
            }
        }
        return PROFILES.get(PROFILES.size() - 1);
    }

    private static HoldOutcome outcome(HoldKind kind, double u) {
        if (kind == HoldKind.UFLPA_DETENTION || kind == HoldKind.ENTITY_LIST_REVIEW) {
            return u < 0.45 ? HoldOutcome.RELEASED : u < 0.8 ? HoldOutcome.EXCLUDED
                    : u < 0.93 ? HoldOutcome.RE_EXPORTED : HoldOutcome.SEIZED;
        }
        return u < 0.94 ? HoldOutcome.RELEASED : u < 0.97 ? HoldOutcome.EXCLUDED
                : u < 0.99 ? HoldOutcome.RE_EXPORTED : HoldOutcome.ABANDONED;
    }

    private static double normal(SplittableRandom r) {
        // Box-Muller from two uniforms on (0, 1]
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
