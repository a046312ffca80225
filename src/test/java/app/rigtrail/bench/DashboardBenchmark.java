package app.rigtrail.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of every dashboard request under concurrent clients (bench/dashboard.sh): each client sends
 * the dashboard's requests (the page, its three sections, the JSON APIs and a drill-down list) with
 * filters drawn at random (none, a site, a vendor, a model, a year), one after the other, for the
 * given time after a warm-up. Prints p50/p95/p99/max per endpoint and the throughput.
 * Arguments: app URL, Keycloak URL, client secret, clients (8), warm-up s (20), measured s (60).
 * <p>
 * The mixed load (#13 item 4; {@code -Dbench.writes=10 -Dbench.jdbc=...}): meanwhile writers, as the
 * admin through the API, resolve tickets (bench repair to resolved; diagnosing ones are first sent to
 * the bench) and move RMA cases (at the hub to repaired), {@code bench.writes} moves a second in all,
 * and a staleness probe every 2 s resolves one more ticket and asks the backlog's items of its site and
 * stage every 50 ms until it is gone: the delay from the commit's answer to the first answer without it
 * (its maximum is the staleness a manager can see). The candidates are chosen with SQL at the start.
 */
public final class DashboardBenchmark {

    private static final List<String> ENDPOINTS = List.of("/dashboard", "/dashboard/availability", "/dashboard/backlog",
            "/dashboard/turnaround", "/dashboard/holds-summary", "/dashboard/backlog/items", "/api/availability",
            "/api/backlog", "/api/backlog/items", "/api/turnaround", "/api/holds-by-age",
            // the list pages of #14: search, filters, sorting and paging on the same data set
            "/tickets", "/shipments", "/holds", "/rma-cases", "/stock");

    public static void main(String[] args) throws Exception {
        String app = args.length > 0 ? args[0] : "http://localhost:8080";
        String keycloak = args.length > 1 ? args[1] : "http://localhost:8180";
        String secret = args.length > 2 ? args[2] : "rigtrail-e2e-secret-TEST-ONLY"; // the test-only client with password grants
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 60;
        int writes = Integer.getInteger("bench.writes", 0);
        // -Dbench.paths=/tickets,/stock measures only those (DASHBENCH_PATHS in bench/dashboard.sh)
        String only = System.getProperty("bench.paths", "");
        List<String> endpoints = only.isBlank() ? ENDPOINTS
                : ENDPOINTS.stream().filter(List.of(only.split(","))::contains).toList();
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("bench.paths names none of " + ENDPOINTS);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, keycloak, secret);
        List<String> sites = codes(http, app, token, "/api/sites?size=100", "code");
        List<String> models = codes(http, app, token, "/api/miner-models?size=100", "name");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String jdbc = System.getProperty("bench.jdbc");
        if (jdbc != null && !jdbc.isBlank()) {
            waitForHoldAlerts(jdbc, warmup + seconds + 10);
        }
        System.out.printf("%s: %d clients, %d s warm-up, %d s measured; %d sites, %d models; %s%n",
                System.getProperty("bench.phase", "dashboard"), clients, warmup, seconds, sites.size(), models.size(),
                writes > 0 ? writes + " writes a second" : "no writes");
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int k = 0; k < clients; k++) {
            int client = k;
            Thread t = new Thread(() -> {
                Random r = new Random(client);
                List<String> order = new ArrayList<>(endpoints);
                try {
                    while (System.nanoTime() < end) {
                        Collections.shuffle(order, r);
                        for (String path : order) {
                            String query = path.startsWith("/dashboard") || path.startsWith("/api")
                                    ? filters(r, sites, models, today) : listQuery(path, r, sites);
                            if (path.endsWith("/items")) {
                                query += (query.isEmpty() ? "" : "&") + "stage="
                                        + List.of("AWAITING_DIAGNOSIS", "HUB_QUEUE", "CUSTOMS_HOLD", "RETURNING").get(r.nextInt(4));
                            }
                            URI uri = URI.create(app + path + (query.isEmpty() ? "" : "?" + query));
                            long t0 = System.nanoTime();
                            // blocking HttpURLConnection with keep-alive: far lighter on the shared CPU
                            // than java.net.http, which matters when client and server share 2 cores
                            java.net.HttpURLConnection con = (java.net.HttpURLConnection) uri.toURL().openConnection();
                            con.setRequestProperty("Authorization", "Bearer " + token);
                            con.setReadTimeout(30_000);
                            int status = con.getResponseCode();
                            byte[] body;
                            try (java.io.InputStream in = status < 400 ? con.getInputStream() : con.getErrorStream()) {
                                body = in == null ? new byte[0] : in.readAllBytes();
                            }
                            long took = System.nanoTime() - t0;
                            if (status != 200) {
                                if (errors.incrementAndGet() < 5) {
                                    System.out.println(status + " on " + uri + ": " + new String(body, StandardCharsets.UTF_8));
                                }
                            } else if (t0 > warmEnd && System.nanoTime() < end) {
                                latencies.computeIfAbsent(path, x -> Collections.synchronizedList(new ArrayList<>()))
                                        .add(took);
                            }
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        Mixed mixed = writes > 0 ? new Mixed(app, keycloak, secret, System.getProperty("bench.jdbc"), writes, warmEnd, end)
                : null;
        if (mixed != null) {
            mixed.start();
        }
        done.await();
        if (mixed != null) {
            mixed.stop();
        }
        long total = 0;
        System.out.printf("%-28s %8s %8s %8s %8s %8s%n", "endpoint", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (var e : new TreeMap<>(latencies).entrySet()) {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            total += v.length;
            System.out.printf("%-28s %8d %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), v.length, q(v, 0.5), q(v, 0.95),
                    q(v, 0.99), v[v.length - 1] / 1e6);
        }
        long[] all = latencies.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-28s %8d %8.1f %8.1f %8.1f %8.1f%n", "all", all.length, q(all, 0.5), q(all, 0.95),
                q(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf("throughput %.1f requests/s, %d errors%n", total / (double) seconds, errors.get());
        if (mixed != null) {
            mixed.report(seconds);
        }
    }

    /**
     * A list page's view as people use it: the default (first page, default sort) a third of the time,
     * else a filter, a search, another sort or a later page.
     */
    static String listQuery(String path, Random r, List<String> sites) {
        String site = "site=" + enc(sites.get(r.nextInt(sites.size())));
        return switch (path) {
            case "/tickets" -> List.of("", "", "state=RESOLVED", "state=AWAITING_RMA_SHIPMENT&sort=site&dir=asc", site,
                    "q=RGT-S19", "page=3", "state=CANCELLED&sort=miner&dir=asc&page=2", "route=SWAP&sort=state&dir=asc")
                    .get(r.nextInt(9));
            case "/shipments" -> List.of("", "", "state=RECEIVED", "kind=OUTBOUND_TO_HUB&sort=carrier&dir=asc", site,
                    "page=4", "state=HELD&sort=created&dir=asc", "q=S-" + (1 + r.nextInt(5000))).get(r.nextInt(8));
            case "/holds" -> List.of("", "", "sort=fees&dir=desc", "sort=hashrate&dir=desc&page=2", "vendor=BITMAIN",
                    "holdKind=OTHER_AGENCY", "port=LAX&sort=port&dir=asc", "page=5").get(r.nextInt(8));
            case "/rma-cases" -> List.of("", "", "state=AT_HUB", "vendor=MICROBT&sort=part&dir=asc", site, "page=6",
                    "state=CLOSED&sort=state&dir=asc", "q=#" + (1 + r.nextInt(50000))).get(r.nextInt(8));
            default -> List.of("", "", "sort=onHand&dir=asc", "low=true", "q=HB", "page=2").get(r.nextInt(6));
        };
    }

    /** No filter half of the time (the default view), else one of site, vendor, model or a whole year. */
    private static String filters(Random r, List<String> sites, List<String> models, LocalDate today) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> "";
            case 5, 6 -> "site=" + enc(sites.get(r.nextInt(sites.size())));
            case 7 -> "vendor=" + List.of("BITMAIN", "MICROBT", "CANAAN").get(r.nextInt(3));
            case 8 -> "model=" + enc(models.get(r.nextInt(models.size())));
            default -> "from=" + today.minusDays(364) + "&to=" + today;
        };
    }

    /**
     * Waits until the app's customs-hold alert job (HoldAlertJob, once per {@code bench.hold-period}
     * seconds, 900, across replicas; its first tick 30 s after the start) has run its current period and
     * the next period starts no sooner than {@code window} seconds from now: its pass over the 50,000 open
     * holds (the first one on a fresh data set raises thousands of alerts) must not fall inside the
     * measured minute of one run and not of another. The job runs as in production; the bench only
     * chooses when to measure.
     */
    static void waitForHoldAlerts(String jdbc, int window) throws Exception {
        int period = Integer.getInteger("bench.hold-period", 900);
        long started = System.nanoTime();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, "postgres", "postgres");
                java.sql.PreparedStatement ps = c.prepareStatement("select exists (select 1 from job_run "
                        + "where job = 'hold-alerts' and period_start = to_timestamp(floor(extract(epoch from "
                        + "statement_timestamp()) / ?) * ?)), ? - mod(extract(epoch from statement_timestamp())::numeric, ?)")) {
            for (int i = 0; i < 2 * (period + 120); i++) {
                ps.setInt(1, period);
                ps.setInt(2, period);
                ps.setInt(3, period);
                ps.setInt(4, period);
                boolean ran;
                double left;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ran = rs.getBoolean(1);
                    left = rs.getDouble(2);
                }
                if (ran && left > window) {
                    System.out.printf("hold-alerts job: this period's run done (waited %.0f s); next period in %.0f s%n",
                            (System.nanoTime() - started) / 1e9, left);
                    return;
                }
                Thread.sleep(500);
            }
        }
        System.out.println("hold-alerts job: not seen to run; measuring anyway");
    }

    /** The writers and the staleness probe of the mixed load. */
    static final class Mixed {
        private final String app;
        private final String adminToken;
        private final int perSecond;
        private final long warmEnd;
        private final long end;
        private final java.util.concurrent.ConcurrentLinkedDeque<long[]> benchTickets = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final java.util.concurrent.ConcurrentLinkedDeque<long[]> diagnosing = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final java.util.concurrent.ConcurrentLinkedDeque<Long> casesAtHub = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final Map<Long, String> siteCodes = new ConcurrentHashMap<>();
        private final Map<String, List<Long>> writeLatency = new ConcurrentHashMap<>();
        private final List<Long> staleness = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong writeErrors = new AtomicLong();
        private final AtomicLong unseen = new AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService pool = java.util.concurrent.Executors
                .newScheduledThreadPool(4);
        private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newCachedThreadPool();
        private final Thread probe;

        Mixed(String app, String keycloak, String secret, String jdbc, int perSecond, long warmEnd, long end)
                throws Exception {
            this.app = app;
            this.perSecond = perSecond;
            this.warmEnd = warmEnd;
            this.end = end;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            this.adminToken = token(http, keycloak, secret, "admin");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbc, "postgres", "postgres");
                    java.sql.Statement st = c.createStatement()) {
                try (java.sql.ResultSet rs = st.executeQuery("select id, code from site")) {
                    while (rs.next()) {
                        siteCodes.put(rs.getLong(1), rs.getString(2));
                    }
                }
                try (java.sql.ResultSet rs = st.executeQuery("select id, site_id, state from repair_ticket "
                        + "where state in ('IN_BENCH_REPAIR', 'DIAGNOSING') order by md5(id::text)")) {
                    while (rs.next()) {
                        ("IN_BENCH_REPAIR".equals(rs.getString(3)) ? benchTickets : diagnosing)
                                .add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
                try (java.sql.ResultSet rs = st.executeQuery("select id from rma_case where state = 'AT_HUB' "
                        + "order by md5(id::text)")) {
                    while (rs.next()) {
                        casesAtHub.add(rs.getLong(1));
                    }
                }
            }
            System.out.printf("write candidates: %d tickets in bench repair, %d diagnosing, %d RMA cases at a hub%n",
                    benchTickets.size(), diagnosing.size(), casesAtHub.size());
            probe = new Thread(this::probeLoop, "staleness-probe");
        }

        void start() {
            long periodMicros = 1_000_000L / perSecond;
            AtomicLong n = new AtomicLong();
            // the tick only hands the move to a worker: a slow write must not delay the next ones
            pool.scheduleAtFixedRate(() -> {
                if (System.nanoTime() < end) {
                    boolean ticket = n.getAndIncrement() % 2 == 0;
                    writers.execute(() -> write(ticket));
                }
            }, 0, periodMicros, java.util.concurrent.TimeUnit.MICROSECONDS);
            probe.start();
        }

        void stop() throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            writers.shutdown();
            writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            probe.join(30_000);
        }

        /** One move: a ticket resolved (or first sent to the bench), or an RMA case repaired. */
        private void write(boolean ticket) {
            try {
                if (ticket) {
                    long[] t = benchTickets.poll();
                    if (t != null) {
                        post("/api/tickets/" + t[0] + "/transitions", "{\"to\":\"RESOLVED\",\"note\":\"bench\"}",
                                "ticket resolved");
                        return;
                    }
                    long[] d = diagnosing.poll();
                    if (d != null && post("/api/tickets/" + d[0] + "/transitions", "{\"to\":\"IN_BENCH_REPAIR\","
                            + "\"route\":\"BENCH\",\"diagnosis\":\"bench load\"}", "ticket to the bench") == 200) {
                        benchTickets.add(d);
                    }
                    return;
                }
                Long c = casesAtHub.poll();
                if (c != null) {
                    post("/api/rma-cases/" + c + "/transitions", "{\"to\":\"REPAIRED\",\"note\":\"bench\"}",
                            "RMA case repaired");
                }
            } catch (Exception e) {
                if (writeErrors.incrementAndGet() < 5) {
                    System.out.println("write failed: " + e);
                }
            }
        }

        private int post(String path, String json, String kind) throws Exception {
            long t0 = System.nanoTime();
            java.net.HttpURLConnection con = (java.net.HttpURLConnection) URI.create(app + path).toURL().openConnection();
            con.setRequestMethod("POST");
            con.setDoOutput(true);
            con.setRequestProperty("Authorization", "Bearer " + adminToken);
            con.setRequestProperty("Content-Type", "application/json");
            con.setRequestProperty("Idempotency-Key", java.util.UUID.randomUUID().toString());
            con.setReadTimeout(30_000);
            try (java.io.OutputStream out = con.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
            int status = con.getResponseCode();
            byte[] body;
            try (java.io.InputStream in = status < 400 ? con.getInputStream() : con.getErrorStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            long took = System.nanoTime() - t0;
            if (status != 200) {
                if (writeErrors.incrementAndGet() < 5) {
                    System.out.println(status + " on POST " + path + ": " + new String(body, StandardCharsets.UTF_8));
                }
            } else if (t0 > warmEnd && System.nanoTime() < end) {
                writeLatency.computeIfAbsent(kind, x -> Collections.synchronizedList(new ArrayList<>())).add(took);
            }
            return status;
        }

        /** Every 2 s of the measured time: a ticket resolved, then its site's bench-repair items polled until it is gone. */
        private void probeLoop() {
            try {
                while (System.nanoTime() < warmEnd) {
                    Thread.sleep(100);
                }
                while (System.nanoTime() < end - 8_000_000_000L) {
                    long next = System.nanoTime() + 2_000_000_000L;
                    long[] t = benchTickets.pollLast();
                    if (t == null) {
                        break;
                    }
                    String site = siteCodes.get(t[1]);
                    if (post("/api/tickets/" + t[0] + "/transitions", "{\"to\":\"RESOLVED\",\"note\":\"probe\"}",
                            "ticket resolved (probe)") != 200) {
                        continue;
                    }
                    long committed = System.nanoTime();
                    Pattern id = Pattern.compile("\"ticketId\"\\s*:\\s*" + t[0] + "\\b");
                    boolean gone = false;
                    while (System.nanoTime() - committed < 30_000_000_000L) {
                        String body = get("/api/backlog/items?stage=BENCH_REPAIR&limit=1000&site=" + enc(site));
                        if (body != null && !id.matcher(body).find()) {
                            staleness.add(System.nanoTime() - committed);
                            gone = true;
                            break;
                        }
                        Thread.sleep(50);
                    }
                    if (!gone) {
                        unseen.incrementAndGet();
                    }
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
            } catch (Exception e) {
                System.out.println("staleness probe failed: " + e);
            }
        }

        private String get(String path) throws Exception {
            java.net.HttpURLConnection con = (java.net.HttpURLConnection) URI.create(app + path).toURL().openConnection();
            con.setRequestProperty("Authorization", "Bearer " + adminToken);
            con.setReadTimeout(30_000);
            int status = con.getResponseCode();
            try (java.io.InputStream in = status < 400 ? con.getInputStream() : con.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return status == 200 ? body : null;
            }
        }

        void report(int seconds) {
            long moves = 0;
            System.out.printf("%-28s %8s %8s %8s %8s %8s%n", "write", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
            for (var e : new TreeMap<>(writeLatency).entrySet()) {
                long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                moves += e.getKey().contains("probe") ? 0 : v.length;
                System.out.printf("%-28s %8d %8.1f %8.1f %8.1f %8.1f%n", e.getKey(), v.length, q(v, 0.5), q(v, 0.95),
                        q(v, 0.99), v[v.length - 1] / 1e6);
            }
            System.out.printf("writes %.1f a second (probes aside), %d errors%n", moves / (double) seconds,
                    writeErrors.get());
            long[] st = staleness.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("staleness: %d probes, commit to shown p50 %.0f ms, max %.0f ms, %d not shown within 30 s%n",
                    st.length, q(st, 0.5), st.length == 0 ? 0 : st[st.length - 1] / 1e6, unseen.get());
        }
    }

    private static double q(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static String token(HttpClient http, String keycloak, String secret) throws Exception {
        return token(http, keycloak, secret, "mgr");
    }

    /** A demo user's token (the user's password is its name in the dev realm). */
    private static String token(HttpClient http, String keycloak, String secret, String user) throws Exception {
        String form = "grant_type=password&client_id=rigtrail-e2e&client_secret=" + enc(secret) + "&username=" + user
                + "&password=" + user;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak
                + "/realms/rigtrail/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static List<String> codes(HttpClient http, String app, String token, String path, String field)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(path + " gave no " + field + ": " + r.statusCode() + " " + r.body());
        }
        return Arrays.asList(out.toArray(new String[0]));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
