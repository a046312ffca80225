package app.rigtrail.dwell.domain;

import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;

/** The integral of a survival function from a to infinity, by Gauss-Legendre on a mapped interval. */
final class Integration {

    private Integration() {
    }

    /** 2 x integral from 0 to infinity of u S(u) du. */
    static double integrateTimesSurvival(SurvivalModel model) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-12);
        return 2 * integrator.integrate(10_000_000, x -> {
            if (x >= 1) {
                return 0;
            }
            double u = x / (1 - x);
            return u * model.survival(u) / ((1 - x) * (1 - x));
        }, 0, 1 - 1e-12);
    }

    /** Integral from a to infinity of S(u) du, using u = a + x / (1 - x) on [0, 1). */
    static double integrateSurvival(SurvivalModel model, double a) {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-12);
        return integrator.integrate(10_000_000, x -> {
            if (x >= 1) {
                return 0;
            }
            double u = a + x / (1 - x);
            return model.survival(u) / ((1 - x) * (1 - x));
        }, 0, 1 - 1e-12);
    }
}
