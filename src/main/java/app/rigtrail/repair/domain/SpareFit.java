package app.rigtrail.repair.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.LocationKind;

/**
 * Whether a spare can replace a ticket's failed part (#13 item 3): it is on the spares shelf of the
 * machine's site (in stock there, in its store), of a kind that failed, and its part fits the machine's
 * model. Each method gives the reason it cannot, in words, or nothing when it can; the service adds the
 * field and the bin rule (fleet's BinRule) for hashboards.
 */
public final class SpareFit {

    private SpareFit() {
    }

    /** Refused unless the spare is in stock at the machine's site, on its store's shelf. */
    public static Optional<String> notOnTheShelf(String serial, LocationKind at, Long spareSiteId, String locationRef,
            long minerSiteId, String siteCode) {
        if (at != LocationKind.STOCK || spareSiteId == null || spareSiteId != minerSiteId) {
            return Optional.of("not in " + siteCode + "'s stock");
        }
        if (locationRef != null && !locationRef.endsWith(" store")) {
            return Optional.of(serial + " is at " + locationRef + ", not on the spares shelf");
        }
        return Optional.empty();
    }

    /** The failed part the spare replaces: the first of its kind; empty when no part of its kind failed. */
    public static <C> Optional<C> replaces(ComponentKind spareKind, List<C> failed, Function<C, ComponentKind> kindOf) {
        return failed.stream().filter(c -> kindOf.apply(c) == spareKind).findFirst();
    }

    /** Refused unless the spare's part is compatible with the machine's model. */
    public static Optional<String> doesNotFit(String partNumber, Collection<Long> compatibleModelIds, long modelId,
            String modelName) {
        return compatibleModelIds.contains(modelId) ? Optional.empty()
                : Optional.of(partNumber + " does not fit a " + modelName);
    }
}
