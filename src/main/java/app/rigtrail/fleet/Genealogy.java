package app.rigtrail.fleet;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import app.rigtrail.fleet.domain.LocationKind;
import app.rigtrail.fleet.domain.MinerStatus;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.ProblemException;

/**
 * The one way components move and miners change status: every move or change is appended as an
 * event (who, when, from, to, why) in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Genealogy {

    @Inject
    CurrentUser user;

    @Inject
    jakarta.enterprise.event.Event<SpareShelved> shelved;

    /** The spares shelf of a site, as stock moves name it. */
    public static String shelfOf(String siteCode) {
        return siteCode + " store";
    }

    /** Takes a component out of wherever it is and puts it at a location that is not a miner. */
    public void moveTo(Component c, LocationKind kind, String ref, Long siteId, String reason) {
        if (kind == LocationKind.INSTALLED) {
            throw new IllegalArgumentException("use install() to put a component into a miner");
        }
        String from = c.describeLocation();
        c.locationKind = kind;
        c.miner = null;
        c.locationRef = ref;
        c.siteId = siteId;
        append(c, from, null, reason);
        if (kind == LocationKind.STOCK && siteId != null && ref != null && ref.endsWith(" store")) {
            shelved.fire(new SpareShelved(c.id, siteId));
        }
    }

    /** A component enters the fleet where it already is (a replacement sent by a hub): its first event. */
    public void arrive(Component c, String reason) {
        append(c, null, null, reason);
    }

    /** Installs a component into a slot of a miner. */
    public void install(Component c, Miner m, int slot, String reason) {
        String from = c.describeLocation();
        c.locationKind = LocationKind.INSTALLED;
        c.miner = m;
        c.slotIndex = slot;
        c.locationRef = null;
        c.siteId = m.site.id;
        append(c, from, m.id, reason);
    }

    /** Changes a miner's status along the allowed moves; the same status is no change. */
    public void changeStatus(Miner m, MinerStatus to, String reason) {
        if (m.status == to) {
            return;
        }
        if (!m.status.canMoveTo(to)) {
            throw ProblemException.conflict("miner " + m.assetCode + " cannot go from " + m.status + " to " + to);
        }
        MinerEvent e = new MinerEvent();
        e.minerId = m.id;
        e.at = Instant.now();
        e.actor = user.name();
        e.fromStatus = m.status;
        e.toStatus = to;
        e.reason = reason;
        e.persist();
        m.status = to;
    }

    private void append(Component c, String from, Long minerId, String reason) {
        c.persist();
        ComponentEvent e = new ComponentEvent();
        e.componentId = c.id;
        e.at = Instant.now();
        e.actor = user.name();
        e.fromLocation = from;
        e.toLocation = c.describeLocation();
        e.minerId = minerId;
        e.reason = reason;
        e.persist();
    }
}
