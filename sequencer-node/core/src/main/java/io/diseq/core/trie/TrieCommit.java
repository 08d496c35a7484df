package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The result of committing a batch of trie updates: the new root hash and exactly the nodes that
 * are new since the previous commit (keyed by keccak256 of their RLP), ready to be persisted in one
 * transaction. Nodes shorter than 32 bytes are embedded in their parent and never appear here, except
 * the root, which is always stored under its hash.
 *
 * <p>The map is unmodifiable. A caller's map is copied; the trie instead hands over a map it built
 * for this commit and never touches again ({@link #owning}), so a batch of tens of thousands of
 * nodes is not copied a second time.
 */
public record TrieCommit(Bytes root, Map<Bytes, byte[]> newNodes) {
    public TrieCommit {
        newNodes = newNodes instanceof OwnedNodes ? newNodes : Map.copyOf(newNodes);
    }

    /** Takes ownership of {@code fresh}: the caller must hold no other reference to it. */
    static TrieCommit owning(Bytes root, Map<Bytes, byte[]> fresh) {
        return new TrieCommit(root, new OwnedNodes(fresh));
    }

    /** An unmodifiable view of a map that nothing else references, hence immutable in effect. */
    private static final class OwnedNodes extends AbstractMap<Bytes, byte[]> {
        private final Map<Bytes, byte[]> view;

        OwnedNodes(Map<Bytes, byte[]> fresh) {
            this.view = Collections.unmodifiableMap(fresh);
        }

        @Override
        public Set<Entry<Bytes, byte[]>> entrySet() {
            return view.entrySet();
        }

        @Override
        public byte[] get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }
    }
}
