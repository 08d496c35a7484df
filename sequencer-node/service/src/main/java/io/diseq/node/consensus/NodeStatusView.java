package io.diseq.node.consensus;

import io.diseq.core.consensus.Step;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * Read-only view of the live consensus state, for the REST API and metrics (docs/protocol.md
 * §7.12). Implemented by the consensus driver; every call returns a consistent snapshot and is safe
 * from any thread (request threads and the metrics scrape call it while the driver runs).
 */
public interface NodeStatusView {
    /** A consistent copy of the consensus state at one instant. */
    Snapshot snapshot();

    /**
     * @param height        the height being decided (latest decided height + 1)
     * @param latestBlockId id of the latest decided block (the genesis id before the first block)
     * @param round         current round of {@code height}
     * @param step          current step of that round
     * @param catchingUp    true while the node fetches decided blocks from peers
     * @param targetHeight  the highest height the node has learned of (equals height − 1 when not behind)
     * @param commitments   the verified committer commitments seen for {@code height}, by round
     * @param peers         reachability of every other validator
     */
    record Snapshot(String chainId, long height, Bytes latestBlockId, int round, Step step, boolean catchingUp,
                    long targetHeight, List<CommitmentSeen> commitments, List<Peer> peers) {
        public Snapshot {
            commitments = List.copyOf(commitments);
            peers = List.copyOf(peers);
        }
    }

    /** A commitment (h, r, pi) of {@code committerIndex} that verified; it selects {@code proposerIndex}. */
    record CommitmentSeen(int round, int committerIndex, int proposerIndex) {
    }

    /** Whether the last delivery to validator {@code index} succeeded. */
    record Peer(int index, boolean reachable) {
    }
}
