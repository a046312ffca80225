package app.rigtrail.repair;

import java.util.List;
import java.util.concurrent.Callable;

/** Lets tests of other features start requests together the way the repair concurrency tests do. */
public final class RepairConcurrencyTestAccess {

    private RepairConcurrencyTestAccess() {
    }

    public static <T> List<T> together(int n, Callable<T> call) throws Exception {
        return RepairConcurrencyTest.together(n, call);
    }
}
