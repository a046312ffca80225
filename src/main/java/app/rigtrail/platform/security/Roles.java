package app.rigtrail.platform.security;

/** The four roles of domain.md, as carried in the token's realm roles. */
public final class Roles {
    public static final String TECHNICIAN = "technician";
    public static final String LOGISTICS = "logistics";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    /** Roles that see every site; a user with none of them sees only the sites assigned to them. */
    public static final java.util.Set<String> ALL_SITES = java.util.Set.of(LOGISTICS, MANAGER, ADMIN);

    private Roles() {
    }

    /** Whether a user with these roles sees every site. */
    public static boolean seesAllSites(java.util.Collection<String> roles) {
        return roles.stream().anyMatch(ALL_SITES::contains);
    }
}
