package app.rigtrail.repair.domain;

import java.util.Optional;

/**
 * The rules of moving a ticket, as a policy that either allows a move or says why not. The service
 * applies the effects (miner status, component moves, RMA cases) only after this said yes.
 *
 * @param route the route chosen at diagnosis, or already on the ticket
 * @param replacementGiven whether a spare's serial came with the move
 * @param failedStillInstalled whether the failed parts are still in the miner
 */
public record TicketTransition(TicketState from, TicketState to, RepairRoute route, boolean replacementGiven,
        boolean diagnosisGiven, boolean failedStillInstalled) {

    public record Rejection(String reason) {
    }

    public Optional<Rejection> check() {
        if (!from.allowedNext().contains(to)) {
            return reject("a ticket that is " + from.label().toLowerCase() + " cannot be moved to "
                    + to.label().toLowerCase());
        }
        switch (to) {
            case AWAITING_PART:
                if (route != RepairRoute.SWAP) {
                    return reject("waiting for a spare is part of the swap route");
                }
                break;
            case IN_BENCH_REPAIR:
                if (route != RepairRoute.BENCH) {
                    return reject("bench repair is chosen with the bench route");
                }
                break;
            case AWAITING_RMA_SHIPMENT:
                if (route != RepairRoute.RMA) {
                    return reject("sending to a hub is chosen with the RMA route");
                }
                break;
            case RESOLVED:
                if (route == null) {
                    return reject("choose a route (swap, bench, RMA or scrap) before resolving");
                }
                if (route == RepairRoute.SWAP && !replacementGiven) {
                    return reject("a swap is resolved by scanning or picking the spare that replaced the failed part");
                }
                if (from == TicketState.DIAGNOSING && route == RepairRoute.RMA) {
                    return reject("a part sent under RMA waits for its shipment first");
                }
                break;
            default:
                break;
        }
        if (from == TicketState.OPEN && to == TicketState.DIAGNOSING && !failedStillInstalled) {
            return reject("the failed parts are no longer in the miner");
        }
        if (to != TicketState.CANCELLED && from == TicketState.DIAGNOSING && to != TicketState.DIAGNOSING
                && !diagnosisGiven) {
            return reject("write the diagnosis before choosing what to do");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(String reason) {
        return Optional.of(new Rejection(reason));
    }
}
