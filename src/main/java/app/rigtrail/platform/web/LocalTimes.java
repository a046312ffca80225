package app.rigtrail.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;

import app.rigtrail.platform.security.CurrentUser;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every time a page shows, in one format with its zone: "2026-12-01 14:05 CST". A technician sees
 * the site's zone; an office user chooses the site's zone or UTC (a cookie set by
 * {@code /preferences/times}). A time with no site (a fleet-wide alert) is shown in UTC.
 */
@RequestScoped
@Named("times")
public class LocalTimes {

    public static final String COOKIE = "rigtrail-times";
    public static final String UTC_CHOICE = "utc";

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US);


    @Inject
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    HttpServerRequest request;

    /** Shown as "UTC" (an offset zone would print "Z"). */
    static final ZoneId UTC = ZoneId.of("UTC");

    private Boolean utc;

    /** Every site's zone, read once per request (sites are tens, and a replica never serves a stale zone). */
    private Map<Long, ZoneId> zones;

    /** The time in the site's zone (or UTC when the viewer chose UTC, or no site is known). */
    public String at(Instant at, Long siteId) {
        if (at == null) {
            return "—";
        }
        return FORMAT.format(at.atZone(zoneFor(siteId)));
    }

    /** A time without a site: UTC. */
    public String at(Instant at) {
        return at(at, null);
    }

    /**
     * An instant written as text (ISO-8601, as a JSON document or a map for a page keeps it), in the
     * same format as {@link #at(Instant)}; text that is not an instant is shown as it is.
     */
    public String atText(Object iso) {
        if (iso == null) {
            return "—";
        }
        if (iso instanceof Instant i) {
            return at(i);
        }
        try {
            return at(Instant.parse(iso.toString()));
        } catch (java.time.format.DateTimeParseException e) {
            return iso.toString();
        }
    }

    /** A calendar date (customs dates are days, not instants). */
    public String day(LocalDate d) {
        return d == null ? "—" : DATE.format(d);
    }

    /** The zone used for a site on this page. */
    public ZoneId zoneFor(Long siteId) {
        if (siteId == null || viewerChoseUtc() || !io.quarkus.runtime.BlockingOperationControl.isBlockingAllowed()) {
            return UTC;
        }
        if (zones == null) {
            zones = new HashMap<>();
            for (Object[] row : em.createQuery("select s.id, s.timeZone from Site s", Object[].class).getResultList()) {
                zones.put((Long) row[0], zone((String) row[1]));
            }
        }
        return zones.getOrDefault(siteId, UTC);
    }

    /** For the header's switch: true when this viewer reads times in UTC. */
    public boolean getUtc() {
        return viewerChoseUtc();
    }

    /** Office users may choose; a technician always sees the site's clock. */
    public boolean getCanChoose() {
        return !user.siteRestricted();
    }

    private boolean viewerChoseUtc() {
        if (utc == null) {
            Cookie c = request == null ? null : request.getCookie(COOKIE);
            utc = c != null && UTC_CHOICE.equals(c.getValue()) && !user.siteRestricted();
        }
        return utc;
    }

    static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? UTC : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return UTC;
        }
    }
}
