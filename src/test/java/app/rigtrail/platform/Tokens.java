package app.rigtrail.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.oidc.client.OidcTestClient;

/**
 * Real access tokens from the test run's OIDC server (Quarkus Dev Services), one per demo user.
 * The password of each dev user is its name.
 */
public final class Tokens {

    public static final String TECH_TX = "tech-tx";
    public static final String TECH_ND = "tech-nd";
    public static final String LOGISTICS = "logi";
    public static final String MANAGER = "mgr";
    public static final String OTHER_MANAGER = "mgr2";
    public static final String ADMIN = "admin";

    private static final OidcTestClient CLIENT = new OidcTestClient();
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(String user) {
        return CACHE.computeIfAbsent(user, u -> CLIENT.getAccessToken(u, u));
    }

    public static String bearer(String user) {
        return "Bearer " + of(user);
    }
}
