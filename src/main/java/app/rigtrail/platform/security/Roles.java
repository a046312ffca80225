package app.rigtrail.platform.security;

/** The four roles of domain.md, as carried in the token's realm roles. */
public final class Roles {
    public static final String TECHNICIAN = "technician";
    public static final String LOGISTICS = "logistics";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
