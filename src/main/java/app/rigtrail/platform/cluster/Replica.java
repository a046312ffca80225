package app.rigtrail.platform.cluster;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This running instance's name among the replicas that share the database: the pod's name in
 * Kubernetes (HOSTNAME), or {@code rigtrail.instance} (RIGTRAIL_INSTANCE), plus the process id
 * and a random suffix, so that a restarted pod is a new instance. Written next to every claimed
 * job period and every forecast run it executes.
 */
@Singleton
public class Replica {

    private final String id;

    Replica(@ConfigProperty(name = "rigtrail.instance") Optional<String> configured) {
        String host = configured.filter(s -> !s.isBlank())
                .orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()).orElse("local"));
        String name = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.id = name.length() > 120 ? name.substring(name.length() - 120) : name;
    }

    public String id() {
        return id;
    }
}
