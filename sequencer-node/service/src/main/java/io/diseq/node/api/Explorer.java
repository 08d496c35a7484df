package io.diseq.node.api;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.assets.AssetServlet;
import java.nio.charset.StandardCharsets;

/**
 * Serves the block explorer (docs/operations.md §Explorer) at {@code /explorer/}: plain HTML and
 * JavaScript modules from the class path folder {@code explorer/} (src/main/resources/explorer), with
 * the vendored {@code @noble} libraries. Everything the page shows comes from this node's {@code /v1}
 * API and is verified in the browser against a chain file (docs/protocol.md §7.19); the page loads
 * nothing from any other origin (its Content-Security-Policy says so).
 */
public final class Explorer {
    static final String PATH = "/explorer";

    private Explorer() {
    }

    public static void register(Environment environment) {
        environment.servlets()
                .addServlet("explorer", new AssetServlet(PATH, PATH + "/", "index.html", StandardCharsets.UTF_8))
                .addMapping(PATH + "/*");
    }
}
