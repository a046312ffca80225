package app.rigtrail.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.rigtrail.platform.Tokens;
import app.rigtrail.availability.DomainGauges;
import app.rigtrail.platform.runtime.domain.StartupSettings;
import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/operations.md stays true to the code: it names every variable the start checks and every
 * setting the app reads, shows a query for every figure the app exports at /q/metrics, and its
 * queries use only metric names the app exports.
 */
@QuarkusTest
class OperationsDocTest {

    static final Path DOC = Path.of("docs/operations.md");

    @Inject
    DomainGauges gauges;

    static String doc() throws IOException {
        return Files.readString(DOC);
    }

    static String source() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
            return all.toString();
        }
    }

    @Test
    void everyVariableTheStartChecksIsDocumented() throws IOException {
        String doc = doc();
        for (StartupSettings.Setting s : StartupSettings.SETTINGS) {
            assertTrue(doc.contains("| `" + s.variable() + "` |"), s.variable() + " has a row in the Configuration table");
        }
    }

    @Test
    void everySettingTheAppReadsIsDocumented() throws IOException {
        String doc = doc();
        Set<String> missing = new TreeSet<>();
        Matcher m = Pattern.compile("@ConfigProperty\\(name = \"(rigtrail\\.[a-z.-]+)\"").matcher(source());
        while (m.find()) {
            String variable = m.group(1).toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
            if (!doc.contains("`" + variable + "`")) {
                missing.add(variable);
            }
        }
        // and the typed groups (@ConfigMapping): their prefix and each method's name in kebab case
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher prefix = Pattern.compile("@ConfigMapping\\(prefix = \"(rigtrail\\.[a-z.-]+)\"").matcher(text);
                if (!prefix.find()) {
                    continue;
                }
                Matcher method = Pattern.compile("\\s(\\w+)\\(\\);").matcher(text);
                int found = 0;
                while (method.find()) {
                    found++;
                    String property = prefix.group(1) + "." + method.group(1).replaceAll("([A-Z])", "-$1")
                            .toLowerCase(Locale.ROOT);
                    String variable = property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
                    if (!doc.contains("`" + variable + "`")) {
                        missing.add(variable);
                    }
                }
                assertTrue(found > 0, f + " maps no property");
            }
        }
        // and the variables application.properties reads by name (${VARIABLE:default})
        Matcher v = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]").matcher(Files.readString(
                Path.of("src/main/resources/application.properties")));
        while (v.find()) {
            if (!doc.contains("`" + v.group(1) + "`")) {
                missing.add(v.group(1));
            }
        }
        assertTrue(missing.isEmpty(), "settings the app reads but docs/operations.md does not name: " + missing);
    }

    @Test
    void everyExportedFigureHasAQueryAndEveryQueryUsesAnExportedFigure() throws IOException {
        gauges.read();
        // a request, so that the request histogram exists
        given().header("Authorization", Tokens.bearer(Tokens.MANAGER)).get("/api/sites").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> families = new TreeSet<>();
        Set<String> samples = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                families.add(line.split(" ")[2]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                samples.add(line.split("[{ ]")[0]);
            }
        }
        String doc = doc();
        // the app's own figures: each in a query
        // (a timer's companion gauge "_max" counts as its timer's)
        List<String> undocumented = families.stream()
                .filter(f -> f.startsWith("rigtrail_") && !doc.contains(f.replaceFirst("_max$", "")))
                .collect(Collectors.toCollection(ArrayList::new));
        assertTrue(undocumented.isEmpty(), "figures at /q/metrics without a query in docs/operations.md: " + undocumented);
        // (gauges without rows, such as an empty backlog, are absent; these always have rows here)
        assertTrue(families.containsAll(List.of("rigtrail_holds_open", "rigtrail_miners",
                "rigtrail_job_seconds_since_last_run_seconds", "rigtrail_http_in_flight", "http_server_requests_seconds")),
                "the figures the test expects: " + families);
        // every metric a query names is exported (or is a counter or timer of the app that appears with its first event)
        String source = source();
        Set<String> unknown = new TreeSet<>();
        String watch = doc.substring(doc.indexOf("## What to watch"), doc.indexOf("## Alerts"));
        Matcher q = Pattern.compile("`[^`\\n]*\\b((?:rigtrail|agroal|worker_pool|jvm|process|http_server)_[a-z_]+)").matcher(watch);
        while (q.find()) {
            String name = q.group(1);
            if (samples.contains(name) || families.contains(name)) {
                continue;
            }
            String base = name.replaceAll("(_seconds)?(_bucket|_count|_sum|_total|_max)$", "");
            if (name.startsWith("rigtrail_") && source.contains("\"" + base.replace('_', '.') + "\"")) {
                continue;
            }
            if (base.equals("jvm_gc_pause")) {
                continue; // Micrometer's GC timer appears with the JVM's first collection, which a short run may not have
            }
            unknown.add(name);
        }
        assertTrue(unknown.isEmpty(), "queries in What to watch name metrics the app does not export: " + unknown);
    }
}
