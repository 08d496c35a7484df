package io.diseq.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Loopback TCP proxies between the validators, one per directed link: validator i reaches validator
 * j's gossip server (consensus messages and block sync) at {@code proxyPort(i, j)}, which forwards to
 * j's real gossip port. The fault runner cuts a validator off from its peers by refusing every link
 * to and from it (open connections are closed, new ones are accepted and closed at once) and heals
 * it by forwarding again: a network partition without privileges.
 */
final class GossipProxies implements AutoCloseable {
    private final int validators;
    private final IntBinaryOperator proxyPort;
    private final IntUnaryOperator targetPort;
    private final List<Link> links = new ArrayList<>();
    private final Set<Integer> cut = new HashSet<>();

    GossipProxies(int validators, IntBinaryOperator proxyPort, IntUnaryOperator targetPort) {
        this.validators = validators;
        this.proxyPort = proxyPort;
        this.targetPort = targetPort;
    }

    /** Binds every link's port (before the validators start, so their first connection finds it). */
    GossipProxies start() throws IOException {
        for (int from = 0; from < validators; from++) {
            for (int to = 0; to < validators; to++) {
                if (from != to) {
                    Link link = new Link(from, to, proxyPort.applyAsInt(from, to), targetPort.applyAsInt(to));
                    links.add(link);
                    link.start();
                }
            }
        }
        return this;
    }

    /** Refuses every link to and from {@code validator} and closes the open connections. */
    synchronized void cutOff(int validator) {
        cut.add(validator);
        for (Link l : links) {
            if (l.from == validator || l.to == validator) {
                l.closeConnections();
            }
        }
    }

    /** Forwards the validator's links again. */
    synchronized void heal(int validator) {
        cut.remove(validator);
    }

    private synchronized boolean open(Link l) {
        return !cut.contains(l.from) && !cut.contains(l.to);
    }

    @Override
    public void close() {
        for (Link l : links) {
            l.close();
        }
    }

    private final class Link {
        final int from;
        final int to;
        final int port;
        final int target;
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        ServerSocket server;

        Link(int from, int to, int port, int target) {
            this.from = from;
            this.to = to;
            this.port = port;
            this.target = target;
        }

        void start() throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            Thread accept = new Thread(this::accept, "proxy-v" + from + "-v" + to);
            accept.setDaemon(true);
            accept.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return; // closed
                }
                if (!open(this)) {
                    quietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 1000);
                } catch (IOException e) {
                    quietly(client);
                    quietly(upstream);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            }
        }

        private void pipe(Socket in, Socket out) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream is = in.getInputStream()) {
                    OutputStream os = out.getOutputStream();
                    int n;
                    while ((n = is.read(buffer)) >= 0) {
                        os.write(buffer, 0, n);
                        os.flush();
                    }
                } catch (SocketException e) {
                    // closed by the other direction, a cut, or the peer
                } catch (IOException e) {
                    // the same: a link ends when either side ends
                } finally {
                    quietly(in);
                    quietly(out);
                    sockets.remove(in);
                    sockets.remove(out);
                }
            }, "proxy-pipe-v" + from + "-v" + to);
            t.setDaemon(true);
            t.start();
        }

        void closeConnections() {
            for (Socket s : sockets) {
                quietly(s);
            }
            sockets.clear();
        }

        void close() {
            try {
                server.close();
            } catch (IOException e) {
                // nothing left to do
            }
            closeConnections();
        }
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
