package app.rigtrail.forecast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.platform.cluster.Replica;
import app.rigtrail.platform.web.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Forecasts run in the background for the studio and the API, with progress and cancellation,
 * across replicas: a run's state and progress live in the database (forecast_run, its moves in
 * forecast_run_event), so any replica shows a run and takes its cancellation; the replica that
 * started a run executes it, one at a time (each run already uses every core) while the others
 * wait in line. That replica writes progress and a heartbeat every second and reads back whether
 * a cancellation was asked for; a run whose heartbeat stopped for {@code
 * rigtrail.forecast.run-heartbeat-timeout} (30 s) is moved to FAILED by any replica, and a replica
 * that shuts down marks its unfinished runs FAILED itself. Finished runs stay as records; their
 * forecasts are saved by ForecastService.
 */
@ApplicationScoped
public class ForecastJobs {

    private static final Logger LOG = Logger.getLogger(ForecastJobs.class);
    private static final String SYSTEM = "system";

    public enum State {
        QUEUED, RUNNING, DONE, CANCELLED, FAILED;

        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }

        /** A queued run starts, is cancelled or fails; a running one ends one way; an ended one never moves. */
        public boolean canMoveTo(State to) {
            return switch (this) {
                case QUEUED -> to == RUNNING || to == CANCELLED || to == FAILED;
                case RUNNING -> to == DONE || to == CANCELLED || to == FAILED;
                default -> false;
            };
        }
    }

    /** A run as a caller sees it: the database's row, with this replica's live count for the runs it executes. */
    public static final class Job {
        public final String id;
        public final String owner;
        public final int total;
        public final Instant started;
        /** The replica executing it. */
        public final String instance;
        private final int done;
        private final State state;
        private final Long forecastId;
        private final String error;
        private final boolean cancelRequested;

        Job(ForecastRun r, int liveDone) {
            this.id = r.id.toString();
            this.owner = r.owner;
            this.total = r.replicationsTotal;
            this.started = r.createdAt;
            this.instance = r.instance;
            this.done = Math.max(r.replicationsDone, r.state.finished() ? 0 : liveDone);
            this.state = r.state;
            this.forecastId = r.forecastId;
            this.error = r.error;
            this.cancelRequested = r.cancelRequestedAt != null;
        }

        public int done() {
            return done;
        }

        public int percent() {
            return total == 0 ? 0 : (int) (100L * done / total);
        }

        public State state() {
            return state;
        }

        public Long forecastId() {
            return forecastId;
        }

        public String error() {
            return error;
        }

        public boolean cancelRequested() {
            return cancelRequested;
        }

        public boolean finished() {
            return state.finished();
        }
    }

    /** A run this replica executes: the engine's monitor, fed back from the database every second. */
    private static final class LocalRun implements Monitor {
        final UUID id;
        final String user;
        final ForecastService.Prepared prepared;
        final AtomicInteger done = new AtomicInteger();
        final AtomicBoolean cancel = new AtomicBoolean();

        LocalRun(UUID id, String user, ForecastService.Prepared prepared) {
            this.id = id;
            this.user = user;
            this.prepared = prepared;
        }

        @Override
        public void progress(int replicationsDone) {
            done.accumulateAndGet(replicationsDone, Math::max);
        }

        @Override
        public boolean cancelled() {
            return cancel.get();
        }
    }

    private final Map<UUID, LocalRun> local = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "forecast-runner");
        t.setDaemon(true);
        return t;
    });

    @Inject
    ForecastService forecasts;

    @Inject
    Replica replica;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    ForecastConfig config;

    /** Queues a run on this replica; it starts when the runs before it are done. */
    public Job start(ForecastService.Prepared prepared, String user) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into forecast_run (id, owner, state, replications_total, instance, created_at, "
                    + "heartbeat_at) values (?1, ?2, 'QUEUED', ?3, ?4, now(), now())").setParameter(1, id)
                    .setParameter(2, user).setParameter(3, prepared.totalReplications()).setParameter(4, replica.id())
                    .executeUpdate();
            event(id, null, State.QUEUED, user, "started");
        });
        LocalRun run = new LocalRun(id, user, prepared);
        local.put(id, run);
        runner.submit(() -> execute(run));
        return QuarkusTransaction.requiringNew().call(() -> job(id));
    }

    /** The run, if it exists and belongs to this user (or the user is an admin), whichever replica executes it. */
    public Job get(String id, String user, boolean admin) {
        UUID uuid = parse(id);
        Job job = uuid == null ? null : QuarkusTransaction.requiringNew().call(() -> job(uuid));
        if (job == null || (!job.owner.equals(user) && !admin)) {
            throw ProblemException.notFound("Forecast run", id);
        }
        return job;
    }

    /**
     * Asks for the run to stop: a queued run is cancelled at once; a running one stops before its
     * next replication, within a second or so on whichever replica executes it, and saves nothing.
     */
    public Job cancel(String id, String user, boolean admin) {
        Job seen = get(id, user, admin);
        UUID uuid = UUID.fromString(seen.id);
        QuarkusTransaction.requiringNew().run(() -> {
            ForecastRun r = em.find(ForecastRun.class, uuid, LockModeType.PESSIMISTIC_WRITE);
            if (r.state.finished()) {
                return;
            }
            if (r.cancelRequestedAt == null) {
                r.cancelRequestedAt = Instant.now();
                r.cancelRequestedBy = user;
            }
            if (r.state == State.QUEUED) {
                moveLocked(r, State.CANCELLED, user, "cancelled before it started", x -> {
                });
            }
        });
        LocalRun run = local.get(uuid);
        if (run != null) {
            run.cancel.set(true);
        }
        return get(id, user, admin);
    }

    private void execute(LocalRun run) {
        long t0 = System.nanoTime();
        State outcome = State.FAILED;
        try {
            if (!move(run.id, State.RUNNING, SYSTEM, "started on " + replica.id(), r -> {
            })) {
                outcome = null; // cancelled or failed while it waited
                return;
            }
            try {
                long forecastId = forecasts.run(run.prepared, run.user, run).id;
                outcome = State.DONE;
                move(run.id, State.DONE, SYSTEM, "finished", r -> {
                    r.forecastId = forecastId;
                    r.replicationsDone = r.replicationsTotal;
                });
            } catch (CancellationException e) {
                outcome = State.CANCELLED;
                move(run.id, State.CANCELLED, null, "cancelled while running", r -> r.replicationsDone = Math.max(
                        r.replicationsDone, run.done.get()));
            } catch (ProblemException e) {
                fail(run, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("forecast run " + run.id + " failed", e);
                fail(run, "The forecast failed: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.errorf("forecast run %s could not record its state: %s", run.id, e.getMessage());
        } finally {
            local.remove(run.id);
            if (outcome != null) {
                Counter.builder("rigtrail.forecast.runs").description("Background forecast runs ended on this replica")
                        .tag("outcome", outcome.name()).register(registry).increment();
                Timer.builder("rigtrail.forecast.run.duration").description("How long background forecast runs took")
                        .tag("outcome", outcome.name()).register(registry)
                        .record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void fail(LocalRun run, String message) {
        move(run.id, State.FAILED, SYSTEM, message, r -> r.error = truncate(message));
    }

    /**
     * Every second: progress and heartbeat of this replica's runs into the database, and back from it
     * whether a replica asked for a cancellation (or declared the run failed).
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (local.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update forecast_run set heartbeat_at = now(), "
                        + "replications_done = greatest(replications_done, ?) where id = ? "
                        + "returning cancel_requested_at is not null or state not in ('QUEUED', 'RUNNING')")) {
            for (LocalRun run : local.values()) {
                ps.setInt(1, run.done.get());
                ps.setObject(2, run.id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        run.cancel.set(true);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("recording forecast progress failed (will retry): %s", e.getMessage());
        }
    }

    /** Every 10 s on every replica: runs whose replica stopped beating end as FAILED. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            failAbandoned();
        } catch (RuntimeException e) {
            LOG.warnf("looking for abandoned forecast runs failed (will retry): %s", e.getMessage());
        }
    }

    /** Moves the unfinished runs whose heartbeat is older than the timeout to FAILED; returns how many. */
    public int failAbandoned() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<ForecastRun> dead = em.createNativeQuery("select * from forecast_run where state in ('QUEUED', 'RUNNING') "
                    + "and heartbeat_at < now() - cast(?1 as interval) for update skip locked", ForecastRun.class)
                    .setParameter(1, config.runHeartbeatTimeout().toMillis() + " milliseconds").getResultList();
            for (ForecastRun r : dead) {
                String why = "The replica running it (" + r.instance + ") stopped answering; its last sign of life was "
                        + r.heartbeatAt + ". Start the run again.";
                moveLocked(r, State.FAILED, SYSTEM, why, x -> x.error = truncate(why));
            }
            if (!dead.isEmpty()) {
                LOG.warnf("%d forecast run(s) of stopped replicas marked failed", dead.size());
            }
            return dead.size();
        });
    }

    /**
     * Shutting down (after the HTTP drain): this replica's unfinished runs are marked FAILED (with
     * why) and stopped. Public for GracefulShutdownTest.
     */
    public void onStop(@Observes ShutdownEvent event) {
        for (LocalRun run : local.values()) {
            run.cancel.set(true);
            try {
                String why = "The replica running it (" + replica.id() + ") shut down before it finished. Start the run again.";
                move(run.id, State.FAILED, SYSTEM, why, r -> r.error = truncate(why));
            } catch (RuntimeException e) {
                LOG.warnf("could not mark forecast run %s as failed at shutdown: %s", run.id, e.getMessage());
            }
        }
        runner.shutdownNow();
        try {
            runner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many runs this replica executes or holds in line now. */
    public int activeHere() {
        return local.size();
    }

    private boolean move(UUID id, State to, String actor, String reason, Consumer<ForecastRun> also) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ForecastRun r = em.find(ForecastRun.class, id, LockModeType.PESSIMISTIC_WRITE);
            return r != null && moveLocked(r, to, actor, reason, also);
        });
    }

    /** The one place a run changes state: checked against {@link State#canMoveTo}, recorded as an event. */
    private boolean moveLocked(ForecastRun r, State to, String actor, String reason, Consumer<ForecastRun> also) {
        if (!r.state.canMoveTo(to)) {
            return false;
        }
        State from = r.state;
        r.state = to;
        if (to.finished()) {
            r.finishedAt = Instant.now();
        }
        also.accept(r);
        event(r.id, from, to, actor != null ? actor : r.cancelRequestedBy != null ? r.cancelRequestedBy : SYSTEM, reason);
        return true;
    }

    private void event(UUID run, State from, State to, String actor, String reason) {
        ForecastRunEvent e = new ForecastRunEvent();
        e.runId = run;
        e.at = Instant.now();
        e.actor = actor;
        e.fromState = from;
        e.toState = to;
        e.reason = reason == null ? null : truncate(reason);
        e.instance = replica.id();
        em.persist(e);
    }

    private Job job(UUID id) {
        ForecastRun r = em.find(ForecastRun.class, id);
        if (r == null) {
            return null;
        }
        LocalRun run = local.get(id);
        return new Job(r, run == null ? 0 : run.done.get());
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
