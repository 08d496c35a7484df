package io.diseq.core.chain;

import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.MessageLocation;
import io.diseq.core.trie.MissingNodeException;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The block-content rule (docs/protocol.md §7.11). A block names per partition a contiguous range
 * starting exactly at the next unsequenced offset. Its messages are the ranges' records interleaved
 * round-robin (the k-th record of every range, partitions ascending, then the (k+1)-th, …), minus
 * records whose message id is already in the cumulative state trie or earlier in the same block.
 * Records that are empty or larger than {@code messageBytesMax} are skipped the same way (§7.11).
 * The proposer ({@link #assemble}) and every validator ({@link #recompute}) apply the same walk.
 */
public final class ContentRule {
    /** Records fetched per partition when verifying a range; bounds work on a hostile range. */
    static final int MAX_RECORDS_PER_RANGE = 1 << 20;

    private ContentRule() {}

    /** The outcome of recomputing a proposed block's content from the local input log. */
    public sealed interface Outcome {
        record Available(BlockContent content) implements Outcome {}

        /** The log has not read far enough yet: wait for input. */
        record Unavailable(String detail) implements Outcome {}

        record Invalid(String detail) implements Outcome {}

        /**
         * The state trie is not complete in the given store: these nodes (at least) must be loaded before the
         * walk can finish. A value, not an exception, so a caller holding a cache can fetch them and retry.
         */
        record MissingNodes(Set<Bytes> hashes) implements Outcome {
            public MissingNodes {
                hashes = Set.copyOf(hashes);
            }
        }
    }

    /**
     * The proposer's content for height {@code height}: per partition the longest range the local
     * log holds that keeps the block within blockMessagesMax and blockBytesMax.
     */
    public static BlockContent assemble(ChainConfig config, ChainTip tip, long height, InputLog log, NodeStore store) {
        Outcome o = assembleOrMissing(config, tip, height, log, store);
        if (o instanceof Outcome.MissingNodes m) {
            throw new MissingNodeException(m.hashes().iterator().next());
        }
        return ((Outcome.Available) o).content();
    }

    /** As {@link #assemble}, but a state trie incomplete in {@code store} is {@link Outcome.MissingNodes}. */
    public static Outcome assembleOrMissing(ChainConfig config, ChainTip tip, long height, InputLog log,
                                            NodeStore store) {
        return assembleOrMissing(config, tip, height, log, openState(store, tip));
    }

    /**
     * As above, reading the tip's state trie through {@code state}, a trie open at the tip's state root
     * that the caller keeps between walks (see {@link MerklePatriciaTrie#fork}): the nodes earlier walks
     * loaded are not loaded again, so a walk repeated after missing nodes arrived redoes little. The
     * outcome is the same as with a freshly opened trie; {@code state} itself is never modified.
     */
    public static Outcome assembleOrMissing(ChainConfig config, ChainTip tip, long height, InputLog log,
                                            MerklePatriciaTrie state) {
        TreeMap<Integer, List<InputRecord>> held = new TreeMap<>();
        TreeMap<Integer, Long> readTo = new TreeMap<>();
        for (int p : log.partitions()) {
            long next = tip.nextOffset(p);
            long position = log.readPosition(p);
            if (position > next) {
                held.put(p, log.records(p, next, position, config.blockMessagesMax()));
                readTo.put(p, position);
            }
        }
        Walk walk = new Walk(config, tip, state);
        TreeMap<Integer, Long> ends = walk.takeWithinLimits(held, readTo);
        if (!walk.missing.isEmpty()) {
            return new Outcome.MissingNodes(walk.missing);
        }
        List<PartitionRange> ranges = new ArrayList<>();
        ends.forEach((p, end) -> {
            if (end > tip.nextOffset(p)) {
                ranges.add(new PartitionRange(p, tip.nextOffset(p), end));
            }
        });
        return walk.finishOrMissing(height, ranges);
    }

    /** Recomputes the content of {@code ranges} from the local log and checks the range and limit rules. */
    public static Outcome recompute(ChainConfig config, ChainTip tip, long height, List<PartitionRange> ranges,
                                    InputLog log, NodeStore store) {
        return recompute(config, tip, height, ranges, log, store, true);
    }

    /**
     * As above; {@code requireStartAtNext} false skips the rule that a range starts at the next unsequenced
     * offset. Only the simulator's planted-bug tests pass false (a broken core, and the byzantine proposer
     * that builds such a block with recomputed roots); every verifier uses the method above.
     */
    public static Outcome recompute(ChainConfig config, ChainTip tip, long height, List<PartitionRange> ranges,
                                    InputLog log, NodeStore store, boolean requireStartAtNext) {
        return recompute(config, tip, height, ranges, log, openState(store, tip), requireStartAtNext);
    }

    /** As above, reading the tip's state trie through a trie the caller keeps (see {@link #assembleOrMissing}). */
    public static Outcome recompute(ChainConfig config, ChainTip tip, long height, List<PartitionRange> ranges,
                                    InputLog log, MerklePatriciaTrie state, boolean requireStartAtNext) {
        TreeMap<Integer, List<InputRecord>> held = new TreeMap<>();
        for (PartitionRange r : ranges) {
            if (!log.partitions().contains(r.partition())) {
                return new Outcome.Invalid("range for unknown partition " + r.partition());
            }
            if (requireStartAtNext && r.firstOffset() != tip.nextOffset(r.partition())) {
                return new Outcome.Invalid("range of partition " + r.partition() + " starts at " + r.firstOffset()
                        + ", next unsequenced offset is " + tip.nextOffset(r.partition()));
            }
            if (log.readPosition(r.partition()) < r.endOffset()) {
                return new Outcome.Unavailable("partition " + r.partition() + " read to "
                        + log.readPosition(r.partition()) + ", range ends at " + r.endOffset());
            }
            held.put(r.partition(), log.records(r.partition(), r.firstOffset(), r.endOffset(), MAX_RECORDS_PER_RANGE));
        }
        Walk walk = new Walk(config, tip, state);
        String violation = walk.takeAll(held);
        if (!walk.missing.isEmpty()) {
            return new Outcome.MissingNodes(walk.missing);
        }
        if (violation != null) {
            return new Outcome.Invalid(violation);
        }
        return walk.finishOrMissing(height, ranges);
    }

    private static MerklePatriciaTrie openState(NodeStore store, ChainTip tip) {
        return MerklePatriciaTrie.open(store, tip.header().stateRoot());
    }

    /** One pass over interleaved records: skips sequenced ids, enforces limits, builds the roots. */
    private static final class Walk {
        private final ChainConfig config;
        private final MerklePatriciaTrie state;
        private final Set<Bytes> seen = new HashSet<>();
        private final List<InputRecord> taken = new ArrayList<>();
        private final List<Bytes> takenIds = new ArrayList<>();
        /** Trie nodes the store lacked; the walk goes on so that one pass names as many as it can. */
        private final Set<Bytes> missing = new HashSet<>();
        private long bytes;

        /** {@code state}: open at the tip's state root, read here and only forked for the block's inserts. */
        Walk(ChainConfig config, ChainTip tip, MerklePatriciaTrie state) {
            if (!state.rootHash().equals(tip.header().stateRoot())) {
                throw new IllegalArgumentException("the state trie is at " + state.rootHash() + ", the tip's state root is "
                        + tip.header().stateRoot());
            }
            this.config = config;
            this.state = state;
        }

        /**
         * True iff the id is neither in the state trie nor earlier in this block. A lookup that meets a
         * missing node records it and answers false; the walk's result is then discarded.
         */
        private boolean fresh(Bytes id) {
            if (seen.contains(id)) {
                return false;
            }
            try {
                return state.get(id.unsafeArray()) == null;
            } catch (MissingNodeException e) {
                missing.add(e.hash());
                return false;
            }
        }

        /** Empty, null and oversized records are never sequenced (§7.11); they are skipped like duplicates. */
        private boolean admissible(InputRecord record) {
            return config.admissible(record);
        }

        private boolean fits(InputRecord record) {
            return taken.size() < config.blockMessagesMax()
                    && bytes + record.payload().length() <= config.blockBytesMax();
        }

        private void take(InputRecord record, Bytes id) {
            seen.add(id);
            taken.add(record);
            takenIds.add(id);
            bytes += record.payload().length();
        }

        /** The proposer's walk; returns per partition the exclusive end offset it reached. */
        TreeMap<Integer, Long> takeWithinLimits(TreeMap<Integer, List<InputRecord>> held, TreeMap<Integer, Long> readTo) {
            TreeMap<Integer, Long> ends = new TreeMap<>();
            Set<Integer> stopped = new HashSet<>();
            int longest = held.values().stream().mapToInt(List::size).max().orElse(0);
            for (int k = 0; k < longest; k++) {
                for (var e : held.entrySet()) {
                    if (k >= e.getValue().size() || stopped.contains(e.getKey())) {
                        continue;
                    }
                    InputRecord record = e.getValue().get(k);
                    Bytes id = admissible(record) ? record.messageId() : null;
                    if (id != null && fresh(id)) {
                        if (!fits(record)) {
                            stopped.add(e.getKey());
                            continue;
                        }
                        take(record, id);
                    }
                    ends.put(e.getKey(), record.offset() + 1);
                }
            }
            for (var e : readTo.entrySet()) {
                if (!stopped.contains(e.getKey()) && held.get(e.getKey()).size() < config.blockMessagesMax()) {
                    ends.put(e.getKey(), e.getValue()); // every held record taken: cover trailing markers too
                }
            }
            return ends;
        }

        /** The validator's walk over exactly the named ranges; returns a violation or null. */
        String takeAll(TreeMap<Integer, List<InputRecord>> held) {
            int longest = held.values().stream().mapToInt(List::size).max().orElse(0);
            for (int k = 0; k < longest; k++) {
                for (List<InputRecord> records : held.values()) {
                    if (k >= records.size()) {
                        continue;
                    }
                    InputRecord record = records.get(k);
                    Bytes id = admissible(record) ? record.messageId() : null;
                    if (id != null && fresh(id)) {
                        if (!fits(record)) {
                            return "block exceeds " + config.blockMessagesMax() + " messages or "
                                    + config.blockBytesMax() + " bytes";
                        }
                        take(record, id);
                    }
                }
            }
            return null;
        }

        Outcome finishOrMissing(long height, List<PartitionRange> ranges) {
            try {
                return new Outcome.Available(finish(height, ranges));
            } catch (MissingNodeException e) {
                return new Outcome.MissingNodes(Set.of(e.hash()));
            }
        }

        private BlockContent finish(long height, List<PartitionRange> ranges) {
            List<SequencedMessage> messages = new ArrayList<>(taken.size());
            List<byte[]> payloads = new ArrayList<>(taken.size());
            MerklePatriciaTrie next = state.fork();
            for (int i = 0; i < taken.size(); i++) {
                InputRecord r = taken.get(i);
                messages.add(new SequencedMessage(i, r.partition(), r.offset(), takenIds.get(i), r.payload()));
                payloads.add(r.payload().unsafeArray());
                next.put(takenIds.get(i).unsafeArray(), stateValue(height, i));
            }
            Bytes messagesRoot = MerklePatriciaTrie.orderedRoot(payloads);
            return new BlockContent(ranges, messages, bytes, messagesRoot, next.commit());
        }
    }

    /** The state-trie value of a sequenced message: RLP([height, index]) (§6.4). */
    public static byte[] stateValue(long height, int index) {
        return new MessageLocation(height, index).encode();
    }
}
