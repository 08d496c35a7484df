package io.diseq.core.runtime;

import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a {@link NodeRuntime} for status pages, health checks and metrics.
 *
 * @param height         the height being decided
 * @param tipHeight      the last decided height (durable or being written)
 * @param durableHeight  the last height whose block is durable
 * @param vouchedHeight  the decided height f+1 validators vouch for (−1 unknown)
 * @param peerClaims     each peer's claimed decided height
 * @param pendingWrites  decided blocks not yet durable
 * @param commitments    the commitments (VRF outputs) accepted for the current height
 */
public record RuntimeStatus(long height, int round, String step, boolean waiting, long tipHeight, Bytes tipBlockId,
                            long durableHeight, boolean catchingUp, long vouchedHeight, Map<Integer, Long> peerClaims,
                            int pendingWrites, List<Commitment> commitments) {
    public RuntimeStatus {
        peerClaims = Map.copyOf(peerClaims);
        commitments = List.copyOf(commitments);
    }

    /** A commitment seen at the current height. */
    public record Commitment(long height, int round, int committer, Bytes pi) {
    }
}
