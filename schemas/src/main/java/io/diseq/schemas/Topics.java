package io.diseq.schemas;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic registry of one chain (docs/protocol.md §20): every topic name is
 * {@code <chain id>.<role suffix>}. Used by ingest, the validator node and clients so that names and
 * serdes are written in exactly one place.
 */
public final class Topics {
    /** Chain ids are also topic-name prefixes: Kafka's legal characters minus '.', at most 64. */
    public static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final Serde<MessageId> MESSAGE_ID = new MessageIdSerde();
    private static final Serde<byte[]> BYTES = Serdes.ByteArray();
    private static final Serde<Long> HEIGHT = Serdes.Long();

    private final String chainId;

    private Topics(String chainId) {
        this.chainId = chainId;
    }

    /** @throws IllegalArgumentException if the chain id does not match {@link #CHAIN_ID} */
    public static Topics forChain(String chainId) {
        if (chainId == null || !CHAIN_ID.matcher(chainId).matches()) {
            throw new IllegalArgumentException("chain id must match " + CHAIN_ID.pattern() + ", got '"
                    + chainId + "'");
        }
        return new Topics(chainId);
    }

    public String chainId() {
        return chainId;
    }

    /** Key: null or the message id (checked by ingest); value: the message bytes. */
    public TopicSpec<MessageId, byte[]> rawMessages() {
        return new TopicSpec<>(name(TopicRole.RAW_MESSAGES), TopicRole.RAW_MESSAGES, MESSAGE_ID, BYTES);
    }

    /** Key: the message id (never null); value: the message bytes, 1 byte to the configured maximum. */
    public TopicSpec<MessageId, byte[]> messages() {
        return new TopicSpec<>(name(TopicRole.MESSAGES), TopicRole.MESSAGES, MESSAGE_ID, BYTES);
    }

    /**
     * Key and value: the original raw record's bytes, unchanged (the key may be malformed, so it is
     * not typed); the reason is in the headers, see {@link RejectedRecord}.
     */
    public TopicSpec<byte[], byte[]> rejected() {
        return new TopicSpec<>(name(TopicRole.REJECTED), TopicRole.REJECTED, BYTES, BYTES);
    }

    /** Key: the height as 8 bytes big-endian; value: the finalized-block record (node service). */
    public TopicSpec<Long, byte[]> blocks() {
        return new TopicSpec<>(name(TopicRole.BLOCKS), TopicRole.BLOCKS, HEIGHT, BYTES);
    }

    public List<TopicSpec<?, ?>> all() {
        return List.of(rawMessages(), messages(), rejected(), blocks());
    }

    public String name(TopicRole role) {
        return chainId + "." + role.suffix();
    }
}
