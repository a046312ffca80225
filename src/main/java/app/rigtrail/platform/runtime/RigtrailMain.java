package app.rigtrail.platform.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.rigtrail.platform.runtime.domain.StartupSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The production entry point: checks the environment first (StartupSettings) and stops with one
 * readable line per missing or invalid variable, exit status 78 (EX_CONFIG), before Quarkus reads
 * its configuration. With QUARKUS_INIT_AND_EXIT=true it only migrates the database (the Kubernetes
 * migration Job) and needs only the database settings. Dev mode and tests start as before.
 */
@QuarkusMain
public class RigtrailMain {

    static final int EX_CONFIG = 78;

    public static void main(String... args) {
        if (packagedApp() && prodProfile()) {
            Map<String, String> props = new HashMap<>();
            System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
            boolean migrationOnly = "true".equalsIgnoreCase(System.getenv("QUARKUS_INIT_AND_EXIT"))
                    || "true".equalsIgnoreCase(props.get("quarkus.init-and-exit"));
            List<String> problems = StartupSettings.problems(System.getenv(), props, migrationOnly);
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println("Rigtrail configuration: " + p));
                System.err.println("Rigtrail did not start: " + problems.size() + " setting(s) missing or invalid; "
                        + "see docs/operations.md, Configuration.");
                System.exit(EX_CONFIG);
            }
            if (migrationOnly) {
                // migrate and exit: no identity provider, no jobs, no demo data, no warm-up
                System.err.println("Rigtrail: migrating the database only (QUARKUS_INIT_AND_EXIT), then exiting");
                for (String[] p : new String[][] {{"quarkus.oidc.tenant-enabled", "false"},
                        {"quarkus.oidc.api.tenant-enabled", "false"}, {"quarkus.scheduler.enabled", "false"},
                        {"quarkus.flyway.migrate-at-start", "true"}, {"rigtrail.demo.miners", "0"},
                        {"rigtrail.warm-up.enabled", "false"}}) {
                    if (System.getProperty(p[0]) == null) {
                        System.setProperty(p[0], p[1]);
                    }
                }
            }
        }
        Quarkus.run(args);
    }

    /**
     * Whether this is the packaged application (java -jar quarkus-run.jar, also in the image), not
     * dev mode or a test: the launch mode is only known once Quarkus runs, the class loader before.
     */
    private static boolean packagedApp() {
        return "io.quarkus.bootstrap.runner.RunnerClassLoader".equals(RigtrailMain.class.getClassLoader().getClass().getName());
    }

    private static boolean prodProfile() {
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
        return List.of(profile.split(",")).stream().map(String::trim).anyMatch("prod"::equals);
    }
}
