package io.diseq.node.consensus;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.node.gossip.GossipType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * This validator's latest broadcast message of each kind for the height being decided, re-sent
 * periodically so that liveness never depends on one lost request (docs/architecture-node.md). The
 * re-sent bytes are the originally signed message (the envelope around it is new). Driver thread only.
 */
final class OwnMessages {
    private final Map<GossipType, ConsensusMessage> latest = new EnumMap<>(GossipType.class);

    void sent(ConsensusMessage m) {
        ConsensusMessage previous = latest.get(GossipPayloads.typeOf(m));
        if (previous == null || previous.height() < m.height()
                || (previous.height() == m.height() && previous.round() <= m.round())) {
            latest.put(GossipPayloads.typeOf(m), m);
        }
    }

    /** The messages to re-send for {@code height}; older heights are forgotten. */
    List<ConsensusMessage> forHeight(long height) {
        latest.values().removeIf(m -> m.height() < height);
        return new ArrayList<>(latest.values());
    }
}
