package io.diseq.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.dropwizard.lifecycle.Managed;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The gossip server: validator-to-validator traffic ({@code /internal/gossip}, {@code /internal/blocks})
 * on its own Jetty server, with its own connector, its own bounded thread pool and connection limit, and a Jersey
 * application that holds only the internal resources (docs/architecture.md §HTTP connectors). A flood or
 * a slow-client attack on the public API exhausts the public pool, never this one; the public API is not
 * reachable here and {@code /internal/*} is not reachable there. Errors are the node's JSON
 * {@link ErrorBody} like on the public port.
 */
public final class InternalServer implements Managed {
    /**
     * @param bindHost          interface to listen on; null for every interface
     * @param port              TCP port; 0 picks a free one ({@link #port()} tells which)
     * @param maxConnections    open connections beyond this are not accepted until one closes (Jetty's
     *                          connection limit); this bounds the work queue, which Jetty wants unbounded
     */
    public record Settings(String bindHost, int port, int minThreads, int maxThreads, int maxConnections,
                           ConnectorLimits limits) {
    }

    private static final int POOL_IDLE_MS = 60_000;
    private static final int REQUEST_HEADER_BYTES = 8_192;

    private final Server server;
    private final ServerConnector connector;
    private final ResourceConfig jersey = new io.dropwizard.jersey.DropwizardResourceConfig(); // registers resource instances without Jersey's provider warning

    public InternalServer(Settings settings, ObjectMapper json, HeaderTimeout headerTimeout) {
        QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), settings.minThreads(), POOL_IDLE_MS);
        pool.setName("gossip-http");
        server = new Server(pool);
        connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration(settings.limits())));
        connector.setHost(settings.bindHost());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.limits().idleTimeoutMs());
        connector.setName("gossip");
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new MinimumRequestRate(context(), Set.of(connector), settings.limits()));
        headerTimeout.watch(connector, settings.limits().headerTimeoutMs());
        jersey.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        jersey.register(new JacksonFeature(json));
        ErrorMapping.providers().forEach(jersey::register);
    }

    private static HttpConfiguration httpConfiguration(ConnectorLimits limits) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        limits.applyTo(http);
        return http;
    }

    private ServletContextHandler context() {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonServletErrorHandler());
        context.addServlet(new ServletHolder("internal-jersey", new ServletContainer(jersey)), "/*");
        return context;
    }

    /** Adds an internal resource or provider; only before {@link #start()}. */
    public void register(Object component) {
        if (server.isStarted()) {
            throw new IllegalStateException("the gossip server is running");
        }
        jersey.register(component);
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }

    /** The port the gossip connector listens on (after start). */
    public int port() {
        return connector.getLocalPort();
    }
}
