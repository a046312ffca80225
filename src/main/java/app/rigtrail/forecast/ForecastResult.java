package app.rigtrail.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import app.rigtrail.forecast.ForecastService.FilterInput;
import app.rigtrail.forecast.ForecastService.ForecastRequest;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyBand;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyInterval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Interval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Summary;
import app.rigtrail.forecast.domain.ScenarioParameters;

/**
 * A forecast's result as it is saved and returned (after the id, createdAt, createdBy and elapsedMs
 * that {@link ForecastService#document} puts first). Jackson writes the components in the order they
 * are declared here: that order and these names are the API's contract (ForecastResource documents
 * them), and results saved by earlier versions are read back as JSON, never into these records.
 *
 * @param initialState what today's live state holds, for {@code "start":"now"} only (left out otherwise)
 * @param fleet        what the fleet was read from (ForecastInputs' summary, or a described fleet's)
 * @param growth       per scenario, the open machine orders against the plan; left out for a described fleet
 */
public record ForecastResult(String startDate, long seed, int horizonDays, int replications, String start,
        int warmupDays, @JsonInclude(Include.NON_NULL) Map<String, Object> initialState, List<String> warnings,
        double hashpriceUsdPerThDay, FilterInput filter, Map<String, Object> fleet, List<String> dates,
        List<ScenarioResult> scenarios, List<Difference> differences,
        @JsonInclude(Include.NON_NULL) List<Growth> growth,
        @JsonInclude(Include.NON_NULL) PlanComparison planComparison) {

    /**
     * One scenario's run.
     *
     * @param effectiveDay the day of the horizon its change takes effect, null when it changes nothing
     * @param phaseDays    the days its later phases start
     */
    public record ScenarioResult(Long id, String name, boolean builtIn, LocalDate effectiveDate, Integer effectiveDay,
            List<Integer> phaseDays, FleetSeries fleet, List<Group> sites, List<Group> vendors, Analytic analytic,
            Totals totals) {
    }

    /** The whole fleet day by day; backlog by stage name in the order of {@code Stage}. */
    public record FleetSeries(long unitsInstalled, double nameplateThs, DailyBand availabilityUnits,
            DailyBand availabilityHashrate, DailyBand unitsDown, DailyBand hashrateDownThs, DailyBand stockedOutPools,
            Map<String, DailyBand> backlog) {
    }

    /** One site or one vendor (the one of {@code site} and {@code vendor} that is not null is written). */
    public record Group(@JsonInclude(Include.NON_NULL) String site, @JsonInclude(Include.NON_NULL) String vendor,
            long unitsInstalled, double nameplateThs, DailyBand availabilityHashrate, DailyBand unitsDown,
            DailyBand hashrateDownThs, Map<String, double[]> backlogMean) {
    }

    /** The analytic path's steady state, day by day. */
    public record Analytic(String method, boolean valid, List<String> notValidBecause, double[] pipelineMean,
            double[] backordersMean, double[] unitsDownMean, double[] availabilityUnits, double[] availabilityHashrate) {
    }

    /** Totals over the horizon, per replication summarised. */
    public record Totals(Summary hashrateDaysLostThDays, Summary valueLostUsd, Summary spareSpendUsd,
            Summary stockedOutPoolDays, Summary fallbackParts, Summary storageFeesUsd, Summary tariffsUsd) {
    }

    /** A scenario against the first, paired replication by replication. */
    public record Difference(Long scenario, Long versus, String name, Interval hashrateDaysLostThDays,
            Interval valueLostUsd, DailyInterval availabilityHashrate) {
    }

    /**
     * One scenario's machine orders against the capacity plan.
     *
     * @param planThs      the plan's TH/s per day, null before the plan's first month end
     * @param gapToPlanThs the mean installed TH/s less the plan, null where the plan is
     */
    public record Growth(Long scenario, String name, DailyBand installedThs, DailyBand hashingThs,
            @Schema(type = SchemaType.ARRAY, implementation = NumberOrNull.class) List<Double> planThs,
            @Schema(type = SchemaType.ARRAY, implementation = NumberOrNull.class) List<Double> gapToPlanThs, DailyBand machinesOnOrder, DailyBand machinesOnTheWay,
            DailyBand machinesInCustoms, DailyBand machinesAwaitingCommissioning, GrowthTotals totals) {
    }

    /** @param costPerInstalledThUsd null when nothing is added */
    public record GrowthTotals(Summary addedThs, Summary machinesCommissioned, Summary machinesSeized,
            Summary machinesNeverShipped, Summary machinesMoved, Summary capitalSpentUsd, Summary capitalStrandedUsd,
            Summary capitalNotHashingUsd, Summary storageFeesUsd, Double costPerInstalledThUsd) {
    }

    /**
     * What it costs to hit the plan. With a target to compare with, {@code shifts} is written; without,
     * {@code message} says why (and the rows and differences are empty).
     */
    public record PlanComparison(String scope, double hashpriceUsdPerThDay, String finalTargetMonth,
            Double finalTargetThs, double installedThsToday, @JsonInclude(Include.NON_NULL) List<Shift> shifts,
            @JsonInclude(Include.NON_NULL) String message, List<PlanRow> rows, List<PlanDifference> differences) {
    }

    /** @param monthReached the median month the target is reached, null when not within the horizon */
    public record PlanRow(Long scenario, String name, String monthReached, double shareReached,
            Summary shortAtHorizonThs, Summary hashrateDaysShortThDays, Summary valueLostUsd, Summary capitalSpentUsd,
            Summary capitalStrandedUsd, Double costPerInstalledThUsd) {
    }

    public record PlanDifference(Long scenario, Long versus, String name, Interval shortAtHorizonThs,
            Interval hashrateDaysShortThDays, Interval valueLostUsd, Interval capitalSpentUsd) {
    }

    /** Every machine still on order of one vendor moved to another on day 0, against not moving them. */
    public record Shift(Long scenario, String name, String from, String to, Summary machinesMoved, String monthReached,
            double shareReached, Summary shortAtHorizonThs, Summary hashrateDaysShortThDays, Summary capitalSpentUsd,
            Double costPerInstalledThUsd, ShiftDifference versusNotMoving) {
    }

    public record ShiftDifference(Interval shortAtHorizonThs, Interval hashrateDaysShortThDays, Interval valueLostUsd,
            Interval capitalSpentUsd) {
    }

    /** A day's value that may be missing (written as null, never left out: the days stay aligned). */
    @Schema(name = "NumberOrNull", type = SchemaType.NUMBER, nullable = true)
    public static final class NumberOrNull {
        private NumberOrNull() {
        }
    }

    /** What ForecastGrowth adds to the result. */
    public record GrowthReport(List<Growth> growth, PlanComparison planComparison) {
    }

    /** Everything a forecast was computed from, saved beside its result (the "inputs" column). */
    public record Inputs(ForecastRequest request, long seed, LocalDate startDate, String start, int warmupDays,
            int[] technicians, double swapDays, int shipEveryDays, List<ScenarioUsed> scenarios,
            Map<String, Object> baseline) {
    }

    /** A scenario as it was when the forecast ran. */
    public record ScenarioUsed(Long id, String name, int version, ScenarioParameters parameters) {
    }
}
