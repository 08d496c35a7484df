package io.diseq.core.rlp;

import java.util.ArrayList;
import java.util.List;

/** An RLP list of items (docs/protocol.md §5). Immutable. */
public record RlpList(List<RlpItem> items) implements RlpItem {
    public RlpList {
        items = List.copyOf(items);
    }

    public RlpItem get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
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
