package app.rigtrail.growth.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import app.rigtrail.fleet.domain.RackPosition;

/**
 * Free rack positions for a batch of machines being commissioned: from a starting position onwards,
 * slot by slot, then rack by rack, row by row and building by building, skipping the occupied ones.
 */
public final class RackFill {

    /** A site's racks: how many buildings, rows per building, racks per row and slots per rack. */
    public record Layout(int buildings, int rows, int racks, int slots) {

        public boolean contains(RackPosition p) {
            return p.fitsIn(buildings, rows, racks, slots);
        }

        /** The position after {@code p} in fill order, or null at the end of the site. */
        RackPosition next(RackPosition p) {
            int b = p.building();
            int r = p.row();
            int k = p.rack();
            int s = p.slot() + 1;
            if (s > slots) {
                s = 1;
                k++;
            }
            if (k > racks) {
                k = 1;
                r++;
            }
            if (r > rows) {
                r = 1;
                b++;
            }
            return b > buildings ? null : new RackPosition(b, r, k, s);
        }
    }

    private RackFill() {
    }

    /** The first {@code count} free positions from {@code start} (included); refused when the site runs out. */
    public static List<RackPosition> from(Layout layout, Set<RackPosition> occupied, RackPosition start, int count) {
        if (!layout.contains(start)) {
            throw new LedgerRefusal("startAt", start + " is outside the site's racks (" + layout.buildings()
                    + " buildings × " + layout.rows() + " rows × " + layout.racks() + " racks × " + layout.slots()
                    + " slots)");
        }
        List<RackPosition> out = new ArrayList<>(count);
        for (RackPosition p = start; p != null && out.size() < count; p = layout.next(p)) {
            if (!occupied.contains(p)) {
                out.add(p);
            }
        }
        if (out.size() < count) {
            throw new LedgerRefusal("startAt", "only " + out.size() + " free positions from " + start
                    + " to the end of the site; " + count + " needed");
        }
        return out;
    }
}
