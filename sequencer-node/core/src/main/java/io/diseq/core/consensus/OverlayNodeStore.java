package io.diseq.core.consensus;

import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * The driver's NodeStore plus the state-trie nodes (docs/protocol.md §6.4) of blocks decided during the current step, which
 * the driver persists only after the step returns (effect order). Cleared at the start of each step.
 */
final class OverlayNodeStore implements NodeStore {
    private final NodeStore base;
    private final Map<Bytes, byte[]> pending = new HashMap<>();

    OverlayNodeStore(NodeStore base) {
        this.base = base;
    }

    @Override
    public byte[] get(Bytes hash) {
        byte[] node = pending.get(hash);
        return node != null ? node : base.get(hash);
    }

    void addPending(Map<Bytes, byte[]> nodes) {
        pending.putAll(nodes);
    }

    void clearPending() {
        pending.clear();
    }
}
