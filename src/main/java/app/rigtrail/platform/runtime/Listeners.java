package app.rigtrail.platform.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Stops accepting connections without closing those already accepted. Vert.x 4 has no such call
 * ({@code HttpServer.close()} also closes every connection, which is how answers got cut at
 * shutdown), so this closes the listening socket of each HTTP server Vert.x shares between its event
 * loops: the kernel then refuses new connections (the client knows nothing was sent and may retry
 * elsewhere), while every connection already taken stays open until it is answered. The close runs
 * on the acceptor's event loop right after it has taken the connections waiting in the backlog (a
 * close queued behind other work let the kernel reset those that arrived meanwhile).
 * The management interface, when enabled, keeps listening (liveness).
 */
final class Listeners {

    private static final Logger LOG = Logger.getLogger(Listeners.class);

    private Listeners() {
    }

    /** Closes the listening sockets; returns how many were closed (0 when Vert.x' internals differ). */
    static int close(Vertx vertx) {
        if (!(vertx instanceof VertxInternal internal)) {
            return 0;
        }
        int management = ConfigProvider.getConfig().getOptionalValue("quarkus.management.enabled", Boolean.class)
                .orElse(false) ? ConfigProvider.getConfig().getOptionalValue("quarkus.management.port", Integer.class)
                        .orElse(9000) : -1;
        List<Channel> channels = new ArrayList<>();
        try {
            Field bind = TCPServerBase.class.getDeclaredField("bindFuture");
            bind.setAccessible(true);
            synchronized (internal.sharedHttpServers()) {
                for (HttpServerImpl server : internal.sharedHttpServers().values()) {
                    if (server.actualPort() == management) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Future<Channel> bound = (Future<Channel>) bind.get(server);
                    if (bound != null && bound.succeeded() && bound.result() != null && bound.result().isOpen()) {
                        channels.add(bound.result());
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Could not close the HTTP listener before draining (%s); it closes with the server", e.toString());
            return 0;
        }
        for (Channel c : channels) {
            // on the acceptor's event loop, in one task: take what the kernel holds, then close at once, so
            // that only a connection completing in those microseconds can still be reset
            c.eventLoop().submit(() -> {
                if (c instanceof AbstractNioChannel nio) {
                    for (int i = 0; i < 4; i++) {
                        nio.unsafe().read();
                    }
                }
                c.close();
            }).awaitUninterruptibly(2, TimeUnit.SECONDS);
            c.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        return channels.size();
    }
}
