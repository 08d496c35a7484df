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
            if (j == null || j.chainId == null || j.sender == null || j.height == null || j.round == null
                    || j.type == null || j.sequence == null || j.payload == null || j.signature == null) {
                return Optional.empty();
            }
            return Optional.of(new GossipEnvelope(j.chainId, j.sender, j.height, j.round, GossipType.valueOf(j.type),
                    j.sequence, Bytes.wrap(Hex.decode(j.payload)), Bytes.wrap(Hex.decode(j.signature))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
