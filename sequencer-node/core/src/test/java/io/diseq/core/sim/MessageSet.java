package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A set of message instances (by identity: the simulator hands the same object to every receiver) that
 * iterates in insertion order, so that what gossip sends, and hence every later random draw, does not
 * depend on identity hash codes.
 */
final class MessageSet {
    private final List<ConsensusMessage> order = new ArrayList<>();
    private final Set<ConsensusMessage> members = Collections.newSetFromMap(new IdentityHashMap<>());

    void add(ConsensusMessage m) {
        if (members.add(m)) {
            order.add(m);
        }
    }

    boolean contains(ConsensusMessage m) {
        return members.contains(m);
    }

    void remove(ConsensusMessage m) {
        if (members.remove(m)) {
            order.removeIf(x -> x == m);
        }
    }

    List<ConsensusMessage> inOrder() {
        return order;
    }
}
