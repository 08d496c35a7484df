package io.diseq.node.wiring;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;

/**
 * The admin port (metrics, health checks, tasks) must not be reachable from the network unless an
 * operator asks for it: every admin connector without an explicit {@code bindHost} is bound to
 * 127.0.0.1. Dropwizard builds the server after {@code Application.run}, so adjusting the factories
 * there takes effect.
 */
public final class AdminExposure {
    public static final String LOOPBACK = "127.0.0.1";

    private AdminExposure() {
    }

    public static void bindAdminToLoopbackUnlessSet(ServerFactory serverFactory) {
        if (!(serverFactory instanceof DefaultServerFactory server)) {
            return;
        }
        for (ConnectorFactory connector : server.getAdminConnectors()) {
            if (connector instanceof HttpConnectorFactory http && http.getBindHost() == null) {
                http.setBindHost(LOOPBACK);
            }
        }
    }
}
