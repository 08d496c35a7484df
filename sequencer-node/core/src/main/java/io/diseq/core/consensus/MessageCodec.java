package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical byte encoding of consensus messages (docs/protocol.md §7.18), for gossip bodies and
 * logs: RLP lists led by a kind integer. The proposal's block id is not transmitted; the decoder
 * recomputes it from the header, so a decoded proposal is always internally consistent.
 */
public final class MessageCodec {
    static final int COMMITMENT = 1;
    static final int PROPOSAL = 2;
    static final int PREVOTE = 3;
    static final int PRECOMMIT = 4;

    private MessageCodec() {}

    /** A decoded message, or why the bytes are not one (reject code MALFORMED). */
    public sealed interface Decoded {
        record Ok(ConsensusMessage message) implements Decoded {}

        record Malformed(String detail) implements Decoded {}
    }

    public static byte[] encode(ConsensusMessage m) {
        if (m instanceof Commitment c) {
            return commitment(c);
        }
        if (m instanceof Proposal p) {
            return Rlp.encodeList(Rlp.encodeLong(PROPOSAL), str(p.chainId()), Rlp.encodeLong(p.height()),
                    Rlp.encodeLong(p.round()), Rlp.encodeLong(p.validRound() + 1L), p.block().encode(),
                    commitment(p.commitment()), Rlp.encodeLong(p.proposerIndex()), bytes(p.signature()),
                    Rlp.encodeList(p.polka().stream().map(MessageCodec::encode).toList()));
        }
        Vote v = (Vote) m;
        return Rlp.encodeList(Rlp.encodeLong(v.type() == VoteType.PREVOTE ? PREVOTE : PRECOMMIT), str(v.chainId()),
                Rlp.encodeLong(v.height()), Rlp.encodeLong(v.round()), bytes(v.blockId() == null ? Bytes.EMPTY : v.blockId()),
                Rlp.encodeLong(v.validatorIndex()), bytes(v.signature()));
    }

    private static byte[] commitment(Commitment c) {
        return Rlp.encodeList(Rlp.encodeLong(COMMITMENT), str(c.chainId()), Rlp.encodeLong(c.height()),
                Rlp.encodeLong(c.round()), Rlp.encodeLong(c.committerIndex()), bytes(c.pi()), bytes(c.signature()));
    }

    /**
     * Prefix of the detail of a {@link Decoded.Malformed} produced by the last line of defence in
     * {@link #decode}: an exception the strict decoder does not expect. The rules below leave none
     * (the fuzz tests assert it never appears); if one ever did, the input is still only MALFORMED.
     */
    public static final String UNEXPECTED = "unexpected decoder failure: ";

    /**
     * Strict decoding (§7.18, §5.2); a total function: for every input it returns {@link Decoded.Ok}
     * or {@link Decoded.Malformed} and never throws. An accepted input is the message's canonical
     * encoding: {@code encode(decoded)} equals it byte for byte.
     */
    public static Decoded decode(byte[] encoded) {
        try {
            return new Decoded.Ok(decodeMessage(Rlp.decode(encoded).asList()));
        } catch (RlpException e) {
            return new Decoded.Malformed(e.getMessage());
        } catch (RuntimeException e) {
            return new Decoded.Malformed(UNEXPECTED + e);
        }
    }

    private static ConsensusMessage decodeMessage(RlpList l) {
        int kind = l.expectAtLeast(1).get(0).asString().asInt();
        switch (kind) {
            case COMMITMENT:
                return decodeCommitment(l);
            case PROPOSAL:
                return decodeProposal(l);
            case PREVOTE:
            case PRECOMMIT:
                return decodeVote(l);
            default:
                throw new RlpException(RlpException.Code.INVALID_VALUE, "unknown message kind " + kind);
        }
    }

    private static Vote decodeVote(RlpList l) {
        l.expectSize(7);
        int kind = l.get(0).asString().asInt();
        if (kind != PREVOTE && kind != PRECOMMIT) {
            throw new RlpException(RlpException.Code.INVALID_VALUE, "kind " + kind + " is not a vote");
        }
        Bytes id = l.get(4).asString().asBytes();
        if (id.length() != 0 && id.length() != BlockHeader.HASH_LENGTH) {
            throw new RlpException(RlpException.Code.WRONG_LENGTH, "vote block id of " + id.length() + " bytes");
        }
        return new Vote(kind == PREVOTE ? VoteType.PREVOTE : VoteType.PRECOMMIT, string(l.get(1)),
                l.get(2).asString().asLong(), l.get(3).asString().asInt(), id.length() == 0 ? null : id,
                l.get(5).asString().asInt(), l.get(6).asString().asBytes());
    }

    private static Proposal decodeProposal(RlpList l) {
        l.expectSize(10);
        BlockHeader block = BlockHeader.decode(l.get(5).asList().encoded());
        Commitment c = decodeCommitment(l.get(6).asList());
        List<Vote> polka = new ArrayList<>();
        for (RlpItem item : l.get(9).asList().items()) {
            polka.add(decodeVote(item.asList()));
        }
        int validRoundPlusOne = l.get(4).asString().asInt();
        return new Proposal(string(l.get(1)), l.get(2).asString().asLong(), l.get(3).asString().asInt(),
                validRoundPlusOne - 1, block, block.id(), c, l.get(7).asString().asInt(), l.get(8).asString().asBytes(),
                polka);
    }

    private static Commitment decodeCommitment(RlpList l) {
        l.expectSize(7);
        if (l.get(0).asString().asInt() != COMMITMENT) {
            throw new RlpException(RlpException.Code.INVALID_VALUE, "not a commitment");
        }
        return new Commitment(string(l.get(1)), l.get(2).asString().asLong(), l.get(3).asString().asInt(),
                l.get(4).asString().asInt(), l.get(5).asString().asBytes(), l.get(6).asString().asBytes());
    }

    private static byte[] str(String s) {
        return Rlp.encodeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Bytes b) {
        return Rlp.encodeBytes(b.unsafeArray());
    }

    private static String string(RlpItem item) {
        return item.asString().asUtf8();
    }
}
