package io.diseq.core.rlp;

import java.util.ArrayList;
import java.util.List;

/** An RLP list of items (docs/protocol.md §5). Immutable. */
public record RlpList(List<RlpItem> items) implements RlpItem {
    public RlpList {
        items = List.copyOf(items);
    }

    /**
     * Item {@code i}; {@link RlpException.Code#WRONG_ARITY} if the list has no such item. Decoders
     * index lists that arrived from outside, so a short list is a rejection, never an
     * {@link IndexOutOfBoundsException}.
     */
    public RlpItem get(int i) {
        if (i < 0 || i >= items.size()) {
            throw new RlpException(RlpException.Code.WRONG_ARITY, "no item " + i + " in a list of " + items.size());
        }
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    /** This list if it has at least {@code n} items, else {@link RlpException.Code#WRONG_ARITY}. */
    public RlpList expectAtLeast(int n) {
        if (items.size() < n) {
            throw new RlpException(RlpException.Code.WRONG_ARITY, "expected at least " + n + " items, got " + items.size());
        }
        return this;
    }

    /** This list if it has exactly {@code n} items, else {@link RlpException.Code#WRONG_ARITY}. */
    public RlpList expectSize(int n) {
        if (items.size() != n) {
            throw new RlpException(RlpException.Code.WRONG_ARITY, "expected " + n + " items, got " + items.size());
        }
        return this;
    }

    @Override
    public RlpString asString() {
        throw new RlpException(RlpException.Code.EXPECTED_STRING, "item is a list");
    }

    @Override
    public RlpList asList() {
        return this;
    }

    @Override
    public byte[] encoded() {
        List<byte[]> encodedItems = new ArrayList<>(items.size());
        for (RlpItem item : items) {
            encodedItems.add(item.encoded());
        }
        return Rlp.encodeList(encodedItems);
    }
}
