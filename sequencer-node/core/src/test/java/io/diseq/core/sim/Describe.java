package io.diseq.core.sim;

import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the core's types into the simulator's observations ({@link Observed}) and trace text.
 * The signed "value" of a slot is keccak256 of the exact sign bytes, so any difference in what was
 * signed for one (height, round, step) counts as a second value.
 */
final class Describe {
    private Describe() {
    }

    static String shortId(Bytes id) {
        return id == null ? "nil" : id.toHex().substring(0, 8);
    }

    static String message(ConsensusMessage m) {
        String head = "h=" + m.height() + " r=" + m.round() + " from v" + m.sender();
        if (m instanceof Vote v) {
            return v.type() + " " + head + " " + shortId(v.blockId());
        }
        if (m instanceof Proposal p) {
            return "PROPOSAL " + head + " vr=" + p.validRound() + " " + shortId(p.blockId()) + " "
                    + p.block().ranges();
        }
        return "COMMITMENT " + head + " pi=" + shortId(((Commitment) m).pi());
    }

    static Observed.Signed signed(ConsensusMessage m) {
        Observed.Step step;
        if (m instanceof Vote v) {
            step = v.type() == VoteType.PREVOTE ? Observed.Step.PREVOTE : Observed.Step.PRECOMMIT;
        } else if (m instanceof Proposal) {
            step = Observed.Step.PROPOSAL;
        } else {
            step = Observed.Step.COMMITMENT;
        }
        return new Observed.Signed(m.sender(), m.height(), m.round(), step, Bytes.wrap(Keccak256.hash(m.signBytes())));
    }

    static Observed.Decision decision(int instance, DecidedBlock b) {
        List<Observed.Range> ranges = new ArrayList<>();
        for (PartitionRange r : b.header().ranges()) {
            ranges.add(new Observed.Range(r.partition(), r.firstOffset(), r.endOffset()));
        }
        List<Observed.Sequenced> messages = new ArrayList<>();
        for (SequencedMessage m : b.messages()) {
            messages.add(new Observed.Sequenced(m.partition(), m.offset(), m.messageId()));
        }
        List<Observed.CertVote> cert = new ArrayList<>();
        for (CommitSignature s : b.certificate().signatures()) {
            cert.add(new Observed.CertVote(s.validatorIndex(), b.certificate().height(), b.certificate().round(),
                    b.certificate().blockId(), s.signature()));
        }
        return new Observed.Decision(instance, b.height(), b.header().id(), b.header().parentHash(),
                b.header().timestampMs(), ranges, messages, cert, new Observed.Leader(b.header().round(),
                        b.header().committerIndex(), b.header().commitmentPi(), b.header().proposerIndex()));
    }
}
