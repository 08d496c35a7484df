package io.diseq.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Messages given as command-line arguments, each as its UTF-8 bytes. */
public final class ArgumentMessageReader implements MessageReader {
    private final List<String> messages;
    private int next;
    private long bytesRead;

    public ArgumentMessageReader(List<String> messages) {
        this.messages = List.copyOf(messages);
    }

    @Override
    public byte[] next() {
        if (next == messages.size()) {
            return null;
        }
        byte[] bytes = messages.get(next++).getBytes(StandardCharsets.UTF_8);
        bytesRead += bytes.length;
        return bytes;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    public int count() {
        return messages.size();
    }
}
