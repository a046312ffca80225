package app.rigtrail.alerts.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is mailed an alert: every subscription of its kind for its site or for every site, of a user
 * who may see that site (a technician only their assigned sites: a subscription to a site they
 * were later taken off stops there). One mail per address.
 */
public final class Recipients {

    /** A user's choice: this kind, at this site (null: all the sites they may see), to this address. */
    public record Subscription(String username, String email, AlertKind kind, Long siteId) {
    }

    private Recipients() {
    }

    /**
     * @param sitesOf the sites each user may see, null for a user who sees every site; a user
     *                missing from the map sees no site
     */
    public static List<String> emails(AlertKind kind, Long siteId, Collection<Subscription> subscriptions,
            Map<String, Set<Long>> sitesOf, Set<String> unrestricted) {
        Set<String> out = new LinkedHashSet<>();
        for (Subscription s : subscriptions) {
            if (s.kind() != kind || (s.siteId() != null && !s.siteId().equals(siteId))) {
                continue;
            }
            boolean allowed = unrestricted.contains(s.username())
                    || (siteId != null && sitesOf.getOrDefault(s.username(), Set.of()).contains(siteId));
            if (allowed) {
                out.add(s.email().trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** A plausible mail address: something@domain.tld, no spaces, at most 254 characters. */
    public static boolean plausibleEmail(String email) {
        return email != null && email.length() <= 254 && email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }
}
