package app.rigtrail.forecast.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the replications of one scenario write, each into its own slots, and the run's summary made of
 * it: per-day bands over the replications, mean stage levels per site and vendor, per-replication
 * totals. The float series are laid out replication by replication while simulating: [series][r *
 * horizon + day]: the fleet's machines down, hashrate down, pools stocked out and parts in the
 * pipeline, each stage's level, then machines and hashrate down per site and per vendor.
 */
final class RunSummary {
    static final int S_UNITS = 0;
    static final int S_THS = 1;
    static final int S_STOCKOUT = 2;
    static final int S_PIPELINE = 3;
    static final int S_STAGE0 = 4;
    private static final int NSTAGES = Stage.values().length;

    final int sSiteUnits;
    final int sSiteThs;
    final int sVendorUnits;
    final int sVendorThs;
    final int nSeries;
    final int horizon;
    final int reps;
    final float[][] series;
    final double[] thDaysLost;
    final double[] spend;
    final double[] stockoutDays;
    final double[] fallback;
    final double[] fees;
    final double[] tariffs;
    /** Per worker: stage moves per site and vendor summed over its replications. */
    final List<int[]> stageMoves = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * Per series: c &gt; 0 where it is the hashrate down of machines that all have c TH/s, i.e. c times
     * the units series {@code unitsOf[s]}: such a series is not recorded, its band is the units' scaled
     * (exactly: means, deviations and order statistics scale by c).
     */
    final double[] scale;
    final int[] unitsOf;

    RunSummary(Fleet fleet, int horizon, int reps) {
        int sites = fleet.sites().size();
        int vendors = fleet.vendors().size();
        this.sSiteUnits = S_STAGE0 + NSTAGES;
        this.sSiteThs = sSiteUnits + sites;
        this.sVendorUnits = sSiteThs + sites;
        this.sVendorThs = sVendorUnits + vendors;
        this.nSeries = sVendorThs + vendors;
        this.horizon = horizon;
        this.reps = reps;
        this.scale = new double[nSeries];
        this.unitsOf = new int[nSeries];
        double[] ths = fleet.thsPerMachine();
        int[] machines = fleet.machines();
        for (int s = 0; s < sites; s++) {
            int site = s;
            scale[sSiteThs + s] = commonThs(ths, machines, sv -> sv / vendors == site);
            unitsOf[sSiteThs + s] = sSiteUnits + s;
        }
        for (int v = 0; v < vendors; v++) {
            int vendor = v;
            scale[sVendorThs + v] = commonThs(ths, machines, sv -> sv % vendors == vendor);
            unitsOf[sVendorThs + v] = sVendorUnits + v;
        }
        // (the fleet's hashrate series is recorded all the same: each replication's is returned)
        this.series = new float[nSeries][];
        for (int s = 0; s < nSeries; s++) {
            series[s] = scale[s] > 0 ? null : new float[horizon * reps];
        }
        this.thDaysLost = new double[reps];
        this.spend = new double[reps];
        this.stockoutDays = new double[reps];
        this.fallback = new double[reps];
        this.fees = new double[reps];
        this.tariffs = new double[reps];
    }

    /**
     * The hashrate per machine shared by every site-vendor with machines that the filter selects
     * (0 when they differ, none has machines, or it is not positive).
     */
    private static double commonThs(double[] ths, int[] machines, java.util.function.IntPredicate selected) {
        double common = 0;
        for (int sv = 0; sv < machines.length; sv++) {
            if (machines[sv] == 0 || !selected.test(sv)) {
                continue;
            }
            if (common == 0) {
                common = ths[sv];
            } else if (ths[sv] != common) {
                return 0;
            }
        }
        return common > 0 ? common : 0;
    }

    /** The bands, stage means and per-replication totals of the scenario, once every replication is done. */
    MonteCarloForecast.Run summarise(Plan plan, Fleet fleet, long seed) {
        int sites = fleet.sites().size();
        int vendors = fleet.vendors().size();
        Band[] bands = new Band[nSeries];
        int svs = fleet.machines().length;
        java.util.stream.IntStream.range(0, nSeries).parallel().filter(s -> series[s] != null)
                .forEach(s -> bands[s] = Band.ofReplications(series[s], horizon, reps));
        for (int s = 0; s < nSeries; s++) {
            if (series[s] == null) {
                bands[s] = bands[unitsOf[s]].scaled(scale[s]);
            }
        }
        long[][][] svStage = new long[svs][NSTAGES][horizon + 1];
        for (int[] moves : stageMoves) {
            for (int sv = 0; sv < svs; sv++) {
                for (int st = 0; st < NSTAGES; st++) {
                    for (int i = 0; i <= horizon; i++) {
                        svStage[sv][st][i] += moves[(i * svs + sv) * NSTAGES + st];
                    }
                }
            }
        }
        double[][][] siteStage = new double[sites][NSTAGES][horizon];
        double[][][] vendorStage = new double[vendors][NSTAGES][horizon];
        for (int sv = 0; sv < svStage.length; sv++) {
            int s = sv / vendors;
            int v = sv % vendors;
            for (int st = 0; st < NSTAGES; st++) {
                long level = 0;
                for (int j = 0; j < horizon; j++) {
                    level += svStage[sv][st][j];
                    double mean = (double) level / reps;
                    siteStage[s][st][j] += mean;
                    vendorStage[v][st][j] += mean;
                }
            }
        }
        return new MonteCarloForecast.Run(plan.name(), seed, reps, horizon, bands[S_UNITS], bands[S_THS], bands[S_STOCKOUT],
                Arrays.copyOfRange(bands, S_STAGE0, S_STAGE0 + NSTAGES),
                Arrays.copyOfRange(bands, sSiteUnits, sSiteUnits + sites),
                Arrays.copyOfRange(bands, sSiteThs, sSiteThs + sites),
                Arrays.copyOfRange(bands, sVendorUnits, sVendorUnits + vendors),
                Arrays.copyOfRange(bands, sVendorThs, sVendorThs + vendors), siteStage, vendorStage, bands[S_PIPELINE],
                thDaysLost, spend, stockoutDays, transpose(series[S_THS], reps, horizon),
                transpose(series[S_UNITS], reps, horizon), fallback, fees, tariffs);
    }

    /** rows x cols (row-major) to cols x rows, in cache-sized blocks. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block) {
            for (int c0 = 0; c0 < cols; c0 += block) {
                for (int r = r0; r < Math.min(rows, r0 + block); r++) {
                    for (int c = c0; c < Math.min(cols, c0 + block); c++) {
                        t[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
        return t;
    }
}
