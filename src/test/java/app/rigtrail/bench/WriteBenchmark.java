package app.rigtrail.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write path under concurrent API clients (bench/writes.sh, issue #13 item 5). Each client owns a few
 * hashing miners of one site and repeats a repair on each in turn: open a ticket on one of its components,
 * start diagnosing, put it on the bench (route and diagnosis), resolve it: four writes, each with its own
 * Idempotency-Key and the ticket's version (optimistic locking), each one status change appended as an
 * event. One write in 25 is sent a second time with the same key and must come back as a replay
 * (Idempotent-Replayed, the same body); replays are counted apart and are not writes.
 * A 503 (load shedding) is sent again after its Retry-After, as docs/operations.md asks of clients. Prints writes
 * per second, p50/p95/p99/max of every write as the clients saw it (from the first attempt, waits after 503
 * included) and of the answered attempt alone, and what was refused (503 load shedding,
 * 409 conflicts, other statuses).
 * Arguments: app URL, Keycloak URL, client secret, clients (32), warm-up s (10), measured s (30),
 * site (the id of the site whose miners are used; 0: the site with most hashing miners), mode ({@code writes}, or
 * {@code http-floor}: the same clients, token and HTTP client in the same closed loop, each sending
 * {@code GET /api/me}, which verifies the bearer token and runs on a worker like a write but reads no database
 * for an admin: what HTTP, the token's verification and this load client cost on these cores, with no write).
 */
public final class WriteBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)\\s*}\\s*$");

    public static void main(String[] args) throws Exception {
        String app = args.length > 0 ? args[0] : "http://localhost:8080";
        String keycloak = args.length > 1 ? args[1] : "http://localhost:8180";
        String secret = args.length > 2 ? args[2] : "rigtrail-e2e-secret-TEST-ONLY";
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        long siteArg = args.length > 6 ? Long.parseLong(args[6]) : 0;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, keycloak, secret);
        if (args.length > 7 && args[7].equals("http-floor")) {
            httpFloor(http, app, token, clients, warmup, seconds);
            return;
        }

        // the miners: hashing ones of one site, each with an installed component to fail
        Map<Long, List<Long>> bySite = new TreeMap<>();
        for (int page = 0; page < 40; page++) {
            String body = get(http, app, token, "/api/miners?status=HASHING&size=500&page=" + page);
            Matcher m = Pattern.compile("\\{\"id\":(\\d+),[^{}]*?\"siteId\":(\\d+)").matcher(body);
            int n = 0;
            while (m.find()) {
                bySite.computeIfAbsent(Long.parseLong(m.group(2)), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
                n++;
            }
            if (n < 500) {
                break;
            }
        }
        long site = siteArg != 0 ? siteArg : bySite.entrySet().stream()
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size())).orElseThrow().getKey();
        List<Long> miners = bySite.getOrDefault(site, List.of());
        int perClient = Math.min(4, miners.size() / clients);
        if (perClient < 1) {
            throw new IllegalStateException("site " + site + " has " + miners.size() + " hashing miners for " + clients
                    + " clients");
        }
        long[][] minerOf = new long[clients][perClient];
        long[][] componentOf = new long[clients][perClient];
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < perClient; i++) {
                long miner = miners.get(c * perClient + i);
                String detail = get(http, app, token, "/api/miners/" + miner);
                // a fan or a control board: failing it does not change the miner's status until diagnosis
                Matcher m = Pattern.compile("\\{\"id\":(\\d+),[^{}]*?\"kind\":\"(\\w+)\",\"locationKind\":\"INSTALLED\"")
                        .matcher(detail);
                Long pick = null;
                while (m.find()) {
                    if (pick == null || m.group(2).equals("FAN")) {
                        pick = Long.parseLong(m.group(1));
                        if (m.group(2).equals("FAN")) {
                            break;
                        }
                    }
                }
                if (pick == null) {
                    throw new IllegalStateException("miner " + miner + " has no installed component: " + detail);
                }
                minerOf[c][i] = miner;
                componentOf[c][i] = pick;
            }
        }
        System.out.printf("%d clients, %d s warm-up, %d s measured; site %d, %d miners per client%n", clients, warmup,
                seconds, site, perClient);

        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        long[][] servedLatencies = new long[clients][];
        int[] counts = new int[clients];
        Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        AtomicLong replays = new AtomicLong();
        AtomicLong replayMismatch = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        String auth = "Bearer " + token;
        for (int k = 0; k < clients; k++) {
            int client = k;
            latencies[client] = new long[1 << 16];
            servedLatencies[client] = new long[1 << 16];
            Thread t = new Thread(() -> {
                long writes = 0;
                try {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        int slot = i++ % perClient;
                        String[] steps = {
                            "{\"minerId\":" + minerOf[client][slot] + ",\"symptom\":\"fan noise (bench)\","
                                    + "\"failedComponentIds\":[" + componentOf[client][slot] + "]}",
                            "{\"to\":\"DIAGNOSING\",\"note\":\"bench\",\"version\":%d}",
                            "{\"to\":\"IN_BENCH_REPAIR\",\"route\":\"BENCH\",\"diagnosis\":\"bearing worn\","
                                    + "\"note\":\"bench\",\"version\":%d}",
                            "{\"to\":\"RESOLVED\",\"note\":\"bench\",\"version\":%d}"};
                        long ticket = -1;
                        int version = 0;
                        for (int s = 0; s < steps.length && System.nanoTime() < end; s++) {
                            String path = s == 0 ? "/api/tickets" : "/api/tickets/" + ticket + "/transitions";
                            String body = s == 0 ? steps[0] : String.format(steps[s], version);
                            HttpRequest req = HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(30))
                                    .header("Authorization", auth).header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                            long t0 = System.nanoTime();
                            long[] served = new long[1];
                            HttpResponse<String> r = send(http, req, served, t0 >= warmEnd ? refused : null);
                            long took = System.nanoTime() - t0;
                            boolean measured = t0 >= warmEnd;
                            if (r.statusCode() != 200 && r.statusCode() != 201) {
                                if (measured) {
                                    refused.computeIfAbsent(String.valueOf(r.statusCode()), x -> new AtomicLong())
                                            .incrementAndGet();
                                }
                                System.err.println(path + " " + body + " -> " + r.statusCode() + " " + r.body());
                                break; // the ticket is left where it is; the miner's next round opens a new one
                            }
                            if (measured) {
                                if (counts[client] == latencies[client].length) {
                                    latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
                                    servedLatencies[client] = Arrays.copyOf(servedLatencies[client], counts[client] * 2);
                                }
                                servedLatencies[client][counts[client]] = served[0];
                                latencies[client][counts[client]++] = took;
                                writes++;
                            }
                            if (s == 0) {
                                Matcher m = ID.matcher(r.body());
                                m.find();
                                ticket = Long.parseLong(m.group(1));
                            }
                            Matcher v = VERSION.matcher(r.body());
                            if (!v.find()) {
                                throw new IllegalStateException("no version in " + r.body());
                            }
                            version = Integer.parseInt(v.group(1));
                            if (writes % 25 == 1 && measured) {
                                HttpResponse<String> again = send(http, req, new long[1], null);
                                replays.incrementAndGet();
                                if (again.statusCode() != r.statusCode() || !again.body().equals(r.body())
                                        || again.headers().firstValue("Idempotent-Replayed").isEmpty()) {
                                    replayMismatch.incrementAndGet();
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "writer-" + client);
            t.start();
        }
        done.await();
        long[] all = sortedAll(latencies, counts);
        long[] servedAll = sortedAll(servedLatencies, counts);
        double perSecond = all.length / (double) seconds;
        System.out.printf("app writes/s: %.1f (%d writes in %d s)%n", perSecond, all.length, seconds);
        System.out.printf("app latency ms, as the clients saw it (waits after 503 included): p50 %.1f  p95 %.1f  p99 %.1f"
                + "  max %.1f%n", pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf("app latency ms, the answered attempt only: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                pct(servedAll, 0.50), pct(servedAll, 0.95), pct(servedAll, 0.99),
                servedAll.length == 0 ? 0 : servedAll[servedAll.length - 1] / 1e6);
        System.out.printf("replayed with the same key: %d (%d not answered as the first)%n", replays.get(),
                replayMismatch.get());
        System.out.println("refused or failed (status: count, not writes; a 503 is retried after its Retry-After): " + (refused.isEmpty() ? "none" : new TreeMap<>(refused)));
        // for bench/writes.sh
        System.out.printf("RESULT writes_per_s=%.1f p50=%.1f p95=%.1f p99=%.1f%n", perSecond, pct(all, 0.50),
                pct(all, 0.95), pct(all, 0.99));
    }

    /** The first counts[c] latencies of every client c, together, sorted. */
    private static long[] sortedAll(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < counts.length; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return all;
    }

    /**
     * The HTTP + authentication floor: {@code clients} threads each sending {@code GET /api/me} with the bearer token
     * in a closed loop; prints requests/s and p50/p95/p99 of the measured ones. Any answer but 200 is counted and
     * printed, not measured.
     */
    private static void httpFloor(HttpClient http, String app, String token, int clients, int warmup, int seconds)
            throws Exception {
        System.out.printf("HTTP floor: %d clients, GET /api/me, %d s warm-up, %d s measured%n", clients, warmup, seconds);
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong(); // warm-up included: for the CPU per request of bench/writes.sh
        CountDownLatch done = new CountDownLatch(clients);
        HttpRequest req = HttpRequest.newBuilder(URI.create(app + "/api/me")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        for (int k = 0; k < clients; k++) {
            int client = k;
            latencies[client] = new long[1 << 16];
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        sent.incrementAndGet();
                        if (t0 < warmEnd) {
                            continue;
                        }
                        if (r.statusCode() != 200) {
                            refused.computeIfAbsent(String.valueOf(r.statusCode()), x -> new AtomicLong()).incrementAndGet();
                            System.err.println("GET /api/me -> " + r.statusCode() + " " + r.body());
                            continue;
                        }
                        if (counts[client] == latencies[client].length) {
                            latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
                        }
                        latencies[client][counts[client]++] = took;
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "floor-" + client);
            t.start();
        }
        done.await();
        long[] all = sortedAll(latencies, counts);
        double perSecond = all.length / (double) seconds;
        System.out.printf("authenticated GET /api/me per s: %.1f (%d in %d s)%n", perSecond, all.length, seconds);
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", pct(all, 0.50), pct(all, 0.95),
                pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.println("other answers (status: count): " + (refused.isEmpty() ? "none" : new TreeMap<>(refused)));
        System.out.printf("RESULT http_per_s=%.1f http_p50=%.1f http_p95=%.1f http_p99=%.1f http_sent=%d%n", perSecond,
                pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), sent.get());
    }

    /**
     * Sends until the app answers other than 503, waiting each 503's Retry-After (the contract of
     * docs/operations.md); {@code served[0]}: the nanoseconds of the answered attempt.
     */
    private static HttpResponse<String> send(HttpClient http, HttpRequest req, long[] served,
            Map<String, AtomicLong> refused) throws Exception {
        while (true) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            served[0] = System.nanoTime() - t0;
            if (r.statusCode() != 503) {
                return r;
            }
            if (refused != null) {
                refused.computeIfAbsent("503", x -> new AtomicLong()).incrementAndGet();
            }
            double wait = r.headers().firstValue("Retry-After").map(Double::parseDouble).orElse(1.0);
            Thread.sleep((long) (wait * 1000));
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String get(HttpClient http, String app, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String token(HttpClient http, String keycloak, String secret) throws Exception {
        String form = "grant_type=password&client_id=rigtrail-e2e&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&username=admin&password=admin";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak
                + "/realms/rigtrail/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
