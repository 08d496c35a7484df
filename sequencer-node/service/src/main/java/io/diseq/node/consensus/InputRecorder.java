package io.diseq.node.consensus;

import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.Output;
import io.diseq.core.runtime.Recording;
import io.diseq.core.runtime.StepInputLog;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every step of the driver's runtime to a bounded file (docs/operations-node.md, "Record and replay";
 * {@code consensus.recordTo}): the frames of {@link Recording}, each as a 4-byte length and its bytes, after a
 * magic line. When the file reaches {@code consensus.recordMaxBytes} recording stops (one log line); the node
 * goes on. A write error also stops recording only. Driver thread only.
 */
public final class InputRecorder {
    static final byte[] MAGIC = "DISEQ-RECORDING-1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(InputRecorder.class);

    private final DataOutputStream out;
    private final long maxBytes;
    private final Map<Integer, Long> recordedTo = new HashMap<>();
    private long written;
    private long frames;
    private boolean stopped;

    private InputRecorder(DataOutputStream out, long maxBytes) {
        this.out = out;
        this.maxBytes = maxBytes;
    }

    public static InputRecorder open(Path file, long maxBytes, Recording.Start start) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
            out.write(MAGIC);
            InputRecorder r = new InputRecorder(out, maxBytes);
            r.frame(Recording.encode(start));
            LOG.info("recording consensus inputs to {} (at most {} bytes)", file, maxBytes);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the recording " + file, e);
        }
    }

    /**
     * Records one step: {@code positions} as frozen for it, the records that became readable since the last
     * step from the tip's next offsets on (those below were sequenced before), and the outputs' digest.
     */
    void step(long nowMs, Input input, Map<Integer, Long> positions, ChainTip tipBefore, StepInputLog log,
              List<Output> outputs) {
        if (stopped) {
            return;
        }
        List<InputRecord> fresh = new ArrayList<>();
        positions.forEach((p, pos) -> {
            long from = Math.max(recordedTo.getOrDefault(p, 0L), tipBefore.nextOffset(p));
            fresh.addAll(log.held(p, from, pos));
            recordedTo.put(p, pos);
        });
        frame(Recording.encode(new Recording.Step(nowMs, input, positions, fresh, Recording.digest(outputs))));
    }

    private void frame(byte[] frame) {
        if (written + frame.length + 4 > maxBytes) {
            LOG.warn("the recording reached consensus.recordMaxBytes ({} bytes): recording stops", maxBytes);
            close();
            return;
        }
        try {
            out.writeInt(frame.length);
            out.write(frame);
            written += frame.length + 4L;
            if (++frames % 64 == 0) {
                out.flush();
            }
        } catch (IOException e) {
            LOG.warn("the recording cannot be written, recording stops: {}", e.toString());
            close();
        }
    }

    void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the recording failed: {}", e.toString());
        }
    }
}
