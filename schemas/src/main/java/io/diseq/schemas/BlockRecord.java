package io.diseq.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of a {@code <chain>.blocks} record, version 1 (schemas/README.md "Finalized-block record",
 * JSON Schema {@code schemas/block-record.v1.schema.json}, docs/protocol.md §20.6). JSON with byte
 * strings as lowercase hex: the block's header in its canonical RLP (docs/protocol.md §7.3; the block
 * id is keccak256 of it) and its quorum certificate (§7.10). Messages are not repeated: the header's
 * offset ranges name them in {@code <chain>.messages}, and the REST API serves them with proofs. The
 * record key is the height as 8 bytes big-endian ({@link #key}).
 *
 * <p>This class checks the record's shape only (hex, lengths, version); whether the header hashes to
 * {@code blockId} and the certificate holds a quorum is for a verifier with the validator set (the
 * client's {@code tail}).
 */
public record BlockRecord(int version, String chainId, long height, String blockId, String header, String certificate,
                          long timestampMs) {
    public static final int VERSION = 1;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BYTES = Pattern.compile("([0-9a-f]{2})+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, true);

    /** @throws IllegalArgumentException if a field breaks the version-1 format */
    public BlockRecord {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported block record version " + version + " (this reader knows "
                    + VERSION + ")");
        }
        Objects.requireNonNull(chainId, "chainId");
        require(height >= 1, "height must be at least 1, got " + height);
        require(blockId != null && HASH.matcher(blockId).matches(), "blockId must be 64 lowercase hex digits");
        require(header != null && BYTES.matcher(header).matches(), "header must be non-empty lowercase hex");
        require(certificate != null && BYTES.matcher(certificate).matches(), "certificate must be non-empty lowercase hex");
        require(timestampMs >= 0, "timestampMs must not be negative");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The record of a stored block: its id, canonical header RLP and certificate encoding. */
    public static BlockRecord of(String chainId, long height, byte[] blockId, byte[] headerRlp, byte[] certificate,
                                 long timestampMs) {
        HexFormat hex = HexFormat.of();
        return new BlockRecord(VERSION, chainId, height, hex.formatHex(blockId), hex.formatHex(headerRlp),
                hex.formatHex(certificate), timestampMs);
    }

    public byte[] blockIdBytes() {
        return HexFormat.of().parseHex(blockId);
    }

    public byte[] headerBytes() {
        return HexFormat.of().parseHex(header);
    }

    public byte[] certificateBytes() {
        return HexFormat.of().parseHex(certificate);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a block record always serializes", e);
        }
    }

    /**
     * Parses a record value. Unknown fields are ignored (a compatible addition keeps the version);
     * missing or ill-typed fields and a version other than 1 are errors.
     *
     * @throws IllegalArgumentException if the value is not a version-1 block record, for any bytes
     *     (nothing else is thrown)
     */
    public static BlockRecord fromJson(byte[] json) {
        try {
            return JSON.readValue(json, BlockRecord.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("malformed block record: " + firstLine(cause.getMessage()), e);
        } catch (IOException e) {
            // not a JsonProcessingException: bytes Jackson cannot even decode as text (e.g. a truncated
            // UTF-32 character, CharConversionException); found by BlockRecordFuzzTest
            throw new IllegalArgumentException("malformed block record: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The record key: the height as 8 bytes big-endian. */
    public static byte[] key(long height) {
        return ByteBuffer.allocate(Long.BYTES).putLong(height).array();
    }

    /** @throws IllegalArgumentException if the key is not 8 bytes */
    public static long height(byte[] key) {
        if (key == null || key.length != Long.BYTES) {
            throw new IllegalArgumentException("block record key must be 8 bytes");
        }
        return ByteBuffer.wrap(key).getLong();
    }
}
