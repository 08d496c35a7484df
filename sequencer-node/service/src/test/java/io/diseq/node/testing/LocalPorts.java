package io.diseq.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports for test servers, drawn below Linux's ephemeral range (32768-60999 by default).
 * A port the OS hands out for {@code new ServerSocket(0)} comes from that range, so between the
 * check and the server's bind, or while a stopped validator waits to be restarted on its port, an
 * outgoing connection (Kafka, PostgreSQL and gossip clients) can take it as its local port. Ports
 * below the range are never used that way.
 */
public final class LocalPorts {
    private static final int LOWEST = 20_000;
    private static final int SPAN = 12_000;

    private LocalPorts() {
    }

    /** {@code n} distinct ports that were free a moment ago. */
    public static List<Integer> free(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int attempt = 0; held.size() < n; attempt++) {
                if (attempt == 1_000) {
                    throw new IllegalStateException("no free ports between " + LOWEST + " and " + (LOWEST + SPAN));
                }
                bind(LOWEST + ThreadLocalRandom.current().nextInt(SPAN), held);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            held.forEach(LocalPorts::close);
        }
    }

    private static void bind(int port, List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(port));
                held.add(socket);
            } catch (IOException taken) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
