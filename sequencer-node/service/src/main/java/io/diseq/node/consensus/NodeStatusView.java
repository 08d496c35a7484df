package io.diseq.node.consensus;

import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * Read-only view of the validator's consensus state for the REST API and metrics. Every call reads
 * a snapshot the consensus driver publishes after each step (thread-safe, never blocks, never
 * touches the database). Heights: {@link #height()} is the latest DECIDED block; consensus runs
 * on {@code height() + 1}.
 */
public interface NodeStatusView {
    String chainId();

    /** Height of the latest decided (stored) block; 0 = only genesis. */
    long height();

    /** Id of the latest decided block (the genesis id at height 0). */
    Bytes latestBlockId();

    /** Current round of the height being decided. */
    int round();

    /** Current step: {@code PROPOSE}, {@code PREVOTE} or {@code PRECOMMIT}. */
    String step();

    /** True while the node waits for input (idle height: no round running). */
    boolean waiting();

    /** True while the node is fetching decided blocks from peers because it is behind them. */
    boolean catchingUp();

    /** Commitments seen for the height being decided (own and peers'), by round. */
    List<CommitmentSeen> commitments();

    /** Every other validator: reachability and the latest decided height it reported. */
    List<PeerView> peers();

    /**
     * The highest decided height that at least f + 1 of the other validators report (f = the
     * faults tolerated, ⌊(n − 1) / 3⌋), so at least one honest validator vouches for it; −1 if
     * fewer report. Lag checks use it instead of the single best report, which one byzantine
     * validator could inflate with a signed STATUS to make every honest node look behind.
     */
    default long vouchedPeerHeight() {
        List<PeerView> peers = peers();
        int f = peers.size() / 3; // peers = n - 1, so this is ⌊(n - 1) / 3⌋
        long[] heights = peers.stream().mapToLong(PeerView::reportedHeight).sorted().toArray();
        return heights.length <= f ? -1 : heights[heights.length - 1 - f];
    }

    /** A committer's VRF commitment for (height, round). */
    record CommitmentSeen(long height, int round, int committer, Bytes pi) {
    }

    /**
     * @param reportedHeight latest decided height the peer announced (−1 if unknown)
     * @param reachable      its last gossip delivery succeeded (or none was attempted yet)
     */
    record PeerView(int index, boolean reachable, long reportedHeight) {
    }
}
