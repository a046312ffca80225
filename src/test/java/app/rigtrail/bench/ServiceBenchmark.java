package app.rigtrail.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the production jar behaves as a service (bench/service.sh, issue #17 item 4). Every request
 * goes over its own plain socket (Connection: close) so that each one ends in exactly one of: an
 * answer (status, Retry-After, content type), a refused connection (nothing was accepted: clean),
 * or a cut (the connection was taken and then closed or reset without a complete answer).
 *
 * <ul>
 * <li>{@code overload <app> <keycloak> <secret> <clients> <seconds> <path>}: that many clients send
 * the request back to back; prints the answers by status, how many 503 carried Retry-After and
 * problem+json, the latency of those served (p50/p99/max) and of the refusals, and the cuts.</li>
 * <li>{@code shutdown <app> <keycloak> <secret> <clients> <pid> <sigterm after s> <slow path> <fast path>}:
 * half the clients send a slow request (a synchronous forecast), half a fast one, back to back; the
 * app gets SIGTERM after the given seconds and the clients go on until nothing has answered for 3 s.
 * Prints, for requests in flight at SIGTERM and for those sent after it, how many finished, how many
 * were refused with 503, how many found the port closed, and how many were cut.</li>
 * </ul>
 */
public final class ServiceBenchmark {

    enum Kind { ANSWERED, REFUSED_CONNECTION, CUT, TIMEOUT }

    record Result(long startNanos, long endNanos, Kind kind, int status, String retryAfter, String contentType,
            String error, boolean slow) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    /** bench.retryAfter=honour: a client that got 503 waits its Retry-After (well-behaved); else back to back. */
    static final boolean HONOUR_RETRY_AFTER = "honour".equals(System.getProperty("bench.retryAfter"));

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String app = args[1];
        String token = token(args[2], args[3]);
        int clients = Integer.parseInt(args[4]);
        if (mode.equals("overload")) {
            overload(app, token, clients, Integer.parseInt(args[5]), args[6]);
        } else if (mode.equals("shutdown")) {
            shutdown(app, token, clients, Long.parseLong(args[5]), Double.parseDouble(args[6]), args[7], args[8]);
        } else {
            throw new IllegalArgumentException("overload or shutdown, not " + mode);
        }
    }

    static void overload(String app, String token, int clients, int seconds, String path) throws InterruptedException {
        URI uri = URI.create(app);
        // one request first: the figures are about load, not the first call
        send(uri, "GET", path, token, null, false);
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end) {
                        Result r = send(uri, "GET", path, token, null, false);
                        results.add(r);
                        if (HONOUR_RETRY_AFTER && r.status() == 503 && r.retryAfter() != null) {
                            Thread.sleep(Long.parseLong(r.retryAfter().trim()) * 1000);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        start.countDown();
        done.await();
        List<Result> all = new ArrayList<>(results);
        Map<String, Integer> byStatus = new TreeMap<>();
        List<Long> served = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        int withRetryAfter = 0;
        int problemJson = 0;
        int cut = 0;
        int connRefused = 0;
        int over10s = 0;
        int anyOver10s = 0;
        long anyMax = 0;
        for (Result r : all) {
            anyMax = Math.max(anyMax, r.millis());
            anyOver10s += r.millis() > 10_000 ? 1 : 0;
            if (r.kind() != Kind.ANSWERED) {
                byStatus.merge(r.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                cut += r.kind() == Kind.CUT || r.kind() == Kind.TIMEOUT ? 1 : 0;
                connRefused += r.kind() == Kind.REFUSED_CONNECTION ? 1 : 0;
                continue;
            }
            byStatus.merge(Integer.toString(r.status()), 1, Integer::sum);
            if (r.status() == 503) {
                refused.add(r.millis());
                withRetryAfter += r.retryAfter() != null ? 1 : 0;
                problemJson += r.contentType() != null && r.contentType().startsWith("application/problem+json") ? 1 : 0;
            } else {
                served.add(r.millis());
                over10s += r.millis() > 10_000 ? 1 : 0;
            }
        }
        Collections.sort(served);
        Collections.sort(refused);
        System.out.printf("overload: %d clients (%s) for %d s on GET %s: %d requests (%.0f/s)%n", clients,
                HONOUR_RETRY_AFTER ? "each waits Retry-After after a 503" : "back to back, Retry-After ignored", seconds,
                path, all.size(), all.size() / (double) seconds);
        System.out.printf("  answers by status: %s%n", byStatus);
        System.out.printf("  503: %d (%.1f%%), with Retry-After %d, problem+json %d; latency p50 %d ms, p99 %d ms%n",
                refused.size(), 100.0 * refused.size() / Math.max(1, all.size()), withRetryAfter, problemJson,
                pct(refused, 50), pct(refused, 99));
        System.out.printf("  served (not 503): %d, latency p50 %d ms, p99 %d ms, max %d ms, over 10 s: %d%n",
                served.size(), pct(served, 50), pct(served, 99), served.isEmpty() ? 0 : served.get(served.size() - 1),
                over10s);
        System.out.printf("  cut or timed out without an answer: %d, connection refused: %d%n", cut, connRefused);
        System.out.printf("  every request (answered or not): max %d ms, over 10 s: %d%n", anyMax, anyOver10s);
    }

    static void shutdown(String app, String token, int clients, long pid, double sigtermAfter, String slowPath,
            String fastPath) throws InterruptedException {
        URI uri = URI.create(app);
        String slowBody = slowPath.contains(" ") ? slowPath.substring(slowPath.indexOf(' ') + 1) : null;
        String slow = slowPath.contains(" ") ? slowPath.substring(0, slowPath.indexOf(' ')) : slowPath;
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        long[] lastAnswer = {System.nanoTime()};
        long[] sigterm = {Long.MAX_VALUE};
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            boolean isSlow = i % 2 == 0;
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now > sigterm[0] && now - Math.max(lastAnswer[0], sigterm[0]) > 3_000_000_000L) {
                            return;
                        }
                        Result r = isSlow ? send(uri, "POST", slow, token, slowBody, true)
                                : send(uri, "GET", fastPath, token, null, false);
                        results.add(r);
                        if (r.kind() == Kind.ANSWERED) {
                            synchronized (lastAnswer) {
                                lastAnswer[0] = Math.max(lastAnswer[0], r.endNanos());
                            }
                        } else if (r.kind() == Kind.REFUSED_CONNECTION) {
                            Thread.sleep(100);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep((long) (sigtermAfter * 1000));
        ProcessHandle app0 = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long[] exitedAt = {0};
        java.util.concurrent.CompletableFuture<Void> exit = app0.onExit().thenRun(() -> exitedAt[0] = System.nanoTime());
        sigterm[0] = System.nanoTime();
        app0.destroy(); // SIGTERM
        done.await();
        try {
            exit.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported below
        }
        long exited = exitedAt[0] == 0 ? -1 : (exitedAt[0] - sigterm[0]) / 1_000_000;
        long t = sigterm[0];
        Map<String, Map<String, Integer>> table = new TreeMap<>();
        int cut = 0;
        List<String> cutSamples = new ArrayList<>();
        long lastServedAfter = 0;
        for (Result r : results) {
            String when = r.startNanos() < t ? (r.endNanos() < t ? "0 finished before SIGTERM" : "1 in flight at SIGTERM")
                    : "2 sent after SIGTERM";
            String outcome = switch (r.kind()) {
                case ANSWERED -> r.status() == 503 ? "refused 503" + (r.retryAfter() != null ? " with Retry-After" : "")
                        : "answered " + r.status();
                case REFUSED_CONNECTION -> "port closed";
                case CUT, TIMEOUT -> "CUT";
            };
            if (r.kind() == Kind.CUT || r.kind() == Kind.TIMEOUT) {
                cut++;
                if (cutSamples.size() < 5) {
                    cutSamples.add((r.slow() ? "slow " : "fast ") + r.error() + " at +" + (r.endNanos() - t) / 1_000_000 + " ms");
                }
            }
            if (r.kind() == Kind.ANSWERED && r.status() != 503 && r.startNanos() >= t) {
                lastServedAfter = Math.max(lastServedAfter, r.endNanos() - t);
            }
            table.computeIfAbsent(when + (r.slow() ? " (slow)" : " (fast)"), k -> new TreeMap<>()).merge(outcome, 1,
                    Integer::sum);
        }
        System.out.printf("shutdown: %d clients (half POST %s, half GET %s), SIGTERM after %.1f s%n", clients, slow,
                fastPath, sigtermAfter);
        table.forEach((k, v) -> System.out.printf("  %-40s %s%n", k.substring(2), v));
        System.out.printf("  cut without an answer: %d %s%n", cut, cutSamples);
        System.out.printf("  last request sent after SIGTERM and served ended %d ms after it%n", lastServedAfter / 1_000_000);
        System.out.println(exited < 0 ? "  the app had not exited 60 s after the clients stopped"
                : "  the app exited " + exited + " ms after SIGTERM");
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

    /** One request on its own connection, classified. */
    static Result send(URI app, String method, String path, String token, String body, boolean slow) {
        long t0 = System.nanoTime();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(app.getHost(), app.getPort()), 5_000);
        } catch (ConnectException e) {
            closeQuietly(s);
            return new Result(t0, System.nanoTime(), Kind.REFUSED_CONNECTION, 0, null, null, e.getMessage(), slow);
        } catch (IOException e) {
            closeQuietly(s);
            return new Result(t0, System.nanoTime(), Kind.REFUSED_CONNECTION, 0, null, null, e.toString(), slow);
        }
        try (s) {
            s.setSoTimeout(120_000);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + app.getHost() + ":" + app.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n")
                    + "\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
            return parse(t0, got.toByteArray(), slow);
        } catch (SocketTimeoutException e) {
            return new Result(t0, System.nanoTime(), Kind.TIMEOUT, 0, null, null, "no answer in 120 s", slow);
        } catch (IOException e) {
            return new Result(t0, System.nanoTime(), Kind.CUT, 0, null, null, e.toString(), slow);
        }
    }

    static Result parse(long t0, byte[] raw, boolean slow) {
        long t1 = System.nanoTime();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        Matcher m = STATUS.matcher(text);
        if (headEnd < 0 || !m.find()) {
            return new Result(t0, t1, Kind.CUT, 0, null, null, raw.length == 0 ? "closed without a byte"
                    : "incomplete answer head (" + raw.length + " bytes)", slow);
        }
        String head = text.substring(0, headEnd);
        String rest = text.substring(headEnd + 4);
        String length = header(head, "Content-Length");
        String chunked = header(head, "Transfer-Encoding");
        boolean complete = length != null ? rest.length() >= Integer.parseInt(length.trim())
                : chunked == null || !chunked.contains("chunked") || rest.endsWith("0\r\n\r\n");
        if (!complete) {
            return new Result(t0, t1, Kind.CUT, Integer.parseInt(m.group(1)), null, null, "body cut short", slow);
        }
        return new Result(t0, t1, Kind.ANSWERED, Integer.parseInt(m.group(1)), header(head, "Retry-After"),
                header(head, "Content-Type"), null, slow);
    }

    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                return line.substring(c + 1).trim();
            }
        }
        return null;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    static String token(String keycloak, String secret) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=rigtrail-e2e&client_secret=" + URLEncoder.encode(secret,
                StandardCharsets.UTF_8) + "&username=mgr&password=mgr";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak
                + "/realms/rigtrail/protocol/openid-connect/token")).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
