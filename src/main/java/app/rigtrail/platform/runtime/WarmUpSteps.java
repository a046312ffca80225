package app.rigtrail.platform.runtime;

import java.util.List;

/**
 * Work a feature would otherwise leave to the first requests, done by {@link WarmUp} before the instance
 * says ready (#13 item 2: CDI beans implementing this are discovered, so that platform depends on no
 * feature; the dashboard gives its steps).
 */
public interface WarmUpSteps {

    /** One step: what it does, in words for the readiness check's {@code stage}, and the work. */
    record Step(String name, Runnable work) {
    }

    /** The steps, in the order they run. */
    List<Step> steps();
}
