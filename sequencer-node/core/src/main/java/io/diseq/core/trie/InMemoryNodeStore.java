package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Map;

/** A {@link NodeStore} in a hash map, for tests, benchmarks and the simulator. Not thread-safe. */
public final class InMemoryNodeStore implements NodeStore {
    private final Map<Bytes, byte[]> nodes = new HashMap<>();

    @Override
    public byte[] get(Bytes hash) {
        return nodes.get(hash);
    }

    public void putAll(Map<Bytes, byte[]> batch) {
        nodes.putAll(batch);
    }

    public void apply(TrieCommit commit) {
        putAll(commit.newNodes());
    }

    public int size() {
        return nodes.size();
    }
}
