package io.diseq.core.sim;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Invalid variants of a block a byzantine proposer really built (docs/simulation.md, "Byzantine
 * behaviours"): bad roots, skipped offsets, invented records past the log end, reordered records, a
 * wrong message count, and timestamps that are not after the parent or too far from every clock.
 */
final class InvalidBlocks {
    private InvalidBlocks() {
    }

    static BlockHeader mutate(BlockHeader h, SimNode self, Simulation sim, SplittableRandom random) {
        ChainTip tip = self.core().tip();
        return switch (random.nextInt(7)) {
            case 0 -> with(h, h.ranges(), h.messageCount(), randomHash(random), h.stateRoot(), h.timestampMs());
            case 1 -> with(h, h.ranges(), h.messageCount(), h.messagesRoot(), randomHash(random), h.timestampMs());
            case 2 -> with(h, skipped(h, tip), h.messageCount(), h.messagesRoot(), h.stateRoot(), h.timestampMs());
            case 3 -> with(h, invented(h, tip, sim), h.messageCount() + 5, h.messagesRoot(), h.stateRoot(),
                    h.timestampMs());
            case 4 -> reordered(h, self, sim);
            case 5 -> with(h, h.ranges(), h.messageCount() + 1, h.messagesRoot(), h.stateRoot(), h.timestampMs());
            default -> with(h, h.ranges(), h.messageCount(), h.messagesRoot(), h.stateRoot(),
                    random.nextBoolean() ? tip.header().timestampMs() : h.timestampMs() + 20 * Simulation.MAX_DRIFT_MS);
        };
    }

    private static BlockHeader with(BlockHeader h, List<PartitionRange> ranges, int count, Bytes messagesRoot,
                                    Bytes stateRoot, long timestampMs) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), timestampMs, h.proposerIndex(),
                h.committerIndex(), h.commitmentPi(), ranges, count, messagesRoot, stateRoot, h.validatorSetHash());
    }

    private static Bytes randomHash(SplittableRandom random) {
        byte[] b = new byte[BlockHeader.HASH_LENGTH];
        random.nextBytes(b);
        return Bytes.wrap(b);
    }

    /** The first range starts one past the next unsequenced offset (or a fresh such range on partition 0). */
    private static List<PartitionRange> skipped(BlockHeader h, ChainTip tip) {
        List<PartitionRange> out = new ArrayList<>(h.ranges());
        if (out.isEmpty()) {
            long next = tip.nextOffset(0);
            out.add(new PartitionRange(0, next + 1, next + 2));
        } else {
            PartitionRange r = out.get(0);
            out.set(0, new PartitionRange(r.partition(), r.firstOffset() + 1, r.endOffset() + 1));
        }
        return out;
    }

    /** Every partition's range reaches five offsets past the end of the log. */
    private static List<PartitionRange> invented(BlockHeader h, ChainTip tip, Simulation sim) {
        List<PartitionRange> out = new ArrayList<>();
        for (int p = 0; p < sim.topic.partitionCount(); p++) {
            out.add(new PartitionRange(p, tip.nextOffset(p), sim.topic.endOffset(p) + 5));
        }
        return out;
    }

    /** The same ranges and count with the messages root of the records in reverse order. */
    private static BlockHeader reordered(BlockHeader h, SimNode self, Simulation sim) {
        ContentRule.Outcome o = ContentRule.recompute(sim.chain, self.core().tip(), h.height(), h.ranges(),
                self.inputLog(), self.nodes());
        List<byte[]> payloads = new ArrayList<>();
        if (o instanceof ContentRule.Outcome.Available a) {
            for (SequencedMessage m : a.content().messages()) {
                payloads.add(m.payload().toArray());
            }
        }
        if (payloads.size() < 2) {
            payloads.add(new byte[] {1, 2, 3});
        }
        Collections.reverse(payloads);
        return with(h, h.ranges(), h.messageCount(), MerklePatriciaTrie.orderedRoot(payloads), h.stateRoot(),
                h.timestampMs());
    }
}
