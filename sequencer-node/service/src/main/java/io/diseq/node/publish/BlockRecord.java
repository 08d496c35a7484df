package io.diseq.node.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.node.store.BlockRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The value of a {@code <chain>.blocks} record (schema: {@code schemas/block-record.schema.json},
 * docs/architecture-node.md §Finalized-block topic). JSON with byte strings as lowercase hex:
 * the block's header in its canonical RLP (the block id is keccak256 of it) and its quorum
 * certificate. Messages are not repeated: the header's offset ranges name them in
 * {@code <chain>.messages}, and the REST API serves them with proofs. The record key is the height
 * as 8 bytes big-endian.
 */
public record BlockRecord(@JsonProperty("version") int version, @JsonProperty("chainId") String chainId,
                          @JsonProperty("height") long height, @JsonProperty("blockId") String blockId,
                          @JsonProperty("header") String header, @JsonProperty("certificate") String certificate,
                          @JsonProperty("timestampMs") long timestampMs) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public BlockRecord {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(certificate, "certificate");
    }

    public static BlockRecord of(String chainId, BlockRow row) {
        return new BlockRecord(VERSION, chainId, row.height(), Hex.encode(row.blockId()), Hex.encode(row.headerRlp()),
                Hex.encode(row.certificate()), row.blockTimeMs());
    }

    public Bytes blockIdBytes() {
        return Bytes.fromHex(blockId);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BlockRecord fromJson(byte[] json) {
        try {
            return JSON.readValue(json, BlockRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed block record", e);
        }
    }

    public static byte[] key(long height) {
        return ByteBuffer.allocate(Long.BYTES).putLong(height).array();
    }

    public static long height(byte[] key) {
        if (key == null || key.length != Long.BYTES) {
            throw new IllegalArgumentException("block record key must be 8 bytes");
        }
        return ByteBuffer.wrap(key).getLong();
    }
}
