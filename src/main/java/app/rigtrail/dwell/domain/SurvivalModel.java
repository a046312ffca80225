package app.rigtrail.dwell.domain;

/** A fitted duration distribution: what it says about survival, and about a hold still open. */
public interface SurvivalModel {

    double survival(double t);

    /** The time t at which S(t) = p. */
    double inverseSurvival(double p);

    double logLikelihood();

    /** E[T^2] = 2 x integral of t S(t) dt. */
    default double secondMoment() {
        return Integration.integrateTimesSurvival(this);
    }

    /** E[T - a | T > a]. */
    default double meanRemaining(double age) {
        return Integration.integrateSurvival(this, age) / survival(age);
    }

    /** The q-quantile of T - a given T > a (q = 0.5 for the median, 0.9 for P90). */
    default double quantileRemaining(double age, double q) {
        return inverseSurvival((1 - q) * survival(age)) - age;
    }
}
