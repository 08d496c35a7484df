package io.diseq.harness;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 GET client over one kept-alive connection, for the receipt probe: the
 * JDK's {@code HttpClient} spends more CPU per request than a validator spends answering it, so on a
 * 2-core machine it, not the validator, capped the probe. Reads the status line, the headers and a
 * {@code Content-Length} or chunked body (discarded), and reconnects after any error or a
 * {@code Connection: close}. One instance per thread; not thread-safe.
 */
final class KeepAliveGet implements AutoCloseable {
    private static final int TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final byte[] buffer = new byte[16 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveGet(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** The status of {@code GET path}, or -1 on an I/O error (the connection is then dropped). */
    int get(String path) {
        try {
            if (socket == null) {
                connect();
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            return -1;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        out = s.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    private long chunkSize() throws IOException {
        String l = line();
        int semicolon = l.indexOf(';');
        return Long.parseLong((semicolon >= 0 ? l.substring(0, semicolon) : l).trim(), 16);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("connection closed inside a body");
            }
            n -= r;
        }
    }

    /** One CRLF-terminated line without its terminator (headers are ASCII). */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (c != '\r') {
                b.append((char) c);
            }
            if (b.length() > 8192) {
                throw new IOException("response line too long");
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is dropped either way
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
