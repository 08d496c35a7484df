package io.diseq.core.rlp;

/** A decoded RLP item: a byte string or a list of items (docs/protocol.md §5). */
public sealed interface RlpItem permits RlpString, RlpList {
    /** This item as a string; {@link RlpException.Code#EXPECTED_STRING} if it is a list. */
    RlpString asString();

    /** This item as a list; {@link RlpException.Code#EXPECTED_LIST} if it is a string. */
    RlpList asList();

    /** The canonical encoding of this item; for a decoded item it equals the decoded input. */
    byte[] encoded();
}
