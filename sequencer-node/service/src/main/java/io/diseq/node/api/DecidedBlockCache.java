package io.diseq.node.api;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.trie.OrderedTrieProver;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.MessageRow;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What every receipt of one decided block shares (docs/protocol.md §7.17), read once and kept in a
 * bounded LRU by height: the decoded header, its JSON views and certificate, and the block's
 * messages trie as an {@link OrderedTrieProver} (its branch nodes only; a receipt's own message
 * supplies the leaf). Without it, every receipt loaded all the block's messages and rebuilt their
 * trie (10,000 rows and as many Keccak hashes for a full block). A decided block never changes, so
 * an entry is never stale. The bound is on the provers' bytes (about 350 KB for 10,000 messages);
 * the most recently used block is always kept. Concurrent readers of a block that is not cached wait
 * for one load; a failed load (e.g. a database error, or no such block) is not cached. Thread-safe.
 */
final class DecidedBlockCache {
    /** One decided block's shared receipt parts. */
    record Entry(BlockHeader header, Views.Header headerView, Views.Certificate certificate,
                 OrderedTrieProver messages) {
    }

    private static final class Slot {
        final FutureTask<Entry> load;
        long bytes;

        Slot(FutureTask<Entry> load) {
            this.load = load;
        }
    }

    private final BlockStore blocks;
    private final long maxBytes;
    private final LinkedHashMap<Long, Slot> slots = new LinkedHashMap<>(64, 0.75f, true);
    private long heldBytes;

    DecidedBlockCache(BlockStore blocks, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1");
        }
        this.blocks = blocks;
        this.maxBytes = maxBytes;
    }

    /** The block at {@code height}, or empty if none is stored. */
    Optional<Entry> get(long height) {
        Slot slot;
        boolean loader = false;
        synchronized (this) {
            slot = slots.get(height);
            if (slot == null) {
                slot = new Slot(new FutureTask<>(() -> load(height)));
                slots.put(height, slot);
                loader = true;
            }
        }
        if (loader) {
            slot.load.run();
        }
        Entry entry;
        try {
            entry = slot.load.get();
        } catch (ExecutionException e) {
            forget(height, slot);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot load block " + height, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading block " + height, e);
        }
        if (entry == null) {
            forget(height, slot);
            return Optional.empty();
        }
        if (loader) {
            admit(slot, entry.messages().heldBytes());
        }
        return Optional.of(entry);
    }

    private Entry load(long height) {
        Optional<BlockRow> row = blocks.block(height);
        if (row.isEmpty()) {
            return null;
        }
        BlockHeader header = BlockHeader.decode(row.get().headerRlp());
        List<byte[]> payloads = blocks.messagesAt(height).stream().map(MessageRow::body).toList();
        OrderedTrieProver messages = OrderedTrieProver.of(payloads);
        if (!messages.root().equals(header.messagesRoot()) || payloads.size() != header.messageCount()) {
            throw new IllegalStateException("the stored messages of block " + height + " do not match its header");
        }
        return new Entry(header, Views.Header.of(header),
                Views.Certificate.of(QuorumCertificate.decode(row.get().certificate())), messages);
    }

    private synchronized void forget(long height, Slot slot) {
        if (slots.get(height) == slot) {
            slots.remove(height);
            heldBytes -= slot.bytes;
        }
    }

    /** Counts a loaded entry and evicts the least recently used loaded entries beyond the bound. */
    private synchronized void admit(Slot slot, long bytes) {
        slot.bytes = bytes;
        heldBytes += bytes;
        Iterator<Map.Entry<Long, Slot>> eldest = slots.entrySet().iterator();
        while (heldBytes > maxBytes && eldest.hasNext()) {
            Slot s = eldest.next().getValue();
            if (s != slot && s.load.isDone()) {
                eldest.remove();
                heldBytes -= s.bytes;
            }
        }
    }

    synchronized long heldBytes() {
        return heldBytes;
    }

    synchronized int size() {
        return slots.size();
    }
}
