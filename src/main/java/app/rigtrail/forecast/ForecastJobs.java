package app.rigtrail.forecast;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.platform.web.ProblemException;

/**
 * Forecasts run in the background for the studio: progress in replications, cancellation, and the
 * saved forecast's id when done. One run at a time per instance (each run already uses every core);
 * the others wait in line. Finished jobs are forgotten after an hour; their forecasts stay saved.
 */
@ApplicationScoped
public class ForecastJobs {

    private static final Logger LOG = Logger.getLogger(ForecastJobs.class);

    public enum State {
        QUEUED, RUNNING, DONE, CANCELLED, FAILED
    }

    public static final class Job implements Monitor {
        public final String id = UUID.randomUUID().toString();
        public final String owner;
        public final int total;
        public final Instant started = Instant.now();
        final AtomicInteger done = new AtomicInteger();
        final AtomicBoolean cancel = new AtomicBoolean();
        volatile State state = State.QUEUED;
        volatile Long forecastId;
        volatile String error;

        Job(String owner, int total) {
            this.owner = owner;
            this.total = total;
        }

        @Override
        public void progress(int replicationsDone) {
            done.accumulateAndGet(replicationsDone, Math::max);
        }

        @Override
        public boolean cancelled() {
            return cancel.get();
        }

        public int done() {
            return done.get();
        }

        public int percent() {
            return total == 0 ? 0 : (int) (100L * done.get() / total);
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

        public boolean finished() {
            return state == State.DONE || state == State.CANCELLED || state == State.FAILED;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "forecast-runner");
        t.setDaemon(true);
        return t;
    });

    @Inject
    ForecastService forecasts;

    public Job start(ForecastService.Prepared prepared, String user) {
        jobs.values().removeIf(j -> j.finished() && j.started.isBefore(Instant.now().minusSeconds(3600)));
        Job job = new Job(user, prepared.totalReplications());
        jobs.put(job.id, job);
        runner.submit(() -> {
            if (job.cancelled()) {
                job.state = State.CANCELLED;
                return;
            }
            job.state = State.RUNNING;
            try {
                job.forecastId = forecasts.run(prepared, user, job).id;
                job.state = State.DONE;
            } catch (CancellationException e) {
                job.state = State.CANCELLED;
            } catch (ProblemException e) {
                job.error = e.getMessage();
                job.state = State.FAILED;
            } catch (RuntimeException e) {
                LOG.error("forecast job " + job.id + " failed", e);
                job.error = "The forecast failed: " + e.getMessage();
                job.state = State.FAILED;
            }
        });
        return job;
    }

    /** The job, if it exists and belongs to this user (or the user is an admin). */
    public Job get(String id, String user, boolean admin) {
        Job job = jobs.get(id);
        if (job == null || (!job.owner.equals(user) && !admin)) {
            throw ProblemException.notFound("Forecast run", id);
        }
        return job;
    }

    public Job cancel(String id, String user, boolean admin) {
        Job job = get(id, user, admin);
        job.cancel.set(true);
        if (job.state == State.QUEUED) {
            job.state = State.CANCELLED;
        }
        return job;
    }

    @PreDestroy
    void stop() {
        jobs.values().forEach(j -> j.cancel.set(true));
        runner.shutdownNow();
    }
}
