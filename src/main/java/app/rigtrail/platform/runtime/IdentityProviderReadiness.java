package app.rigtrail.platform.runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness covers the identity provider: its realm's discovery document must answer within two
 * seconds. Without it nobody can log in and new tokens cannot be checked, so the instance is taken
 * out of the load balancer rather than answering errors. The answer is kept for 10 s, so probes do
 * not hammer the provider.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements HealthCheck {

    private static final Duration KEEP = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile HealthCheckResponse last;
    private volatile long lastAt;

    @Override
    public HealthCheckResponse call() {
        long now = System.nanoTime();
        HealthCheckResponse seen = last;
        if (seen != null && now - lastAt < KEEP.toNanos()) {
            return seen;
        }
        HealthCheckResponse fresh = probe();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private HealthCheckResponse probe() {
        var r = HealthCheckResponse.named("identity provider");
        Optional<String> server = ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class);
        if (server.isEmpty()) {
            return r.down().withData("reason", "quarkus.oidc.auth-server-url is not set").build();
        }
        String url = server.get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            r.withData("url", url).withData("status", answer.statusCode());
            return (answer.statusCode() == 200 ? r.up() : r.down()).build();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return r.down().withData("url", url).withData("reason", String.valueOf(e.getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return r.down().withData("url", url).withData("reason", "interrupted").build();
        }
    }
}
