package io.diseq.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, so that requests no HTTP client would send (a bad request line,
 * {@code %00} in a path, TRACE, a header sent one byte at a time) reach Jetty as written.
 */
final class RawHttp {
    /** A response: its status and its body (everything after the blank line). */
    record Reply(int status, String head, String body) {
    }

    private RawHttp() {
    }

    /** Sends {@code request} as is and reads until the server closes (requests carry Connection: close). */
    static Reply exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    /**
     * As {@link #exchange}, but writes the request in two pieces with a pause between them, as a client whose
     * request spans two TCP segments does.
     */
    static Reply exchangeInTwoPieces(int port, String first, String second, long pauseMs)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(first.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(pauseMs);
            out.write(second.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    static String get(String method, String target) {
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        int status = head.startsWith("HTTP/1.1 ") && head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
        return new Reply(status, head, body);
    }

    /**
     * Writes {@code prefix}, then one byte of {@code dribble} per {@code pauseMs}, until the server closes
     * the connection (true) or every byte is written and {@code maxWaitMs} more pass with no close (false).
     */
    static boolean closedWhileDribbling(int port, String prefix, String dribble, long pauseMs, long maxWaitMs)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) pauseMs);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(prefix.getBytes(StandardCharsets.ISO_8859_1));
            for (byte b : dribble.getBytes(StandardCharsets.ISO_8859_1)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException e) {
                    return true;
                }
                if (closedOrAnswered(in)) {
                    return true;
                }
            }
            long end = System.nanoTime() + maxWaitMs * 1_000_000;
            while (System.nanoTime() < end) {
                if (closedOrAnswered(in)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Writes {@code prefix}, then one byte of {@code dribble} per {@code pauseMs} until the server answers,
     * and returns its answer once it closes the connection; null if it never answered (all written, then
     * {@code maxWaitMs} with no answer).
     */
    static Reply dribbleUntilAnswered(int port, String prefix, String dribble, long pauseMs, long maxWaitMs)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(prefix.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (byte b : dribble.getBytes(StandardCharsets.ISO_8859_1)) {
                Thread.sleep(pauseMs);
                if (in.available() > 0) {
                    break;
                }
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException e) {
                    break; // cut off: whatever it answered is still readable
                }
            }
            socket.setSoTimeout((int) maxWaitMs);
            try {
                Reply reply = parse(readAll(in));
                return reply.status() < 0 ? null : reply;
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    /** Waits up to the socket timeout for the server to answer or close. */
    private static boolean closedOrAnswered(InputStream in) throws IOException {
        try {
            in.read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
