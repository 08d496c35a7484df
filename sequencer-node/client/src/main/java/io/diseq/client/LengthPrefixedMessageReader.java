package io.diseq.client;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code --binary} input: each message is a 4-byte big-endian unsigned length followed by that many
 * bytes; the input ends cleanly only at a length boundary. Lengths above {@link #MAX_LENGTH} are
 * refused as a sign of input that is not in this format.
 */
public final class LengthPrefixedMessageReader implements MessageReader {
    /** 16 MiB: far above any configured message maximum, low enough to never exhaust memory. */
    public static final int MAX_LENGTH = 16 * 1024 * 1024;

    private final DataInputStream in;
    private long bytesRead;
    private long index;

    public LengthPrefixedMessageReader(InputStream in) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    @Override
    public byte[] next() throws IOException, ClientException {
        int first = in.read();
        if (first == -1) {
            return null;
        }
        int length;
        try {
            length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
        } catch (EOFException e) {
            throw new ClientException("binary input ends inside the length prefix of message #" + (index + 1));
        }
        if (length < 0 || length > MAX_LENGTH) {
            throw new ClientException("length prefix " + Integer.toUnsignedString(length) + " of message #" + (index + 1)
                    + " exceeds " + MAX_LENGTH + " bytes: is the input really 4-byte big-endian length-prefixed?");
        }
        byte[] message = new byte[length];
        try {
            in.readFully(message);
        } catch (EOFException e) {
            throw new ClientException("binary input ends inside message #" + (index + 1) + " (" + length
                    + " bytes announced)");
        }
        bytesRead += 4L + length;
        index++;
        return message;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }
}
