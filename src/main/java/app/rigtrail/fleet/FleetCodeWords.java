package app.rigtrail.fleet;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.rigtrail.fleet.domain.ComponentKind;
import app.rigtrail.fleet.domain.Vendor;
import app.rigtrail.platform.web.CodeWords;

/** A vendor or part kind kept as text, by its own label (#13 item 2). */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by the templates, not injected
public class FleetCodeWords implements CodeWords {

    @Override
    public Optional<String> words(String code) {
        for (Vendor v : Vendor.values()) {
            if (v.name().equals(code)) {
                return Optional.of(v.label());
            }
        }
        for (ComponentKind k : ComponentKind.values()) {
            if (k.name().equals(code)) {
                return Optional.of(k.label());
            }
        }
        return Optional.empty();
    }
}
