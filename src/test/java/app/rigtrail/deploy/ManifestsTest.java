package app.rigtrail.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import app.rigtrail.platform.runtime.domain.StartupSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.test.junit.QuarkusTest;

/**
 * deploy/kubernetes and deploy/compose.yaml say what they mean: every field is one the Kubernetes
 * API knows (fabric8's model keeps unknown ones aside, and none may be there; the schema types are
 * checked by deploy/kubernetes/check in CI), the selectors select the pods, the probes are paths
 * this app answers as they promise, every Secret and ConfigMap a pod reads exists, the pods get
 * every setting the app requires, and the migration can never run twice at once.
 */
@QuarkusTest
class ManifestsTest {

    static final Path DIR = Path.of("deploy/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Namespace", Namespace.class, "ConfigMap",
            ConfigMap.class, "Secret", Secret.class, "Service", Service.class, "ServiceAccount", ServiceAccount.class,
            "Deployment", Deployment.class, "Job", Job.class, "PodDisruptionBudget", PodDisruptionBudget.class, "Ingress",
            Ingress.class, "NetworkPolicy", NetworkPolicy.class);

    static final Map<String, List<HasMetadata>> BY_FILE = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<HasMetadata> objects = new ArrayList<>();
                for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(f)).readAll()) {
                    if (doc == null || doc.isNull() || "Kustomization".equals(doc.path("kind").asText())) {
                        continue;
                    }
                    Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
                    assertNotNull(type, f + ": a kind this test does not know: " + doc.path("kind").asText());
                    objects.add(YAML.treeToValue(doc, type));
                }
                BY_FILE.put(f.getFileName().toString(), objects);
            }
        }
    }

    static <T> List<T> all(Class<T> type) {
        return BY_FILE.values().stream().flatMap(List::stream).filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @Test
    void everyFieldIsOneTheKubernetesApiKnows() throws Exception {
        List<String> unknown = new ArrayList<>();
        for (var e : BY_FILE.entrySet()) {
            for (HasMetadata o : e.getValue()) {
                unknownFields(o, e.getKey() + ":" + o.getKind() + "/" + o.getMetadata().getName(), unknown,
                        new IdentityHashMap<>());
            }
        }
        assertEquals(List.of(), unknown);
        // and the check does catch a typo
        List<String> caught = new ArrayList<>();
        Deployment typo = YAML.readValue("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: b, livenesProbe: {periodSeconds: 5}}]
                """, Deployment.class);
        unknownFields(typo, "typo", caught, new IdentityHashMap<>());
        assertEquals(List.of("typo.spec.template.spec.containers[0].livenesProbe"), caught);
    }

    @Test
    void kustomizationListsEveryManifestButTheExamplesAndTheJob() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> listed = new java.util.TreeSet<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> expected = BY_FILE.keySet().stream().filter(f -> !f.equals("secrets.example.yaml")
                && !f.equals("migrate-job.yaml") && !f.equals("kustomization.yaml")).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(expected, listed);
    }

    @Test
    void twoReplicasRollOneAtATimeAndADrainLeavesOne() {
        Deployment d = one(Deployment.class, "rigtrail");
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(d.getSpec().getSelector().getMatchLabels().entrySet()));
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "rigtrail");
        assertTrue(pdb.getSpec().getMinAvailable().getIntVal() >= 1
                && pdb.getSpec().getMinAvailable().getIntVal() < d.getSpec().getReplicas());
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()),
                "the budget selects the app's pods");
        Service s = one(Service.class, "rigtrail");
        assertTrue(podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()), "the service selects the pods");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        String targetPort = s.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        assertTrue(c.getPorts().stream().anyMatch(p -> p.getName().equals(targetPort) && p.getContainerPort() == 8080));
        Ingress ing = one(Ingress.class, "rigtrail");
        var backend = ing.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals(s.getMetadata().getName(), backend.getName());
        assertTrue(s.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(backend.getPort().getName())));
    }

    @Test
    void podsAreSizedUnprivilegedAndStopInTime() {
        PodSpec pod = one(Deployment.class, "rigtrail").getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        for (String r : List.of("cpu", "memory")) {
            assertNotNull(c.getResources().getRequests().get(r), "request " + r);
            assertNotNull(c.getResources().getLimits().get(r), "limit " + r);
        }
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(10001L, pod.getSecurityContext().getRunAsUser(), "the image's user (pom.xml, jib)");
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")));
        // shutdown: 5 s delay + 30 s for requests in flight (application.properties) must fit the grace period
        assertTrue(pod.getTerminationGracePeriodSeconds() >= 5 + 30 + 5);
    }

    @Test
    void probesAreAnsweredByThisAppAsTheyPromise() {
        Container c = one(Deployment.class, "rigtrail").getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Probe> probes = Map.of("startup", c.getStartupProbe(), "readiness", c.getReadinessProbe(), "liveness",
                c.getLivenessProbe());
        assertEquals("/q/health/started", probes.get("startup").getHttpGet().getPath());
        assertEquals("/q/health/ready", probes.get("readiness").getHttpGet().getPath());
        assertEquals("/q/health/live", probes.get("liveness").getHttpGet().getPath());
        for (Probe p : probes.values()) {
            assertEquals("http", p.getHttpGet().getPort().getStrVal());
            given().get(p.getHttpGet().getPath()).then().statusCode(200);
        }
        // ready means warm, database and identity provider; alive depends on neither outside service
        List<String> ready = given().get("/q/health/ready").jsonPath().getList("checks.name");
        assertTrue(ready.containsAll(List.of("warm-up", "identity provider", "Database connections health check")), ready.toString());
        List<String> live = given().get("/q/health/live").jsonPath().getList("checks.name");
        assertFalse(live.contains("Database connections health check") || live.contains("identity provider"), live.toString());
        // a probe that fails for 5 minutes of start restarts the pod; readiness drops a pod after 15 s
        assertTrue(probes.get("startup").getPeriodSeconds() * probes.get("startup").getFailureThreshold() >= 300);
    }

    @Test
    void everySecretAndConfigMapAPodReadsExistsAndTheAppGetsEverySettingItRequires() {
        Map<String, Map<String, String>> secrets = new HashMap<>();
        for (Secret s : all(Secret.class)) {
            secrets.put(s.getMetadata().getName(), s.getStringData());
        }
        ConfigMap config = one(ConfigMap.class, "rigtrail-config");
        PodSpec app = one(Deployment.class, "rigtrail").getSpec().getTemplate().getSpec();
        PodSpec migrate = one(Job.class, "rigtrail-migrate").getSpec().getTemplate().getSpec();
        for (PodSpec pod : List.of(app, migrate)) {
            Container c = pod.getContainers().get(0);
            Map<String, String> env = new HashMap<>();
            if (c.getEnvFrom() != null) {
                c.getEnvFrom().forEach(from -> {
                    assertEquals(config.getMetadata().getName(), from.getConfigMapRef().getName());
                    env.putAll(config.getData());
                });
            }
            for (EnvVar v : c.getEnv()) {
                if (v.getValue() != null) {
                    env.put(v.getName(), v.getValue());
                } else if (v.getValueFrom().getSecretKeyRef() != null) {
                    var ref = v.getValueFrom().getSecretKeyRef();
                    boolean exists = secrets.containsKey(ref.getName()) && secrets.get(ref.getName()).containsKey(ref.getKey());
                    assertTrue(exists || Boolean.TRUE.equals(ref.getOptional()), "secret " + ref.getName() + "/" + ref.getKey());
                    env.put(v.getName(), "placeholder");
                } else if (v.getValueFrom().getConfigMapKeyRef() != null) {
                    var ref = v.getValueFrom().getConfigMapKeyRef();
                    assertEquals(config.getMetadata().getName(), ref.getName());
                    assertTrue(config.getData().containsKey(ref.getKey()), "config key " + ref.getKey());
                    env.put(v.getName(), config.getData().get(ref.getKey()));
                } else {
                    env.put(v.getName(), "from the pod");
                }
            }
            boolean migrationOnly = "true".equals(env.get("QUARKUS_INIT_AND_EXIT"));
            assertEquals(List.of(), StartupSettings.problems(env, Map.of(), migrationOnly),
                    (migrationOnly ? "the migration Job" : "the app's pods") + " lack settings");
        }
        assertEquals("false", config.getData().get("QUARKUS_FLYWAY_MIGRATE_AT_START"), "pods never migrate");
    }

    @Test
    void theMigrationRunsInOnePodAtATimeWithTheOwnersCredentials() {
        Job job = one(Job.class, "rigtrail-migrate");
        assertEquals(1, job.getSpec().getParallelism());
        assertEquals(1, job.getSpec().getCompletions());
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, v -> v));
        assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT").getValue());
        assertEquals("rigtrail-db-owner", env.get("DB_USERNAME").getValueFrom().getSecretKeyRef().getName());
        Container app = one(Deployment.class, "rigtrail").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(app.getEnv().stream().filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                .noneMatch(v -> v.getValueFrom().getSecretKeyRef().getName().equals("rigtrail-db-owner")),
                "the app's pods never hold the owner's credentials");
    }

    @Test
    void composeStartsInOrderAndGivesTheAppEverySettingItRequires() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("deploy/compose.yaml").toFile());
        JsonNode services = compose.path("services");
        for (String s : List.of("postgres", "keycloak", "migrate", "app")) {
            assertFalse(services.path(s).isMissingNode(), "service " + s);
        }
        services.fields().forEachRemaining(s -> s.getValue().path("depends_on").fieldNames()
                .forEachRemaining(dep -> assertFalse(services.path(dep).isMissingNode(), s.getKey() + " depends on " + dep)));
        assertEquals("service_completed_successfully", services.path("app").path("depends_on").path("migrate")
                .path("condition").asText());
        for (JsonNode volume : services.path("keycloak").path("volumes")) {
            Path host = Path.of("deploy").resolve(volume.asText().split(":")[0]).normalize();
            assertTrue(Files.exists(host), "keycloak mounts " + host);
        }
        for (String s : List.of("app", "migrate")) {
            Map<String, String> env = new HashMap<>();
            services.path(s).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(),
                    // ${VAR:-default} as its default, ${VAR} or ${VAR:?message} as an operator's value
                    e.getValue().asText().replaceAll("\\$\\{[^}:]*:-([^}]*)}", "$1")
                            .replaceAll("\\$\\{[^}]*}", "placeholder")));
            boolean migrationOnly = "true".equals(env.get("QUARKUS_INIT_AND_EXIT"));
            assertEquals(List.of(), StartupSettings.problems(env, Map.of(), migrationOnly), s + " lacks settings");
        }
    }

    /** Collects the paths of fields the model did not know (kept in additionalProperties). */
    static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.containsKey(o)) {
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        seen.put(o, true);
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            unknownFields(v, path + "." + field, out, seen);
        }
    }
}
