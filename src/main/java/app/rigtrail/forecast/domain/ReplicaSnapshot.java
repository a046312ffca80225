package app.rigtrail.forecast.domain;

import java.util.Arrays;

/**
 * A replica's state on the day its scenarios part (their shared past done), taken once and restored
 * before each scenario after the first.
 */
final class ReplicaSnapshot {
    private static final int NSTAGES = Stage.values().length;
    private final Replica x;
    final int[] shelf;
    final int[] waitDown;
    final int[] unlinkedDown;
    final int[] waitUp;
    final int[] outbound;
    final int[] arrive;
    final int[] release;
    final long[] active;
    final int[] purchaseDay;
    final double[] purchaseHeldU;
    final double[] purchaseDurU;
    final int[] fleetStageDelta;
    final int[] svDown;
    final int[] siteOutbound;
    final double[] intakeFree;
    final HubQueues queues;
    int stockedOutNow;
    long spendCents;
    double thLost;
    double stockouts;
    double fallbackParts;
    double feesCents;
    double tariffCents;
    final int[] busy;
    final int[][] freeing;

    ReplicaSnapshot(Replica x) {
        this.x = x;
        this.shelf = new int[x.cells];
        this.waitDown = new int[x.cells];
        this.unlinkedDown = new int[x.cells];
        this.waitUp = new int[x.cells];
        this.outbound = new int[x.cells * 2];
        this.arrive = new int[x.cells * (x.days + 1)];
        this.release = new int[(x.days + 1) * x.svCount];
        this.active = new long[(x.days + 1) * x.words];
        this.purchaseDay = new int[x.cells];
        this.purchaseHeldU = new double[x.cells];
        this.purchaseDurU = new double[x.cells];
        this.fleetStageDelta = new int[(NSTAGES + 1) * (x.settings.horizonDays() + 1)];
        this.svDown = new int[x.svCount];
        this.siteOutbound = new int[x.sites];
        this.intakeFree = new double[x.hubCount];
        this.queues = HubQueues.unallocated(x.hubCount + x.sites);
        this.busy = new int[x.hubCount];
        this.freeing = new int[x.hubCount][x.days + 1];
    }

    void take() {
        copy(x.busy, busy);
        for (int h = 0; h < x.hubCount; h++) {
            copy(x.freeing[h], freeing[h]);
        }
        feesCents = x.feesCents;
        tariffCents = x.tariffCents;
        copy(x.shelf, shelf);
        copy(x.waitDown, waitDown);
        copy(x.unlinkedDown, unlinkedDown);
        copy(x.waitUp, waitUp);
        copy(x.outbound, outbound);
        int from = x.shared * x.cells;
        System.arraycopy(x.arrive, from, arrive, from, arrive.length - from);
        int rf = x.shared * x.svCount;
        System.arraycopy(x.release, rf, release, rf, release.length - rf);
        System.arraycopy(x.active, x.shared * x.words, active, x.shared * x.words, active.length - x.shared * x.words);
        copy(x.purchaseDay, purchaseDay);
        System.arraycopy(x.purchaseHeldU, 0, purchaseHeldU, 0, x.cells);
        System.arraycopy(x.purchaseDurU, 0, purchaseDurU, 0, x.cells);
        copy(x.fleetStageDelta, fleetStageDelta);
        copy(x.svDown, svDown);
        copy(x.siteOutbound, siteOutbound);
        System.arraycopy(x.intakeFree, 0, intakeFree, 0, intakeFree.length);
        x.queues.copyInto(queues);
        stockedOutNow = x.stockedOutNow;
        spendCents = x.spendCents;
        thLost = x.thLost;
        stockouts = x.stockouts;
        fallbackParts = x.fallbackParts;
    }

    void restore() {
        copy(busy, x.busy);
        for (int h = 0; h < x.hubCount; h++) {
            copy(freeing[h], x.freeing[h]);
        }
        x.feesCents = feesCents;
        x.tariffCents = tariffCents;
        copy(shelf, x.shelf);
        copy(waitDown, x.waitDown);
        copy(unlinkedDown, x.unlinkedDown);
        copy(waitUp, x.waitUp);
        copy(outbound, x.outbound);
        int from = x.shared * x.cells;
        System.arraycopy(arrive, from, x.arrive, from, arrive.length - from);
        int rf = x.shared * x.svCount;
        System.arraycopy(release, rf, x.release, rf, release.length - rf);
        System.arraycopy(active, x.shared * x.words, x.active, x.shared * x.words, active.length - x.shared * x.words);
        Arrays.fill(x.failures, from, x.failures.length, 0);
        copy(purchaseDay, x.purchaseDay);
        System.arraycopy(purchaseHeldU, 0, x.purchaseHeldU, 0, x.cells);
        System.arraycopy(purchaseDurU, 0, x.purchaseDurU, 0, x.cells);
        copy(fleetStageDelta, x.fleetStageDelta);
        copy(svDown, x.svDown);
        copy(siteOutbound, x.siteOutbound);
        System.arraycopy(intakeFree, 0, x.intakeFree, 0, intakeFree.length);
        queues.copyInto(x.queues);
        Arrays.fill(x.holdDay, -1);
        x.stockedOutNow = stockedOutNow;
        x.spendCents = spendCents;
        x.thLost = thLost;
        x.stockouts = stockouts;
        x.fallbackParts = fallbackParts;
    }

    private void copy(int[] from, int[] to) {
        System.arraycopy(from, 0, to, 0, from.length);
    }
}
