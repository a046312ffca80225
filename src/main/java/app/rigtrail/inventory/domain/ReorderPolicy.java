package app.rigtrail.inventory.domain;

/**
 * Reorder point and order-up-to level for one part at one location, for a target fill rate.
 * Lead-time demand is Poisson with mean demand x mean lead time when the lead time is fixed, and a
 * negative binomial with variance demand x L + demand^2 x Var(L) when it is not (a customs hold is
 * part of the lead time: with probability pHold the order waits a dwell D, so
 * L = quoted + pHold D, E[L] = quoted + pHold E[D], Var(L) = pHold E[D^2] - (pHold E[D])^2).
 * The order-up-to level S is the smallest whose item fill rate 1 - EBO(S) / E[lead-time demand] (the
 * share of demanded units served from the shelf) reaches the target: unlike P(X <= S - 1), it keeps
 * rising with a heavy-tailed customs dwell. Orders come in batches of Q (a month of demand, at least
 * one), so the reorder point is S - Q.
 */
public record ReorderPolicy(double demandPerYear, double leadTimeMeanDays, double leadTimeVarianceDays2,
        double targetFillRate, int orderUpTo, int reorderPoint, int batch) {

    public static ReorderPolicy compute(double demandPerYear, double quotedLeadDays, double holdProbability,
            double dwellMeanDays, double dwellSecondMomentDays2, double targetFillRate) {
        if (!(targetFillRate > 0 && targetFillRate < 1)) {
            throw new IllegalArgumentException("target fill rate must be between 0 and 1");
        }
        double meanL = quotedLeadDays + holdProbability * dwellMeanDays;
        double varL = Math.max(0, holdProbability * dwellSecondMomentDays2 - Math.pow(holdProbability * dwellMeanDays, 2));
        double perDay = demandPerYear / 365.0;
        double mean = perDay * meanL;
        double variance = mean + perDay * perDay * varL;
        PipelineDistribution d = PipelineDistribution.withMoments(mean, variance);
        // EBO(s + 1) = EBO(s) - P(X > s) (models.md 1): one pass, linear in S, not a fresh sum per s
        int s = 0;
        double ebo = mean;
        double cdf = 0;
        while (mean > 0 && 1 - Math.max(0, ebo) / mean < targetFillRate && s < 100_000) {
            cdf += d.pmf(s);
            ebo -= Math.max(0, 1 - cdf);
            s++;
        }
        int batch = Math.max(1, (int) Math.round(perDay * 30));
        return new ReorderPolicy(demandPerYear, meanL, varL, targetFillRate, s, Math.max(0, s - batch), batch);
    }

    /** What to order when the position (on hand + in transit + on order) is at or below the reorder point. */
    public int suggestedOrder(int position) {
        return position <= reorderPoint ? Math.max(0, orderUpTo - position) : 0;
    }
}
