package app.rigtrail.platform.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test only: a request that holds its worker until the test lets it go (at most 60 s), so that a
 * test can fill the worker pool for exactly as long as it needs, whatever the machine's speed.
 */
@Path("/api/test-only/hold")
public class HoldingResource {

    static final AtomicInteger HOLDING = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(0);

    /** From now on requests hold their worker until {@link #releaseAll()}. */
    static void holdFromNow() {
        release = new CountDownLatch(1);
    }

    static void releaseAll() {
        release.countDown();
    }

    @GET
    @org.eclipse.microprofile.openapi.annotations.Operation(hidden = true)
    @RolesAllowed("manager")
    @Produces(MediaType.TEXT_PLAIN)
    public String hold() throws InterruptedException {
        HOLDING.incrementAndGet();
        try {
            return release.await(60, TimeUnit.SECONDS) ? "released" : "timed out";
        } finally {
            HOLDING.decrementAndGet();
        }
    }
}
