package app.rigtrail.fleet.domain;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hashboards of one chassis must come from one bin: Bitmain voids the warranty of a machine whose
 * boards are of different bins (domain.md). A board whose bin is not recorded is not compared; an
 * admin may override a refusal with a note, which is kept as an event.
 */
public final class BinRule {

    private BinRule() {
    }

    /** Whether this vendor refuses mixed bins in one chassis. */
    public static boolean applies(Vendor vendor) {
        return vendor == Vendor.BITMAIN;
    }

    /**
     * The vendor's reason to refuse fitting a board of {@code newBin} beside boards of
     * {@code otherBins} (the chassis's other hashboards), or empty when the mix is allowed.
     */
    public static Optional<String> refusal(Vendor vendor, String newBin, Collection<String> otherBins) {
        if (!applies(vendor) || newBin == null || newBin.isBlank()) {
            return Optional.empty();
        }
        TreeSet<String> others = new TreeSet<>();
        otherBins.stream().filter(Objects::nonNull).filter(b -> !b.isBlank()).forEach(others::add);
        others.remove(newBin);
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(vendor.label() + " voids the warranty of a chassis whose hashboards come from different bins:"
                + " this board is bin " + newBin + ", the chassis's other boards are bin " + String.join(", ", others));
    }
}
