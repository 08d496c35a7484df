package io.diseq.core.trie;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpList;

/**
 * The state trie's value for a message id: the height of the block that sequenced the message and
 * its index in that block's messages trie, encoded as RLP([height, index]) (docs/protocol.md §6.4).
 */
public record MessageLocation(long height, long index) {
    public MessageLocation {
        if (height < 0 || index < 0) {
            throw new IllegalArgumentException("height and index are unsigned: " + height + ", " + index);
        }
    }

    public byte[] encode() {
        return Rlp.encodeList(Rlp.encodeLong(height), Rlp.encodeLong(index));
    }

    /** Strict: exactly a two-item list of canonical integers, else {@link io.diseq.core.rlp.RlpException}. */
    public static MessageLocation decode(byte[] encoded) {
        RlpList list = Rlp.decode(encoded).asList().expectSize(2);
        return new MessageLocation(list.get(0).asString().asLong(), list.get(1).asString().asLong());
    }
}
