package app.rigtrail.platform.security;

import java.util.Collection;
import java.util.Map;

/**
 * The sites, as platform needs them to assign technicians (#13 item 2): fleet owns the sites and
 * implements this, so that platform depends on no feature.
 */
public interface SiteDirectory {

    /** Whether a site with this id exists. */
    boolean exists(long siteId);

    /** The codes of these sites, by id (unknown ids are left out). */
    Map<Long, String> codes(Collection<Long> siteIds);
}
