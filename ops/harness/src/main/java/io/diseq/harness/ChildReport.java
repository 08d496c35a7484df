package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.Histogram;

/**
 * The line protocol between the harness and its producer and consumer processes: a child prints
 * {@code READY} when it is set up and one {@code RESULT {json}} line before it exits; the harness
 * reads both from the child's output file ({@link JavaProcess#lastLine}). Histograms travel as
 * HdrHistogram's compressed encoding in base64.
 */
final class ChildReport {
    static final String READY = "READY";
    static final String RESULT = "RESULT ";
    static final ObjectMapper JSON = new ObjectMapper();

    private ChildReport() {
    }

    static ObjectNode result() {
        ObjectNode node = JSON.createObjectNode();
        node.put("cpuSeconds", ownCpuSeconds());
        return node;
    }

    static void print(ObjectNode result) {
        System.out.println(RESULT + result);
        System.out.flush();
    }

    /** The {@code RESULT} line of a child that has exited, parsed; fails naming the child's output file. */
    static JsonNode resultOf(JavaProcess child) throws java.io.IOException {
        return JSON.readTree(child.lastLine(RESULT).orElseThrow(() -> new IllegalStateException(
                "no result from " + child.name() + "; see " + child.output())));
    }

    /** Seconds between two millisecond fields of a result ({@code firstSendMs}/{@code lastSendMs}, ...), at least 1 ms. */
    static double spanSeconds(JsonNode result, String firstField, String lastField) {
        return Math.max(0.001, (result.path(lastField).asLong() - result.path(firstField).asLong()) / 1000.0);
    }

    static void ready() {
        System.out.println(READY);
        System.out.flush();
    }

    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    /** A latency histogram in milliseconds, up to one hour, 3 significant digits. */
    static Histogram latencyHistogramMs() {
        return new Histogram(3_600_000L, 3);
    }

    static double ownCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }
}
