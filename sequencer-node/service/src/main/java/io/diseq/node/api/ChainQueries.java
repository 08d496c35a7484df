package io.diseq.node.api;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.Validator;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.node.http.ApiException;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.MessageRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads decided blocks, receipts and state roots from the node's own storage (docs/protocol.md
 * §6.5, §7.3, §7.10, §7.17). Height 0 is the genesis header derived from the chain config (it has no
 * certificate); every other height is a stored block. A receipt's messages proof is rebuilt from the
 * block's stored messages; its state proof is read from the cumulative state trie at the state root
 * of the block that includes the message, so it verifies against that block's header. An id that is
 * not sequenced gets an absence proof under the latest block's state root instead (§7.20).
 */
public final class ChainQueries {
    private final ChainConfig chain;
    private final BlockStore blocks;
    private final NodeStore stateNodes;
    private final BlockHeader genesis;
    private final DecidedBlockCache decided;

    /** @param receiptBlockCacheBytes bound of the cache of decided blocks' shared receipt parts */
    public ChainQueries(ChainConfig chain, BlockStore blocks, NodeStore stateNodes, long receiptBlockCacheBytes) {
        this.chain = chain;
        this.blocks = blocks;
        this.stateNodes = stateNodes;
        this.genesis = Genesis.header(chain);
        this.decided = new DecidedBlockCache(blocks, receiptBlockCacheBytes);
    }

    Views.Block block(long height) {
        if (height == 0) {
            return genesisBlock(List.of());
        }
        BlockRow row = blocks.block(height).orElseThrow(() -> notFound(height));
        List<String> ids = blocks.messagesAt(height).stream().map(m -> Hex.encode(m.id())).toList();
        return view(row, ids);
    }

    Views.Block latest() {
        return blocks.latest().map(row -> block(row.height())).orElseGet(() -> genesisBlock(List.of()));
    }

    /** Up to {@code limit} consecutive blocks from {@code from}; the cursor continues after the last one. */
    Views.BlockPage range(long from, int limit) {
        List<Views.Block> page = new ArrayList<>(limit);
        if (from == 0) {
            page.add(genesisBlock(null));
        }
        long start = Math.max(from, 1);
        for (BlockRow row : blocks.blocksFrom(start, limit - page.size())) {
            page.add(view(row, null));
        }
        long next = page.isEmpty() ? from : page.get(page.size() - 1).height() + 1;
        return new Views.BlockPage(page, Params.cursor(next));
    }

    /**
     * The receipt of a sequenced message, or the proof that it is not sequenced as of this node's latest
     * block (docs/protocol.md §7.20). The message table and the state trie are written in one
     * transaction, so an id absent from the table is absent from the trie at the latest root read
     * after it; if the id was sequenced in between, the trie says so and the receipt is served instead.
     */
    public Views.ReceiptOrAbsence receiptOrAbsence(Bytes messageId) {
        Optional<MessageRow> message = blocks.message(messageId);
        if (message.isPresent()) {
            return receipt(messageId, message.get());
        }
        Optional<BlockRow> latest = blocks.latest();
        BlockHeader header = latest.map(r -> BlockHeader.decode(r.headerRlp())).orElse(genesis);
        MerklePatriciaTrie state = MerklePatriciaTrie.open(stateNodes, header.stateRoot());
        if (state.get(messageId.toArray()) != null) {
            return receipt(messageId, blocks.message(messageId).orElseThrow(() -> new IllegalStateException(
                    "message " + messageId.toHex() + " is in the state trie but not in the message table")));
        }
        Views.Certificate certificate = latest.map(r -> Views.Certificate.of(QuorumCertificate.decode(r.certificate())))
                .orElse(null);
        return new Views.NotSequenced(ApiCode.MESSAGE_NOT_FOUND.name(), "message " + messageId.toHex()
                + " is not sequenced as of height " + header.height() + " on this node; absence proves it",
                new Views.Absence(chain.chainId(), messageId.toHex(), header.height(), Views.Header.of(header),
                        certificate, TrieProofs.toHex(state.prove(messageId.toArray()))));
    }

    /**
     * The messages proof comes from the block's cached messages-trie branches plus the message itself;
     * the state proof from the state trie at the block's root (its upper levels are in the node cache).
     */
    private Views.Receipt receipt(Bytes messageId, MessageRow message) {
        DecidedBlockCache.Entry block = decided.get(message.height()).orElseThrow(() -> notFound(message.height()));
        List<byte[]> messagesProof = block.messages().prove(message.idx(), message.body());
        List<byte[]> stateProof = MerklePatriciaTrie.open(stateNodes, block.header().stateRoot())
                .prove(messageId.toArray());
        return new Views.Receipt(chain.chainId(), messageId.toHex(), message.height(), message.idx(),
                Hex.encode(message.body()), block.headerView(), block.certificate(),
                TrieProofs.toHex(messagesProof), TrieProofs.toHex(stateProof));
    }

    /** The chain file of this node's configuration (docs/protocol.md §7.19). */
    Views.Chain chainFile() {
        List<Views.ChainValidator> validators = new ArrayList<>();
        for (int i = 0; i < chain.validators().size(); i++) {
            Validator v = chain.validators().get(i);
            validators.add(new Views.ChainValidator(i, v.id(), v.signingKey().toHex(), v.vrfKey().toHex(), v.gossipUrl()));
        }
        return new Views.Chain(Views.Chain.VERSION, chain.chainId(), chain.genesisTimeMs(), validators,
                chain.validators().hash().toHex(), genesis.id().toHex());
    }

    Views.StateRoot stateRoot(long height) {
        Views.Block block = block(height);
        return new Views.StateRoot(block.height(), block.id(), block.header().stateRoot());
    }

    Views.StateRoot latestStateRoot() {
        BlockHeader header = blocks.latest().map(r -> BlockHeader.decode(r.headerRlp())).orElse(genesis);
        return new Views.StateRoot(header.height(), header.id().toHex(), header.stateRoot().toHex());
    }

    private Views.Block genesisBlock(List<String> ids) {
        return new Views.Block(0, genesis.id().toHex(), Views.Header.of(genesis), null, ids);
    }

    private static Views.Block view(BlockRow row, List<String> messageIds) {
        BlockHeader header = BlockHeader.decode(row.headerRlp());
        return new Views.Block(row.height(), Hex.encode(row.blockId()), Views.Header.of(header),
                Views.Certificate.of(QuorumCertificate.decode(row.certificate())), messageIds);
    }

    private static ApiException notFound(long height) {
        return new ApiException(ApiCode.BLOCK_NOT_FOUND, "no decided block at height " + height + " on this node");
    }
}
