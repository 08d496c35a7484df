package io.diseq.devnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, that every port the devnet will listen on is free, so that a port
 * held by another program is one clear message instead of a half-started network.
 */
public final class PortCheck {
    private final Map<Integer, String> ports = new LinkedHashMap<>();

    public PortCheck require(int port, String what) {
        String previous = ports.putIfAbsent(port, what);
        if (previous != null) {
            throw new IllegalArgumentException("port " + port + " is configured twice: " + previous + " and " + what);
        }
        return this;
    }

    /** The ports that are taken, as "port (what)" lines; empty when all are free. */
    public List<String> taken() {
        List<String> taken = new ArrayList<>();
        ports.forEach((port, what) -> {
            if (!free(port)) {
                taken.add(port + " (" + what + ")");
            }
        });
        return taken;
    }

    Map<Integer, String> ports() {
        return Map.copyOf(ports);
    }

    public static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers themselves (Jetty, Kafka): TIME_WAIT connections of a previous run do not
            // make a port "taken"; only a listening socket does.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
