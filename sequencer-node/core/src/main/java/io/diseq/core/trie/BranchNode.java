package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;

/**
 * A branch: 16 children indexed by the next nibble and the value of the key that ends here
 * (docs/protocol.md §6.2).
 *
 * <p>A branch decoded from the store does not materialize its children: most of a loaded branch's
 * 16 references are never followed, only written back into the encoding of the branch that
 * replaces it. Such a branch keeps the stored encoding ({@code source}) and a bit per child whose
 * reference still lives there; {@link #child} decodes a reference on first use, and
 * {@link #encode} copies the untouched references' bytes straight from the source. A branch
 * derived from it by {@link #withChild} shares the source with that child's bit cleared.
 *
 * <p>Branches are immutable once {@linkplain Node#sealed() sealed} (stored, encoded or hashed).
 * A branch created by the current batch and not yet encoded is transient: {@link #withChild} and
 * {@link #withValue} update it in place instead of copying it, which is safe because the trie is
 * a tree (a transient node has exactly one parent, itself transient) and nothing has cached an
 * encoding that depends on it.
 */
final class BranchNode extends Node {
    static final int WIDTH = 16;

    /** Children built or already decoded; a slot is null if empty or still only in {@link #source}. */
    private final Node[] children;
    /** Stored encoding holding the references flagged in {@link #storedRefs}; null for a new branch. */
    private final byte[] source;
    /** Offset in {@link #source} of the branch's first item (after the list header). */
    private final int sourceItems;
    /** Bit i: item i of {@link #source} is a non-empty reference; bit 16 + i: it is an embedded node. */
    private final int sourceRefs;
    /** Bit i set: child i is a non-empty reference inside {@link #source}, copied as-is on encoding. */
    private int storedRefs;
    private byte[] value;

    /** A new branch; {@code value} is null when no key ends at it. Takes ownership of the array. */
    BranchNode(Node[] children, byte[] value) {
        this(children, value, null, 0, 0, 0);
    }

    /**
     * A branch whose children flagged in {@code storedRefs} are items of {@code source} from
     * {@code sourceItems}; {@code sourceRefs} describes the source's items as {@link #sourceRefs} does.
     */
    BranchNode(Node[] children, byte[] value, byte[] source, int sourceItems, int sourceRefs, int storedRefs) {
        this.children = children;
        this.value = value;
        this.source = source;
        this.sourceItems = sourceItems;
        this.sourceRefs = sourceRefs;
        this.storedRefs = storedRefs;
    }

    byte[] value() {
        return value;
    }

    /** Child {@code i}, decoding a stored reference on first use; null if the slot is empty. */
    Node child(int i) {
        Node child = children[i];
        if (child == null && (storedRefs & (1 << i)) != 0) {
            child = NodeDecoder.reference(source, itemStart(i));
            children[i] = child;
        }
        return child;
    }

    /**
     * Child {@code i} loaded through {@code loader}, kept in the slot in place of its reference, so later
     * lookups and inserts through this branch follow it without loading it again. The slot's content is
     * unchanged (the same node, by hash), so this is allowed on a sealed branch; its stored-reference bit
     * stays, and its encoding still copies the reference from the source.
     */
    Node resolvedChild(int i, NodeLoader loader) {
        Node child = child(i);
        if (child instanceof HashNode) {
            child = loader.resolve(child);
            children[i] = child;
        }
        return child;
    }

    /** Child {@code i} if it is in memory: every new child is, a stored reference may not be. */
    Node childInMemory(int i) {
        return children[i];
    }

    boolean hasChild(int i) {
        return children[i] != null || (storedRefs & (1 << i)) != 0;
    }

    /** Number of non-empty children plus one if the branch holds a value. */
    int entryCount() {
        int n = value == null ? 0 : 1;
        for (int i = 0; i < WIDTH; i++) {
            n += hasChild(i) ? 1 : 0;
        }
        return n;
    }

    /** This branch with child {@code i} replaced (null empties the slot): in place if transient. */
    BranchNode withChild(int i, Node child) {
        BranchNode target = sealed() ? copy() : this;
        target.children[i] = child;
        target.storedRefs &= ~(1 << i);
        return target;
    }

    /** This branch with its value replaced (null removes it): in place if transient. */
    BranchNode withValue(byte[] newValue) {
        BranchNode target = sealed() ? copy() : this;
        target.value = newValue;
        return target;
    }

    private BranchNode copy() {
        return new BranchNode(children.clone(), value, source, sourceItems, sourceRefs, storedRefs);
    }

    /**
     * Offsets of the source's items 0..16 and its end, scanned; null when every item is empty or a
     * hash (no embedded child), because then {@link #itemStart} computes them without reading the
     * source, which is usually no longer in the cache when a batch is committed.
     */
    private int[] scannedStarts() {
        if ((sourceRefs >>> WIDTH) == 0) {
            return null;
        }
        int[] starts = new int[WIDTH + 1];
        int pos = sourceItems;
        for (int i = 0; i < WIDTH; i++) {
            starts[i] = pos;
            pos = NodeDecoder.skipItem(source, pos);
        }
        starts[WIDTH] = pos;
        return starts;
    }

    /** Offset in {@link #source} of item {@code i}: an empty reference is 1 byte, a hash 33. */
    private int itemStart(int i, int[] starts) {
        if (starts != null) {
            return starts[i];
        }
        return sourceItems + i + Keccak256.LENGTH * Integer.bitCount(sourceRefs & ((1 << i) - 1));
    }

    private int itemStart(int i) {
        return itemStart(i, scannedStarts());
    }

    private static int storedLength(int i, int[] starts) {
        return starts == null ? 1 + Keccak256.LENGTH : starts[i + 1] - starts[i];
    }

    @Override
    byte[] encode() {
        byte[] valueRlp = Rlp.encodeBytes(value == null ? Nibbles.EMPTY : value);
        int[] starts = storedRefs == 0 ? null : scannedStarts();
        int payload = valueRlp.length;
        for (int i = 0; i < WIDTH; i++) {
            payload += (storedRefs & (1 << i)) != 0 ? storedLength(i, starts) : refLength(children[i]);
        }
        byte[] out = new byte[Rlp.headerLength(payload) + payload];
        int at = Rlp.writeHeader(out, 0, 0xc0, payload);
        for (int i = 0; i < WIDTH; i++) {
            if ((storedRefs & (1 << i)) != 0) {
                int length = storedLength(i, starts);
                System.arraycopy(source, itemStart(i, starts), out, at, length);
                at += length;
            } else {
                at = writeRef(children[i], out, at);
            }
        }
        System.arraycopy(valueRlp, 0, out, at, valueRlp.length);
        return out;
    }
}
