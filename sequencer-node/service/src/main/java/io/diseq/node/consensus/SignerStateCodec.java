package io.diseq.node.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.consensus.SignStep;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;

/**
 * Storage encoding of the core's {@link SignerState} (docs/protocol.md §30.3), strict both ways:
 * {@code RLP([1, height, round+1, step, signedHash, signature, signedValue, lockedRound+1, lockedBlock,
 * validRound+1, validBlock])} where {@code step} is the {@link SignStep} ordinal (0 COMMITMENT … 3
 * PRECOMMIT), a round of −1 is encoded as 0, and an absent block is the empty list {@code c0} (else the
 * §7.3 header list, nested). The leading 1 is the format version. Decoding anything else throws: a
 * signer state that cannot be read must stop the node rather than be replaced by a fresh one.
 */
public final class SignerStateCodec {
    static final int VERSION = 1;
    private static final int FIELDS = 11;
    private static final byte[] NO_BLOCK = Rlp.encodeList();

    private SignerStateCodec() {
    }

    public static byte[] encode(SignerState s) {
        return Rlp.encodeList(
                Rlp.encodeLong(VERSION),
                Rlp.encodeLong(s.height()),
                Rlp.encodeLong(s.round() + 1L),
                Rlp.encodeLong(s.step().ordinal()),
                Rlp.encodeBytes(s.signedHash().unsafeArray()),
                Rlp.encodeBytes(s.signature().unsafeArray()),
                Rlp.encodeBytes(s.signedValue().unsafeArray()),
                Rlp.encodeLong(s.lockedRound() + 1L),
                block(s.lockedBlock()),
                Rlp.encodeLong(s.validRound() + 1L),
                block(s.validBlock()));
    }

    /** Strict inverse of {@link #encode}; throws {@link IllegalArgumentException} on anything else. */
    public static SignerState decode(byte[] encoded) {
        try {
            RlpList l = Rlp.decode(encoded).asList().expectSize(FIELDS);
            if (l.get(0).asString().asLong() != VERSION) {
                throw new IllegalArgumentException("unknown signer state version");
            }
            SignStep[] steps = SignStep.values();
            long step = l.get(3).asString().asLong();
            if (step >= steps.length) {
                throw new IllegalArgumentException("unknown sign step " + step);
            }
            SignerState s = new SignerState(l.get(1).asString().asLong(), round(l.get(2)), steps[(int) step],
                    l.get(4).asString().asBytes(), l.get(5).asString().asBytes(), l.get(6).asString().asBytes(),
                    round(l.get(7)), block(l.get(8)), round(l.get(9)), block(l.get(10)));
            if ((s.lockedRound() < 0) != (s.lockedBlock() == null) || (s.validRound() < 0) != (s.validBlock() == null)) {
                throw new IllegalArgumentException("lock/valid round and block disagree");
            }
            return s;
        } catch (RlpException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed signer state: " + e.getMessage(), e);
        }
    }

    private static byte[] block(BlockHeader header) {
        return header == null ? NO_BLOCK : header.encode();
    }

    private static BlockHeader block(RlpItem item) {
        RlpList list = item.asList();
        return list.size() == 0 ? null : BlockHeader.decode(list.encoded());
    }

    private static int round(RlpItem item) {
        return Math.toIntExact(item.asString().asLong() - 1);
    }
}
