package io.diseq.core.chain;

import java.util.Objects;

/**
 * Everything that must be identical on every validator of a chain (docs/protocol.md §7): the
 * genesis block is derived from it. Timeouts, limits and drift are checked by every validator, so a
 * validator configured differently from the others loses liveness, never safety.
 *
 * @param blockMessagesMax      most messages in one block (after skipping already sequenced ones)
 * @param blockBytesMax         most total message bytes in one block
 * @param maxClockDriftMs       how far a fresh proposal's timestamp may be from a validator's clock
 * @param emptyBlockIntervalMs  an idle height proposes an empty block after this long past the
 *                              parent's timestamp; 0 = never (the height waits for input)
 * @param messageBytesMax       the largest admissible message payload; a record of the input topic that is
 *                              empty (or null) or larger is skipped by every validator (§7.11)
 */
public record ChainConfig(String chainId, ValidatorSet validators, long genesisTimeMs, Timeouts timeouts,
                          int blockMessagesMax, long blockBytesMax, long maxClockDriftMs,
                          long emptyBlockIntervalMs, int messageBytesMax) {
    /** The protocol's default largest message (the ingest limit, docs/protocol.md §7.11). */
    public static final int MESSAGE_BYTES_MAX = 65_536;

    /** A chain with the default message limit {@link #MESSAGE_BYTES_MAX}. */
    public ChainConfig(String chainId, ValidatorSet validators, long genesisTimeMs, Timeouts timeouts,
                       int blockMessagesMax, long blockBytesMax, long maxClockDriftMs, long emptyBlockIntervalMs) {
        this(chainId, validators, genesisTimeMs, timeouts, blockMessagesMax, blockBytesMax, maxClockDriftMs,
                emptyBlockIntervalMs, MESSAGE_BYTES_MAX);
    }

    public ChainConfig {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(timeouts, "timeouts");
        if (chainId.isEmpty() || blockMessagesMax <= 0 || blockBytesMax <= 0 || maxClockDriftMs < 0
                || emptyBlockIntervalMs < 0 || genesisTimeMs < 0 || messageBytesMax <= 0) {
            throw new IllegalArgumentException("invalid chain config");
        }
    }

    /** Whether a record's payload may be sequenced at all (§7.11): not empty and at most messageBytesMax. */
    public boolean admissible(InputRecord record) {
        int length = record.payload().length();
        return length > 0 && length <= messageBytesMax;
    }
}
