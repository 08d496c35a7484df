package io.diseq.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record of {@code <chain>.messages.rejected}: the raw record's key and value bytes unchanged,
 * plus the reason and the raw record's position in {@link RejectHeaders} headers. The raw record's
 * own headers are not carried over.
 *
 * @param key   the raw key bytes, or null
 * @param value the raw value bytes, or null (a rejected tombstone)
 */
public record RejectedRecord(IngestRejectCode code, String detail, String sourceTopic, int sourcePartition,
        long sourceOffset, byte[] key, byte[] value) {

    public RejectedRecord {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        detail = truncate(detail == null ? "" : detail);
    }

    /** The headers to write with this record. */
    public Headers toHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RejectHeaders.VERSION, utf8(RejectHeaders.VERSION_1));
        headers.add(RejectHeaders.CODE, utf8(code.wire()));
        headers.add(RejectHeaders.DETAIL, utf8(detail));
        headers.add(RejectHeaders.SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(RejectHeaders.SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
        headers.add(RejectHeaders.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        return headers;
    }

    /**
     * Reads a rejected record back.
     *
     * @throws IllegalArgumentException if a required header is missing or malformed, or the code
     *                                  is unknown to this version
     */
    public static RejectedRecord fromHeaders(Headers headers, byte[] key, byte[] value) {
        return new RejectedRecord(
                IngestRejectCode.fromWire(required(headers, RejectHeaders.CODE)),
                required(headers, RejectHeaders.DETAIL),
                required(headers, RejectHeaders.SOURCE_TOPIC),
                Integer.parseInt(required(headers, RejectHeaders.SOURCE_PARTITION)),
                Long.parseLong(required(headers, RejectHeaders.SOURCE_OFFSET)),
                key, value);
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("rejected record lacks header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String detail) {
        return detail.length() <= RejectHeaders.DETAIL_MAX_CHARS
                ? detail : detail.substring(0, RejectHeaders.DETAIL_MAX_CHARS);
    }
}
