package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte form of a {@link SignerState} for the driver's durable store (docs/protocol.md §7.14):
 * RLP([height, round+1, step, signedHash, signature, signedValue, lockedRound+1, lockedBlock, validRound+1,
 * validBlock, [polka vote, …], [own vote, …]]), a block being its header list or the empty string, step the ordinal of
 * COMMITMENT, PROPOSAL, PREVOTE, PRECOMMIT, votes as in {@link MessageCodec}.
 */
public final class SignerStateCodec {
    private static final byte[] NONE = Rlp.encodeBytes(new byte[0]);

    private SignerStateCodec() {}

    public static byte[] encode(SignerState s) {
        List<byte[]> polka = new ArrayList<>();
        s.validPolka().forEach(v -> polka.add(MessageCodec.encode(v)));
        List<byte[]> own = new ArrayList<>();
        s.ownVotes().forEach(v -> own.add(MessageCodec.encode(v)));
        return Rlp.encodeList(Rlp.encodeLong(s.height()), Rlp.encodeLong(s.round() + 1L),
                Rlp.encodeLong(s.step().ordinal()), Rlp.encodeBytes(s.signedHash().unsafeArray()),
                Rlp.encodeBytes(s.signature().unsafeArray()), Rlp.encodeBytes(s.signedValue().unsafeArray()),
                Rlp.encodeLong(s.lockedRound() + 1L), block(s.lockedBlock()), Rlp.encodeLong(s.validRound() + 1L),
                block(s.validBlock()), Rlp.encodeList(polka), Rlp.encodeList(own));
    }

    /**
     * Strict inverse of {@link #encode}: an accepted input is the state's canonical encoding. A corrupt
     * record throws {@link IllegalArgumentException} (its cause, where there is one, the
     * {@link RlpException} with the stable code) and nothing else, for any input.
     */
    public static SignerState decode(byte[] encoded) {
        try {
            RlpList l = Rlp.decode(encoded).asList().expectSize(12);
            return new SignerState(l.get(0).asString().asLong(), l.get(1).asString().asInt() - 1, step(l.get(2)),
                    bytes(l.get(3)), bytes(l.get(4)), bytes(l.get(5)), l.get(6).asString().asInt() - 1, block(l.get(7)),
                    l.get(8).asString().asInt() - 1, block(l.get(9)), votes(l.get(10).asList()), votes(l.get(11).asList()));
        } catch (RlpException e) {
            throw new IllegalArgumentException("corrupt signer state: " + e.getMessage(), e);
        }
    }

    private static SignStep step(RlpItem item) {
        int ordinal = item.asString().asInt();
        if (ordinal >= SignStep.values().length) {
            throw new RlpException(RlpException.Code.INVALID_VALUE, "no sign step " + ordinal);
        }
        return SignStep.values()[ordinal];
    }

    private static byte[] block(BlockHeader h) {
        return h == null ? NONE : h.encode();
    }

    /** A header list, or the empty string for none; any other string is not the canonical "none". */
    private static BlockHeader block(RlpItem item) {
        if (item instanceof RlpList) {
            return BlockHeader.decode(item.encoded());
        }
        if (item.asString().length() != 0) {
            throw new RlpException(RlpException.Code.EXPECTED_LIST, "a block is a header list or the empty string");
        }
        return null;
    }

    private static List<Vote> votes(RlpList l) {
        List<Vote> out = new ArrayList<>();
        for (RlpItem item : l.items()) {
            MessageCodec.Decoded d = MessageCodec.decode(item.encoded());
            if (!(d instanceof MessageCodec.Decoded.Ok ok && ok.message() instanceof Vote v)) {
                throw new RlpException(RlpException.Code.INVALID_VALUE, "corrupt vote in signer state: "
                        + (d instanceof MessageCodec.Decoded.Malformed m ? m.detail() : "not a vote"));
            }
            out.add(v);
        }
        return out;
    }

    private static Bytes bytes(RlpItem item) {
        return item.asString().asBytes();
    }
}
