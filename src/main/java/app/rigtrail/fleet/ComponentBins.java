package app.rigtrail.fleet;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.platform.audit.AuditTrail;
import app.rigtrail.platform.security.CurrentUser;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/** Records the bin printed on a hashboard (the swap checks it against the chassis's other boards). */
@ApplicationScoped
@Transactional
public class ComponentBins {

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    public FleetViews.ComponentView record(long componentId, String bin, Integer version) {
        Component c = Component.findById(componentId);
        if (c == null) {
            throw ProblemException.notFound("Component", componentId);
        }
        user.requireSite(c.siteId);
        if (c.kind != ComponentKind.HASHBOARD) {
            throw ProblemException.invalid(c.serial + " is a " + c.kind.label().toLowerCase() + ": only hashboards have a bin",
                    List.of(new FieldViolation("bin", "Only hashboards have a bin")));
        }
        String value = bin == null || bin.isBlank() ? null : bin.trim().toUpperCase(java.util.Locale.ROOT);
        if (value != null && !value.matches("[A-Z0-9][A-Z0-9.-]{0,15}")) {
            throw ProblemException.invalid("A bin is up to 16 letters, digits, '.' or '-', as printed on the board",
                    List.of(new FieldViolation("bin", "Not a bin: " + bin)));
        }
        if (version != null && version != c.version) {
            throw ProblemException.conflict(c.serial + " changed since you loaded it").fixAt("/components/" + c.id,
                    c.serial + " as it is now");
        }
        String before = c.bin;
        c.bin = value;
        audit.record("component", c.id, "bin", before, value, null);
        return FleetViews.ComponentView.of(c);
    }
}
