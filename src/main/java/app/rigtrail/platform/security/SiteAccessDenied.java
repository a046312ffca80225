package app.rigtrail.platform.security;

import app.rigtrail.platform.web.ProblemException;

public class SiteAccessDenied extends ProblemException {
    public SiteAccessDenied(String user) {
        super(403, "Site not assigned", "User " + user + " is not assigned to this site");
    }
}
