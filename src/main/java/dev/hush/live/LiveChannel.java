package dev.hush.live;

import dev.hush.auth.TokenService;
import dev.hush.config.HushConfiguration;
import dev.hush.core.BlockList;
import dev.hush.core.MessageService;
import dev.hush.http.ClientIpResolver;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jdbi.v3.core.Jdbi;

/** Wires the live channel: the /ws servlet, the socket registry and the commit listener. */
public final class LiveChannel {
    private LiveChannel() {
    }

    /**
     * Registers /ws on the application port and returns the registry of its sockets.
     * {@code wipeGeneration} returns the newest wipe generation known. Sockets whose token was
     * issued before it are closed with 4001.
     */
    public static LiveHub register(HushConfiguration config, Environment environment, Jdbi jdbi,
            MessageService messages, TokenService tokens, ClientIpResolver clientIps,
            BlockList blocks, Predicate<String> messageAllowance, LongSupplier wipeGeneration,
            Clock clock) {
        QueryTokenLogFilter.install();
        int maxCiphertext = config.http().maxCiphertextBytes();
        LiveLimits limits = LiveLimits.forCiphertext(maxCiphertext);
        LiveHub hub = new LiveHub(limits, environment.metrics(), wipeGeneration, clock);
        ClientFrameHandler frames = new ClientFrameHandler(hub, messages, limits, maxCiphertext,
                blocks, messageAllowance);

        JettyWebSocketServletContainerInitializer.configure(
                environment.getApplicationContext(), null);
        // An exact mapping wins over Jersey's /*, so /ws reaches this servlet.
        environment.servlets()
                .addServlet("live", new LiveServlet(hub, frames, limits, tokens, clientIps, blocks))
                .addMapping("/ws");

        environment.lifecycle().manage(hub);
        environment.lifecycle().manage(new CommitListener(config.dataSourceFactory(), jdbi, hub,
                environment.metrics(), clock));
        // Closing when the server starts stopping sends 1001 at once; Jetty's own 1001 comes
        // only after its graceful shutdown period.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                hub.closeAll(StatusCode.SHUTDOWN, "server shutting down");
            }
        });
        return hub;
    }
}
