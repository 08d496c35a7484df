package io.diseq.node.http;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Hardens Dropwizard's own server (public API, explorer, admin): the node's {@link ConnectorLimits} on
 * every application connector (the minimum request rate by {@link MinimumRequestRate}), the header
 * timeout on every connector, the JSON error handler on the server and its servlet contexts, and the
 * node's error mappers instead of Dropwizard's defaults (their bodies carry a numeric code). Dropwizard builds its server after {@code Application.run}: the
 * factories are adjusted in {@code run}, the built server when it starts.
 */
public final class PublicServer {
    private static final String APPLICATION = "application";

    private PublicServer() {
    }

    /** Before Dropwizard builds the server (in {@code run}). */
    public static void configure(ServerFactory serverFactory, ConnectorLimits limits) {
        if (!(serverFactory instanceof DefaultServerFactory server)) {
            return;
        }
        server.setRegisterDefaultExceptionMappers(false);
        for (ConnectorFactory connector : server.getApplicationConnectors()) {
            if (connector instanceof HttpConnectorFactory http) {
                http.setIdleTimeout(Duration.milliseconds(limits.idleTimeoutMs()));
                http.setMinRequestDataPerSecond(DataSize.bytes(0)); // MinimumRequestRate enforces it instead
                http.setMinResponseDataPerSecond(DataSize.bytes(limits.minResponseBytesPerSecond()));
            }
        }
    }

    /** Dropwizard names every application connector "application" (and the admin ones "admin"). */
    private static Set<Connector> applicationConnectors(Server server) {
        return Arrays.stream(server.getConnectors()).filter(c -> APPLICATION.equals(c.getName()))
                .collect(Collectors.toSet());
    }

    /** Registers the error layer and the header timeout on the environment (in {@code run}). */
    public static void install(Environment environment, ConnectorLimits limits, HeaderTimeout headerTimeout) {
        ErrorMapping.providers().forEach(environment.jersey()::register);
        environment.getApplicationContext().setErrorHandler(new JsonServletErrorHandler());
        environment.getAdminContext().setErrorHandler(new JsonServletErrorHandler());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new JsonErrorHandler());
                    for (Connector connector : server.getConnectors()) {
                        headerTimeout.watch(connector, limits.headerTimeoutMs());
                    }
                    server.setHandler(new MinimumRequestRate(server.getHandler(), applicationConnectors(server),
                            limits));
                }
            }
        });
    }
}
