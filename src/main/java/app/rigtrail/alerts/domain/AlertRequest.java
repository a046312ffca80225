package app.rigtrail.alerts.domain;

import java.util.Objects;

/**
 * What a feature asks for when something people must hear about happened: fire it as a CDI event
 * ({@code Event<AlertRequest>}) inside the transaction that made the change, and the alert is raised
 * (and its deliveries queued) in that transaction, once per kind and subject.
 *
 * @param kind       what it is about
 * @param subjectKey what makes it one alert: the same kind and key never raise a second one
 *                   (e.g. "hold:42" for a hold's clock, "ticket:17:component:9" for a part that arrived)
 * @param siteId     the site it concerns (who is told depends on it); null for none
 * @param title      one line in the users' words
 * @param detail     what happened and what to do
 * @param link       the page where to act, a path such as "/tickets/17"; may be null
 */
public record AlertRequest(AlertKind kind, String subjectKey, Long siteId, String title, String detail, String link) {

    public AlertRequest {
        Objects.requireNonNull(kind, "kind");
        if (subjectKey == null || subjectKey.isBlank() || subjectKey.length() > 200) {
            throw new IllegalArgumentException("an alert needs a subject key of 1 to 200 characters");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("an alert needs a title");
        }
        title = cut(title, 300);
        detail = cut(detail == null ? title : detail, 2000);
        if (link != null && (!link.startsWith("/") || link.length() > 300)) {
            throw new IllegalArgumentException("an alert's link is a path on this app, e.g. /tickets/17");
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
