package io.diseq.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One message per line: the line's bytes exactly as read (no charset decoding), without the
 * terminating {@code \n} or {@code \r\n}. Empty lines are skipped, since a message is at least one
 * byte; use {@code --binary} for messages that contain newlines.
 */
public final class LineMessageReader implements MessageReader {
    private final InputStream in;
    private long bytesRead;

    public LineMessageReader(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    @Override
    public byte[] next() throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                bytesRead++;
                if (b == '\n') {
                    break;
                }
                line.write(b);
            }
            byte[] bytes = stripCarriageReturn(line.toByteArray());
            if (bytes.length > 0) {
                return bytes;
            }
            if (b == -1) {
                return null;
            }
        }
    }

    private static byte[] stripCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r'
                ? java.util.Arrays.copyOf(line, line.length - 1) : line;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }
}
