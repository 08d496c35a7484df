package io.diseq.core.rlp;

import static io.diseq.core.rlp.RlpException.Code;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strict RLP decoder (docs/protocol.md §5.1). Every length is checked against the bytes that
 * remain inside the enclosing item before anything is allocated, so a hostile length can neither
 * cause a large allocation nor read past the input; nesting is bounded by {@link Rlp#MAX_DEPTH}.
 */
final class RlpDecoder {
    /**
     * Initial capacity of a decoded list: a trie branch's 17 items, the most frequent list that is
     * decoded in bulk (proof verification), fit without regrowing; longer lists grow as usual.
     */
    private static final int EXPECTED_LIST_ITEMS = 17;

    private final byte[] in;
    private int pos;

    private RlpDecoder(byte[] in) {
        this.in = in;
    }

    static RlpItem decodeWhole(byte[] input) {
        if (input.length == 0) {
            throw new RlpException(Code.EMPTY_INPUT, "no bytes");
        }
        RlpDecoder decoder = new RlpDecoder(input);
        RlpItem item = decoder.item(input.length, 0);
        if (decoder.pos != input.length) {
            throw new RlpException(Code.TRAILING_BYTES, (input.length - decoder.pos) + " bytes after the item");
        }
        return item;
    }

    /** Decodes one item that must end at or before {@code end}. */
    private RlpItem item(int end, int depth) {
        if (pos >= end) {
            throw new RlpException(Code.TRUNCATED, "item expected at offset " + pos);
        }
        int prefix = in[pos++] & 0xff;
        if (prefix < Rlp.SHORT_STRING) {
            return RlpString.owning(new byte[] {(byte) prefix});
        }
        if (prefix < Rlp.SHORT_LIST) {
            return string(prefix, end);
        }
        if (depth + 1 > Rlp.MAX_DEPTH) {
            throw new RlpException(Code.TOO_DEEP, "nesting deeper than " + Rlp.MAX_DEPTH);
        }
        int length = payloadLength(prefix - Rlp.SHORT_LIST, end);
        return list(pos + length, depth + 1);
    }

    private RlpString string(int prefix, int end) {
        int length = payloadLength(prefix - Rlp.SHORT_STRING, end);
        if (length == 1 && (in[pos] & 0xff) < Rlp.SHORT_STRING) {
            throw new RlpException(Code.NON_CANONICAL_SINGLE_BYTE, "byte below 0x80 with a length prefix at " + (pos - 1));
        }
        byte[] bytes = Arrays.copyOfRange(in, pos, pos + length);
        pos += length;
        return RlpString.owning(bytes);
    }

    private RlpList list(int listEnd, int depth) {
        List<RlpItem> items = new ArrayList<>(Math.min(listEnd - pos, EXPECTED_LIST_ITEMS));
        while (pos < listEnd) {
            items.add(item(listEnd, depth));
        }
        return new RlpList(items);
    }

    /**
     * Reads the payload length that follows a prefix (offset {@code code} = prefix − base) and checks
     * that the payload fits before {@code end}; leaves {@code pos} at the payload.
     */
    private int payloadLength(int code, int end) {
        if (code <= Rlp.SHORT_MAX) {
            return checkFits(code, end);
        }
        int lengthOfLength = code - Rlp.SHORT_MAX;
        if (end - pos < lengthOfLength) {
            throw new RlpException(Code.TRUNCATED, "length bytes missing at offset " + pos);
        }
        if (in[pos] == 0) {
            throw new RlpException(Code.NON_CANONICAL_LENGTH, "length with a leading zero at offset " + pos);
        }
        long length = 0;
        for (int i = 0; i < lengthOfLength; i++) {
            length = (length << 8) | (in[pos++] & 0xff);
        }
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new RlpException(Code.LENGTH_TOO_LARGE, "declared length does not fit in memory");
        }
        if (length <= Rlp.SHORT_MAX) {
            throw new RlpException(Code.NON_CANONICAL_LENGTH, "long form for a length of " + length);
        }
        return checkFits((int) length, end);
    }

    private int checkFits(int length, int end) {
        if (length > end - pos) {
            throw new RlpException(Code.TRUNCATED, "length " + length + " overruns the enclosing item at offset " + pos);
        }
        return length;
    }
}
