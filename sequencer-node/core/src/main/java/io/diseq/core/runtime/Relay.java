package io.diseq.core.runtime;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node re-sends (docs/protocol.md §30.2): for the height being decided, the latest message of each
 * kind from each validator that the core accepted, its own included, so liveness never rests on one lost
 * request and a message one correct node accepted reaches every correct node; and the precommits that
 * decided the previous height, so a peer still deciding it can finish without catch-up. Bounded: one message
 * per (kind, sender), the one of the highest round. The order of a re-send rotates, so a peer's queue that
 * drops the oldest never drops the same kinds every time. Runtime thread only.
 */
final class Relay {
    private final RuntimeRules rules;
    private final Map<String, ConsensusMessage> latest = new TreeMap<>();
    private List<ConsensusMessage> lastPrecommits = List.of();
    private long height;
    private int rotation;

    Relay(RuntimeRules rules) {
        this.rules = rules;
    }

    /**
     * The core accepted (or sent) {@code m}, verified: a next-height message the core only buffered comes here
     * after the core's replay at that height accepted it, never before.
     */
    void accepted(ConsensusMessage m) {
        if (m.height() < height || !rules.relays(Payloads.typeOf(m))) {
            return;
        }
        String key = Payloads.typeOf(m) + "/" + m.sender();
        ConsensusMessage previous = latest.get(key);
        if (previous == null || previous.height() < m.height()
                || (previous.height() == m.height() && previous.round() <= m.round())) {
            latest.put(key, m);
        }
    }

    /** The node moved to {@code newHeight} by deciding {@code decidedId} (null: unknown, e.g. at start). */
    void advanced(long newHeight, io.diseq.core.util.Bytes decidedId) {
        List<ConsensusMessage> precommits = new ArrayList<>();
        latest.values().forEach(m -> {
            if (m.height() == newHeight - 1 && m instanceof Vote v && v.type() == VoteType.PRECOMMIT
                    && decidedId != null && decidedId.equals(v.blockId())) {
                precommits.add(m);
            }
        });
        height = newHeight;
        latest.values().removeIf(m -> m.height() < newHeight);
        lastPrecommits = List.copyOf(precommits);
    }

    /** The messages to re-send now, in a rotated order. */
    List<ConsensusMessage> due() {
        List<ConsensusMessage> out = new ArrayList<>(lastPrecommits);
        latest.values().forEach(m -> {
            if (m.height() == height) {
                out.add(m);
            }
        });
        if (!out.isEmpty()) {
            java.util.Collections.rotate(out, rotation++ % out.size());
        }
        return out;
    }

    int size() {
        return latest.size() + lastPrecommits.size();
    }
}
