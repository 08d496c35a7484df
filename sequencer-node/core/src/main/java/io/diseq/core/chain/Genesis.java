package io.diseq.core.chain;

import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.Map;

/**
 * Height 0, derived only from the chain config (docs/protocol.md §7.2), so every node computes the
 * same genesis id on every start: parent hash 32 zero bytes, timestamp = genesis time, round,
 * proposer and committer 0, empty commitment, no ranges, both roots the empty-trie root.
 */
public final class Genesis {
    public static final Bytes ZERO_HASH = Bytes.wrap(new byte[BlockHeader.HASH_LENGTH]);

    private Genesis() {}

    public static BlockHeader header(ChainConfig config) {
        return header(config.chainId(), config.validators(), config.genesisTimeMs());
    }

    /** The same header from the three values it depends on (what a chain file publishes, §7.2, §7.19). */
    public static BlockHeader header(String chainId, ValidatorSet validators, long genesisTimeMs) {
        return new BlockHeader(chainId, 0, 0, ZERO_HASH, genesisTimeMs, 0, 0, Bytes.EMPTY,
                List.of(), 0, MerklePatriciaTrie.EMPTY_ROOT, MerklePatriciaTrie.EMPTY_ROOT, validators.hash());
    }

    /** The chain tip of a fresh chain: genesis, every partition to be read from offset 0. */
    public static ChainTip tip(ChainConfig config) {
        BlockHeader header = header(config);
        return new ChainTip(header, header.id(), Map.of());
    }
}
