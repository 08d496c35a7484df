package io.diseq.core.runtime;

import io.diseq.core.util.Bytes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * State-trie loads (docs/architecture.md, "State-trie nodes"): collects the nodes the core reported missing,
 * asks the store for them in batches, one request at a time, and fills the cache from the answers. A node
 * the store does not hold although the core needs it for a decided root is a broken invariant of the node's
 * own state; a failed request is retried after a pause. Runtime thread only.
 */
final class TrieLoads {
    private final TrieCache cache;
    private final RuntimeSettings settings;
    private final Set<Bytes> wanted = new LinkedHashSet<>();
    private Set<Bytes> inflight = Set.of();
    private long inflightId = -1;
    private long nextId = 1;
    private long retryAtMs = Long.MIN_VALUE;
    private long loadedNodes;

    TrieLoads(TrieCache cache, RuntimeSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    void need(Set<Bytes> hashes) {
        for (Bytes h : hashes) {
            if (!cache.contains(h) && !inflight.contains(h)) {
                wanted.add(h);
            }
        }
    }

    /** The next request, if one is wanted and none is in flight. */
    Output.LoadTrieNodes next(long nowMs) {
        wanted.removeIf(cache::contains);
        if (inflightId >= 0 || wanted.isEmpty() || nowMs < retryAtMs) {
            return null;
        }
        Set<Bytes> batch = new LinkedHashSet<>();
        for (Bytes h : wanted) {
            if (batch.size() >= settings.trieLoadBatch()) {
                break;
            }
            batch.add(h);
        }
        wanted.removeAll(batch);
        inflight = batch;
        inflightId = nextId++;
        return new Output.LoadTrieNodes(inflightId, batch);
    }

    /** Fills the cache; returns false for a stale answer. */
    boolean loaded(long id, Map<Bytes, byte[]> nodes) {
        if (id != inflightId) {
            return false;
        }
        for (Bytes h : inflight) {
            byte[] node = nodes.get(h);
            if (node != null) {
                cache.put(h, node);
            } else if (!cache.contains(h)) {
                throw new BrokenInvariant("the node store lacks state-trie node " + h + " of a decided root");
            }
        }
        loadedNodes += nodes.size();
        inflightId = -1;
        inflight = Set.of();
        return true;
    }

    /** The request failed: its nodes are wanted again after a pause. Returns false for a stale answer. */
    boolean failed(long id, long nowMs) {
        if (id != inflightId) {
            return false;
        }
        wanted.addAll(inflight);
        inflightId = -1;
        inflight = Set.of();
        retryAtMs = nowMs + settings.storageRetryMs();
        return true;
    }

    long nextWakeMs() {
        return inflightId < 0 && !wanted.isEmpty() && retryAtMs != Long.MIN_VALUE ? retryAtMs : Long.MAX_VALUE;
    }

    long loadedNodes() {
        return loadedNodes;
    }
}
