package io.diseq.node.gossip;

import io.diseq.core.runtime.GossipType;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of a {@link GossipEnvelope}: byte strings as lowercase hex, every field required,
 * unknown fields refused. Parsing yields the envelope or nothing (the caller rejects MALFORMED).
 */
public record EnvelopeJson(@JsonProperty("chainId") String chainId, @JsonProperty("sender") Integer sender,
                           @JsonProperty("height") Long height, @JsonProperty("round") Integer round,
                           @JsonProperty("type") String type, @JsonProperty("sequence") Long sequence,
                           @JsonProperty("payload") String payload, @JsonProperty("signature") String signature) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    public static EnvelopeJson of(GossipEnvelope e) {
        return new EnvelopeJson(e.chainId(), e.sender(), e.height(), e.round(), e.type().name(), e.sequence(),
                e.payload().toHex(), e.signature().toHex());
    }

    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Most envelopes in one batch body ({@code POST /internal/gossip/batch}). */
    public static final int BATCH_MAX = 256;

    /** A batch body: the JSON array of the envelopes' objects, already encoded one by one. */
    public static byte[] batch(List<byte[]> encoded) {
        int size = 2 + Math.max(0, encoded.size() - 1);
        for (byte[] e : encoded) {
            size += e.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        out[at++] = '[';
        for (int i = 0; i < encoded.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            System.arraycopy(encoded.get(i), 0, out, at, encoded.get(i).length);
            at += encoded.get(i).length;
        }
        out[at] = ']';
        return out;
    }

    /**
     * The envelopes of a batch body: a JSON array of 1 to {@link #BATCH_MAX} objects, each well-formed as in
     * {@link #parse}; empty if the body or any element is not (the caller rejects the batch MALFORMED). Total:
     * nothing is thrown.
     */
    public static Optional<List<GossipEnvelope>> parseBatch(byte[] body) {
        try {
            EnvelopeJson[] items = JSON.readValue(body, EnvelopeJson[].class);
            if (items == null || items.length == 0 || items.length > BATCH_MAX) {
                return Optional.empty();
            }
            List<GossipEnvelope> out = new ArrayList<>(items.length);
            for (EnvelopeJson j : items) {
                Optional<GossipEnvelope> e = j == null ? Optional.empty() : j.envelope();
                if (e.isEmpty()) {
                    return Optional.empty();
                }
                out.add(e.get());
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The envelope in {@code body}, or empty if it is not a well-formed one (the caller rejects
     * MALFORMED). A total function over bytes: anything that is not exactly one JSON object with the
     * eight fields, well-typed, in range, with hex byte strings and a known type, is empty; nothing is
     * thrown. The last catch is a line of defence only: {@link #read} leaves nothing for it (the fuzz
     * tests call {@link #read} and assert so).
     */
    public static Optional<GossipEnvelope> parse(byte[] body) {
        try {
            return read(body);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #parse} without its last line of defence: every expected rejection is empty here too. */
    static Optional<GossipEnvelope> read(byte[] body) {
        try {
            EnvelopeJson j = JSON.readValue(body, EnvelopeJson.class);
            return j == null ? Optional.empty() : j.envelope();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The envelope these fields make, or empty when one is missing or out of range. */
    private Optional<GossipEnvelope> envelope() {
        if (chainId == null || sender == null || height == null || round == null || type == null || sequence == null
                || payload == null || signature == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GossipEnvelope(chainId, sender, height, round, GossipType.valueOf(type), sequence,
                    Bytes.wrap(Hex.decode(payload)), Bytes.wrap(Hex.decode(signature))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
