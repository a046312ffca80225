package app.rigtrail.forecast;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.availability.DashboardPages;

/** The dashboard pages assume the forecasts' hashprice when none is typed (#13 item 2). */
@ApplicationScoped
public class ForecastHashprice implements DashboardPages.DefaultHashprice {

    @Override
    public double usdPerThDay() {
        return ForecastService.DEFAULT_HASHPRICE;
    }
}
