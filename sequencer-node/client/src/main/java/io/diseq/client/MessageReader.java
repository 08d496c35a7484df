package io.diseq.client;

import java.io.IOException;

/** A stream of messages read from input, one at a time, so input of any size runs in bounded memory. */
public interface MessageReader {
    /** The next message, or null at the end of input. */
    byte[] next() throws IOException, ClientException;

    /** Input bytes consumed so far (for progress against a known file size). */
    long bytesRead();
}
