package io.diseq.node.consensus;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.runtime.GossipType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages this node re-sends periodically (CONSENSUS-API.md §Gossip relay; docs/protocol.md
 * §30.2): for the height being decided, the latest message of each kind from each validator that the
 * core accepted, its own included, so that liveness never depends on one lost request and a message
 * one correct node accepted reaches every correct node. Bounded: one message per (kind, sender), the
 * one of the highest round. The re-sent bytes are the originally signed message. Driver thread only.
 */
final class OwnMessages {
    private final Map<Key, ConsensusMessage> latest = new HashMap<>();

    void accepted(ConsensusMessage m) {
        Key key = new Key(GossipPayloads.typeOf(m), m.sender());
        ConsensusMessage previous = latest.get(key);
        if (previous == null || previous.height() < m.height()
                || (previous.height() == m.height() && previous.round() <= m.round())) {
            latest.put(key, m);
        }
    }

    /** The messages to re-send for {@code height}; older heights are forgotten. */
    List<ConsensusMessage> forHeight(long height) {
        latest.values().removeIf(m -> m.height() < height);
        List<ConsensusMessage> out = new ArrayList<>();
        latest.values().forEach(m -> {
            if (m.height() == height) {
                out.add(m);
            }
        });
        return out;
    }

    private record Key(GossipType type, int sender) {
    }
}
